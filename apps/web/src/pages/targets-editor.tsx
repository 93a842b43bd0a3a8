import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { type Program, staleCallProblems, type ValidationError } from '@shenbao/core';
import { type FormController, ShenbaoForm } from '@shenbao/forms';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../api/client';
import { targetsPath } from '../api/paths';
import type { TargetsRecord } from '../api/types';
import { sameJson } from '../application/reconcile';
import { downloadJson } from '../documents/documents';
import { type SchemaChange, targetChanges, type YearSide } from '../schema-diff';
import { publishedData } from '../targets-api';
import { type YearState, yearStateText } from './targets-year';

type Result = { ok: boolean; text: string; reasons?: string[]; reload?: boolean };
type Problem = { path: string; message: string };

/** What a copied year still keeps of the year before it (its call's title, dates in the old year). */
function staleCall(program: Program, state: YearState, data: unknown): ValidationError[] {
  const earlier = state.previous && { year: state.previous.year, data: state.previous.data };
  return staleCallProblems(program, state.year, data, earlier);
}

/** The form's reasons, the copied year's, and the year written in the data against the year being edited. */
function problems(program: Program, state: YearState, data: unknown): Problem[] {
  const reasons: Problem[] = [
    ...program.validate({ form: program.manifest.targets.form }, data).errors,
    ...staleCall(program, state, data),
  ];
  const y = (data as { year?: unknown }).year;
  if (y !== state.year)
    reasons.push({ path: '/year', message: `“年度”填写为 ${String(y)}，与所选年度 ${state.year} 不一致` });
  return reasons;
}

/** Refusals shown next to their fields too (until the field is edited again). */
function showAtFields(store: YearState['store'], reasons: readonly Problem[]): void {
  const byPath = new Map<string, string[]>();
  for (const r of reasons) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r.message]);
  store.patchErrors(() => true, byPath);
  store.setSubmitAttempted(true);
}

function refusal(e: unknown, what: string, store: YearState['store']): Result {
  if (e instanceof ApiError && e.status === 409)
    return { ok: false, text: `${what}失败：该年度要求已被其他人修改。请重新加载后再改。`, reload: true };
  if (e instanceof ApiError && Array.isArray(e.body.errors)) {
    const errors = e.body.errors as { path?: string; message?: string }[];
    showAtFields(
      store,
      errors.flatMap((x) =>
        x.path !== undefined && x.message ? [{ path: x.path, message: x.message }] : [],
      ),
    );
    return {
      ok: false,
      text: `${what}失败：${e.message}`,
      reasons: errors.map((x) => x.message ?? String(x.path)),
    };
  }
  return { ok: false, text: `${what}失败：${(e as Error).message}` };
}

