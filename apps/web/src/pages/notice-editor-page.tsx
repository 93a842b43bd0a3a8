import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { isJsonObject, type NoticeDocument, noticeDocument, type Program } from '@shenbao/core';
import { type FormController, FormStore, type SchemaNode, ShenbaoForm, skeleton } from '@shenbao/forms';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { type NoticeView, noticesApi, publicNoticeUrl } from '../notices/api';
import { DerivedParts } from '../notices/derived-parts';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { zonedText } from '../time';

type Status = { severity: 'success' | 'info' | 'warning' | 'error'; text: string; reasons?: string[] };

/** `data` with the empty objects of `base` where it has none, so errors name fields, not sections. */
function over(base: Record<string, unknown>, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = isJsonObject(data) ? { ...data } : {};
  for (const [k, v] of Object.entries(base))
    out[k] = out[k] === undefined ? v : isJsonObject(v) && isJsonObject(out[k]) ? over(v, out[k]) : out[k];
  return out;
}

/** The form's data: the staff part as the server has it, required sections present. */
const formData = (n: NoticeView): Record<string, unknown> =>
  over(skeleton(n.form as SchemaNode), structuredClone(n.staff));

/** The server's refusal with its field errors (422 INVALID_DATA), as `{path, message}`. */
function fieldErrors(e: unknown): { path: string; message: string }[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.body.errors)) return [];
  return (e.body.errors as { path?: unknown; message?: unknown }[]).map((x) => ({
    path: typeof x.path === 'string' ? x.path : '',
    message: typeof x.message === 'string' ? x.message : String(x.message),
  }));
}

/** The notice the server holds now, when its refusal carries it (409 STALE `current`, PUBLISHED). */
function currentOf(e: unknown): NoticeView | undefined {
  if (!(e instanceof ApiError) || e.status !== 409) return undefined;
  const c = e.body.current as Partial<NoticeView> | undefined;
  return c && typeof c === 'object' && 'id' in c ? (c as NoticeView) : undefined;
}

/**
 * 公告编辑 (staff): the derived parts (list, period, year) read-only as the server derived them,
 * with the problems it found; the staff part as a programme form (the document's data schema
 * without the derived parts, from the server); 保存 (versioned), 刷新名单, 发布 after a
 * confirmation; a published notice is frozen, with its public page, Word and PDF, and 更正.
 */