export function TargetsEditor({
  program,
  state,
  onReload,
}: {
  program: Program;
  state: YearState;
  onReload: () => void;
}) {
  const targetsForm = program.manifest.targets.form;
  const appForm = program.manifest.eligibility?.form;
  const schema = useMemo(() => program.formSchema(targetsForm), [program, targetsForm]);
  const [record, setRecord] = useState<TargetsRecord | undefined>(state.record);
  const [changes, setChanges] = useState<SchemaChange[]>([]);
  const [stale, setStale] = useState<Problem[]>(() => staleCall(program, state, state.store.getData()));
  const [result, setResult] = useState<Result>();
  const [confirm, setConfirm] = useState<SchemaChange[] | undefined>();
  const [busy, setBusy] = useState(false);
  const controller = useRef<FormController>(undefined);
  const onController = useCallback((c: FormController) => {
    controller.current = c;
  }, []);
  // A copied year's old title and dates are errors at their fields, like the form's own rules.
  const checks = useCallback((data: unknown) => staleCall(program, state, data), [program, state]);
  const url = targetsPath(program.id, state.year);

  useEffect(() => {
    const compute = (): void => {
      setStale(staleCall(program, state, state.store.getData()));
      if (!appForm || !state.previous) return;
      try {
        const targets = state.store.getData();
        const after = program.schemaFor({ form: appForm, targets });
        setChanges(
          targetChanges(
            program,
            appForm,
            { schema: state.previous.schema, targets: state.previous.data },
            { schema: after, targets },
          ),
        );
      } catch {
        setChanges([]);
      }
    };
    compute();
    let t: ReturnType<typeof setTimeout> | undefined;
    const off = state.store.onChange(() => {
      if (t) clearTimeout(t);
      t = setTimeout(compute, 250);
    });
    return () => {
      off();
      if (t) clearTimeout(t);
    };
  }, [program, appForm, state]);

  /** Checks, then PUTs the draft with the version it was based on; the saved record, or undefined. */
  const saveDraft = async (): Promise<TargetsRecord | undefined> => {
    controller.current?.validateAll();
    state.store.setSubmitAttempted(true);
    const data = state.store.getData();
    const reasons = problems(program, state, data);
    if (reasons.length > 0) {
      showAtFields(state.store, reasons);
      setResult({ ok: false, text: '年度要求有误，未保存：', reasons: reasons.map((r) => r.message) });
      return undefined;
    }
    if (record?.draft !== undefined && record.draft !== null && sameJson(record.draft, data)) return record;
    try {
      const saved = await api.put<TargetsRecord>(url, { data, version: record?.version ?? 0 });
      setRecord(saved);
      return saved;
    } catch (e) {
      setResult(refusal(e, '保存', state.store));
      return undefined;
    }
  };

  const save = async (): Promise<void> => {
    setBusy(true);
    const saved = await saveDraft();
    setBusy(false);
    if (saved)
      setResult({
        ok: true,
        text: `已保存 ${state.year} 年度要求（草稿，尚未发布）。发布后申报表单、条件自查和提交审核才按此要求执行。`,
      });
  };

  /** What publishing changes: against this year's published version, else the previous year's. */
  const publishChanges = (): SchemaChange[] => {
    if (!appForm) return [];
    const current = record ? publishedData(record) : undefined;
    const before: YearSide | undefined =
      current !== undefined
        ? { schema: program.schemaFor({ form: appForm, targets: current }), targets: current }
        : state.previous && { schema: state.previous.schema, targets: state.previous.data };
    if (!before) return [];
    const targets = state.store.getData();
    const after = { schema: program.schemaFor({ form: appForm, targets }), targets };
    return targetChanges(program, appForm, before, after).filter((c) => c.changed);
  };

  const askPublish = async (): Promise<void> => {
    setBusy(true);
    const saved = await saveDraft();
    setBusy(false);
    if (saved) setConfirm(publishChanges());
  };

  const publish = async (): Promise<void> => {
    if (!record) return;
    setBusy(true);
    try {
      const r = await api.post<TargetsRecord>(`${url}/publish`, { version: record.version });
      setRecord(r);
      setResult({
        ok: true,
        text: `已发布 ${state.year} 年度要求。申报表单、条件自查和提交审核即刻按此要求执行。`,
      });
    } catch (e) {
      setResult(refusal(e, '发布', state.store));
    } finally {
      setBusy(false);
      setConfirm(undefined);
    }
  };

  const download = (): void => {
    const reasons = problems(program, state, state.store.getData());
    if (reasons.length > 0) {
      setResult({ ok: false, text: '年度要求有误，不能下载：', reasons: reasons.map((r) => r.message) });
      return;
    }
    downloadJson(state.store.getData(), `${state.year}.json`);
  };

  const changed = changes.filter((c) => c.changed).length;
  return (
    <div className="targets-grid">
      <section aria-labelledby="targets-form-title">
        <h2 id="targets-form-title">{state.year} 年度要求</h2>
        <p className="hint" data-testid="targets-state">
          {yearStateText(record, state.previous, program.manifest.timezone)}
        </p>
        {stale.length > 0 && state.previous && (
          <Alert severity="warning" data-testid="targets-stale">
            本年度要求由 {state.previous.year} 年复制而来，保存前须修改：
            <ul>
              {stale.map((p) => (
                <li key={p.path}>{p.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        <ShenbaoForm
          program={program}
          form={targetsForm}
          schema={schema}
          store={state.store}
          checks={checks}
          onController={onController}
        />
        <div className="toolbar">
          <Button variant="outlined" disabled={busy} onClick={() => void save()} data-testid="targets-save">
            保存草稿
          </Button>
          <Button
            variant="contained"
            disabled={busy}
            onClick={() => void askPublish()}
            data-testid="targets-publish"
          >
            发布
          </Button>
          <Button variant="text" onClick={download}>
            下载文件
          </Button>
        </div>
        {result && (
          <Alert
            severity={result.ok ? 'success' : 'error'}
            role="status"
            data-testid="targets-result"
            action={
              result.reload ? (
                <Button size="small" onClick={onReload}>
                  重新加载
                </Button>
              ) : undefined
            }
          >
            {result.text}
            {result.reasons && (
              <ul>
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </section>
      {state.previous && (
        <section aria-labelledby="diff-title" className="diff">
          <h2 id="diff-title">
            申报表单对照：{state.previous.year} 年 → {state.year} 年
          </h2>
          <p>{changed === 0 ? '与上一年度相比没有变化。' : `有 ${changed} 项要求发生变化（已标出）。`}</p>
          <ChangesTable changes={changes} before={`${state.previous.year} 年`} after={`${state.year} 年`} />
        </section>
      )}
      <Dialog
        open={confirm !== undefined}
        onClose={() => !busy && setConfirm(undefined)}
        aria-labelledby="publish-title"
      >
        <DialogTitle id="publish-title">发布 {state.year} 年度要求？</DialogTitle>
        <DialogContent>
          <p>发布后，{state.year} 年度的申报表单、申报条件自查和提交审核都按新要求执行。</p>
          {confirm && confirm.length > 0 ? (
            <>
              <p>申报表单将发生以下变化：</p>
              <ChangesTable changes={confirm} before="发布前" after="发布后" />
            </>
          ) : (
            <p>申报表单的要求没有变化。</p>
          )}
        </DialogContent>
        <DialogActions>
          <Button disabled={busy} onClick={() => setConfirm(undefined)}>
            取消
          </Button>
          <Button
            variant="contained"
            disabled={busy}
            onClick={() => void publish()}
            data-testid="targets-publish-confirm"
          >
            确认发布
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}

function ChangesTable({
  changes,
  before,
  after,
}: {
  changes: SchemaChange[];
  before: string;
  after: string;
}) {
  return (
    <table className="sb-table diff-table">
      <thead>
        <tr>
          <th scope="col">栏目</th>
          <th scope="col">要求</th>
          <th scope="col">{before}</th>
          <th scope="col">{after}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className={c.changed ? 'changed' : ''} data-changed={c.changed} title={c.path}>
            <td>{c.field}</td>
            <td>{c.keyword}</td>
            <td>{c.before}</td>
            <td>
              {c.after}
              {c.changed && <span className="badge">已变更</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