export function NoticeEditorPage({ programId, id }: { programId: string; id: string }) {
  const [program, setProgram] = useState<Program>();
  const [notice, setNotice] = useState<NoticeView>();
  const [store, setStore] = useState<FormStore>();
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [confirm, setConfirm] = useState(false);
  /** Bumped whenever the form is filled again from the server (a fresh store, a fresh form). */
  const [generation, setGeneration] = useState(0);
  const controller = useRef<FormController | undefined>(undefined);
  const statusRef = useRef<HTMLDivElement>(null);

  /** Shows `n` as the server has it, the form filled with its staff part. */
  const show = useCallback((n: NoticeView, withProblems?: string[]) => {
    setNotice(n);
    setStore(new FormStore(formData(n)));
    setGeneration((g) => g + 1);
    setDirty(false);
    if (withProblems) setProblems(withProblems);
  }, []);

  useEffect(() => {
    setNotice(undefined);
    setStatus(undefined);
    Promise.all([loadProgramme(programId), noticesApi.get(id)]).then(
      ([{ program: p }, n]) => {
        setProgram(p);
        show(n, n.problems);
      },
      (e: Error) => setError(e.message),
    );
  }, [programId, id, show]);

  useEffect(() => {
    if (!store) return;
    return store.onChange(() => setDirty(true));
  }, [store]);

  useEffect(() => {
    if (status) statusRef.current?.focus();
  }, [status]);

  const onController = useCallback((c: FormController) => {
    controller.current = c;
  }, []);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!program || !notice || !store) return <p className="loading">正在加载…</p>;
  const doc: NoticeDocument | undefined = noticeDocument(program, notice.documentId);
  if (!doc) return <Alert severity="error">本项目没有公告文书“{notice.documentId}”</Alert>;
  const draft = notice.state === 'draft';
  const tz = program.manifest.timezone;

  /** A refusal: reload on a conflict (and say so), the server's words otherwise. */
  const refused = (e: unknown, what: string): void => {
    const current = currentOf(e);
    if (current) {
      show(current);
      setStatus({
        severity: 'warning',
        text:
          current.state === 'draft'
            ? `${what}失败：该公告已被其他人修改，已重新加载最新内容，请核对后再${what}。`
            : `${what}失败：该公告已发布，不能再修改，已重新加载。`,
      });
      return;
    }
    const reasons = fieldErrors(e);
    if (reasons.length > 0) {
      // Next to the fields: the form's own check (the same schema) and the server's messages.
      controller.current?.validateAll();
      const byPath = new Map<string, string[]>();
      for (const r of reasons) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r.message]);
      store.patchErrors(() => true, byPath);
      store.setSubmitAttempted(true);
    }
    setStatus({
      severity: 'error',
      text: `${what}失败：${(e as Error).message}`,
      reasons: reasons.map((r) => r.message),
    });
  };

  /** Saves the staff part when it changed; the saved notice, or undefined after a refusal. */
  const saveIfDirty = async (what: string): Promise<NoticeView | undefined> => {
    if (!dirty) return notice;
    try {
      const saved = await noticesApi.save(notice.id, { data: store.getData(), version: notice.version });
      setNotice(saved);
      setDirty(false);
      return saved;
    } catch (e) {
      refused(e, what);
      return undefined;
    }
  };

  const run = async (what: string, fn: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setStatus(undefined);
    try {
      await fn();
    } finally {
      setBusy(undefined);
    }
  };

  const save = () =>
    run('保存', async () => {
      const saved = await saveIfDirty('保存');
      if (saved)
        setStatus({
          severity: 'success',
          text: `已保存（第 ${saved.version} 版）${saved.errors.length > 0 ? `；发布前尚有 ${saved.errors.length} 处需要填写或修改` : ''}`,
        });
    });

  const refresh = () =>
    run('刷新名单', async () => {
      const saved = await saveIfDirty('刷新名单');
      if (!saved) return;
      try {
        const r = await noticesApi.refresh(saved.id, saved.version);
        show(r, r.problems);
        setStatus({ severity: 'success', text: '已按当前记录重新生成名单与期间' });
      } catch (e) {
        refused(e, '刷新名单');
      }
    });

  const publish = () =>
    run('发布', async () => {
      setConfirm(false);
      const saved = await saveIfDirty('发布');
      if (!saved) return;
      try {
        const r = await noticesApi.publish(saved.id, saved.version);
        show(r);
        setStatus({ severity: 'success', text: '已发布，公告内容已冻结' });
      } catch (e) {
        refused(e, '发布');
      }
    });

  const correct = () =>
    run('更正', async () => {
      try {
        const r = await noticesApi.correct(notice.id);
        window.location.hash = href.notice(programId, r.id);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CORRECTION_EXISTS' && typeof e.body.id === 'string')
          window.location.hash = href.notice(programId, e.body.id);
        else refused(e, '更正');
      }
    });

  const documentUrl = (format: 'docx' | 'pdf') =>
    `/api/notices/${encodeURIComponent(notice.id)}/document?format=${format}`;

  return (
    <main className="notice-editor" data-testid="notice-editor" data-state={notice.state}>
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> / <a href={href.staffList(programId)}>{program.manifest.title}</a>{' '}
        / <a href={href.notices(programId, notice.year)}>公示与公告</a> / {draft ? '编辑' : '查看'}
      </p>
      <h1>{notice.title}</h1>
      <p className="notice-meta">
        <span className={`state notice-${notice.state}`} data-testid="notice-state">
          {draft ? '草稿' : '已发布'}
        </span>
        <span>
          {doc.entry.title}
          {doc.entry.article ? `（${doc.entry.article}）` : ''}
        </span>
        <span>第 {notice.version} 版</span>
        {notice.publishedAt && <span>发布于 {zonedText(notice.publishedAt, tz)}</span>}
        {notice.supersedes && (
          <a href={href.notice(programId, notice.supersedes)}>本稿为更正稿，查看原公告</a>
        )}
        {notice.supersededBy && (
          <a href={href.notice(programId, notice.supersededBy)}>本公告已被更正，查看更正稿</a>
        )}
      </p>
      <div ref={statusRef} tabIndex={-1} className="notice-status" aria-live="polite">
        {status && (
          <Alert severity={status.severity} data-testid="notice-status">
            {status.text}
            {status.reasons && status.reasons.length > 0 && (
              <ul>
                {status.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>

      <section className="notice-derived" aria-labelledby="derived-title">
        <h2 id="derived-title">系统生成的内容</h2>
        <p className="hint">
          {draft
            ? '名单、期间与年度取自当前的申报记录，不能在此修改；记录有变化时请“刷新名单”。'
            : '发布时冻结的名单、期间与年度。'}
        </p>
        {draft && problems.length > 0 && (
          <Alert severity="warning" data-testid="notice-problems">
            生成时发现以下问题：
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Alert>
        )}
        <DerivedParts program={program} doc={doc} data={notice.data} />
      </section>

      <section className="notice-staff" aria-labelledby="staff-title">
        <h2 id="staff-title">{draft ? '由工作人员填写' : '公告内容'}</h2>
        {draft && notice.errors.length > 0 && !status?.reasons && (
          <p className="hint" data-testid="notice-errors">
            发布前尚有 {notice.errors.length} 处需要填写或修改。
          </p>
        )}
        <ShenbaoForm
          key={generation}
          program={program}
          form={doc.entry.id}
          schema={notice.form}
          store={store}
          readonly={!draft}
          onController={onController}
        />
      </section>

      <div className="notice-actions no-print">
        {draft ? (
          <>
            <Button variant="outlined" disabled={busy !== undefined} onClick={() => void save()}>
              {busy === '保存' ? '正在保存…' : '保存'}
            </Button>
            <Button variant="outlined" disabled={busy !== undefined} onClick={() => void refresh()}>
              {busy === '刷新名单' ? '正在刷新…' : '刷新名单'}
            </Button>
            <Button variant="contained" disabled={busy !== undefined} onClick={() => setConfirm(true)}>
              {busy === '发布' ? '正在发布…' : '发布'}
            </Button>
            {dirty && <span className="hint">有未保存的修改</span>}
          </>
        ) : (
          <>
            {doc.spec.public && (
              <a
                className="notice-action-link"
                href={publicNoticeUrl(notice.id)}
                target="_blank"
                rel="noopener"
                data-testid="public-link"
              >
                查看公开页面
              </a>
            )}
            {!notice.supersededBy && (
              <Button variant="outlined" disabled={busy !== undefined} onClick={() => void correct()}>
                更正
              </Button>
            )}
          </>
        )}
        <a className="notice-action-link" href={documentUrl('docx')} download data-testid="notice-docx">
          下载 Word{draft ? '（草稿）' : ''}
        </a>
        <a className="notice-action-link" href={documentUrl('pdf')} download data-testid="notice-pdf">
          下载 PDF{draft ? '（草稿）' : ''}
        </a>
      </div>

      <Dialog open={confirm} onClose={() => setConfirm(false)} aria-labelledby="publish-title">
        <DialogTitle id="publish-title">发布公告</DialogTitle>
        <DialogContent>
          <DialogContentText>
            发布后《{notice.title}》的内容将冻结，不能再修改；如有错误，须另行创建更正稿。
            {doc.spec.public ? '公告将出现在公开的公示公告页面。' : ''}确认发布吗？
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>取消</Button>
          <Button variant="contained" onClick={() => void publish()} data-testid="publish-confirm">
            确认发布
          </Button>
        </DialogActions>
      </Dialog>
    </main>
  );
}
