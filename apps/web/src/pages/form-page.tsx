import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { type Draft, migrateDraft, parseDraftFile, ShenbaoForm } from '@shenbao/forms';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type SaveState, startAutosave } from '../autosave';
import { AsidePanel } from '../components/aside-panel';
import { EligibilityPanel } from '../components/eligibility-panel';
import { SaveIndicator, SaveStatus } from '../components/save-indicator';
import { applicantDocuments, downloadBlob, generateDocument } from '../documents/documents';
import { href } from '../router';
import { indexedDbFiles, saveDraft } from '../storage/db';
import { watchOtherTabs } from '../tab-guard';
import { type LoadedForm, loadForm } from './load-form';

interface Props {
  programId: string;
  form?: string;
  query: URLSearchParams;
}

/** Any programme's form by id; on the eligibility form it is the applicant's portal. */
export function FormPage({ programId, form, query }: Props) {
  const [loaded, setLoaded] = useState<LoadedForm | undefined>();
  const [error, setError] = useState<string | undefined>();
  const q = query.toString();
  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    setError(undefined);
    loadForm(programId, form, new URLSearchParams(q)).then(
      (l) => live && setLoaded(l),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [programId, form, q]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!loaded) return <p className="loading">正在加载表单…</p>;
  return <LoadedFormView key={`${loaded.draft.key}@${loaded.year}`} l={loaded} />;
}

function LoadedFormView({ l }: { l: LoadedForm }) {
  const { program, store, form } = l;
  const [saveStatus] = useState(
    () =>
      new SaveStatus(
        l.draft.savedAt ? { kind: 'saved', at: new Date(l.draft.savedAt) } : ({ kind: 'idle' } as SaveState),
      ),
  );
  const [otherTab, setOtherTab] = useState<'open' | 'saved' | undefined>();
  const [aside, setAside] = useState(l.draft.aside);
  const [notice, setNotice] = useState<
    { severity: 'success' | 'error' | 'info'; text: string } | undefined
  >();
  const [busy, setBusy] = useState<string | undefined>();
  const [docs, setDocs] = useState(() => applicantDocuments(program, form, store.getData()));
  const [submittedAt, setSubmittedAt] = useState(l.draft.submittedAt);
  const asideRef = useRef(aside);
  asideRef.current = aside;
  const submittedRef = useRef(submittedAt);
  submittedRef.current = submittedAt;
  const isEligibilityForm = program.manifest.eligibility?.form === form;

  const base = (): Omit<Draft, 'data' | 'step' | 'savedAt'> => ({
    format: 'shenbao-draft',
    key: l.draft.key,
    programId: program.id,
    form,
    year: l.year,
    schemaVersion: program.manifest.schemaVersion ?? '',
    aside: asideRef.current,
    submittedAt: submittedRef.current,
  });
  const baseRef = useRef(base);
  baseRef.current = base;
  const saver = useRef<ReturnType<typeof startAutosave>>(undefined);

  useEffect(() => {
    const guard = watchOtherTabs(l.draft.key, setOtherTab);
    const s = startAutosave(
      store,
      () => baseRef.current(),
      (state) => {
        saveStatus.set(state);
        if (state.kind === 'saved') guard.announceSave();
      },
    );
    saver.current = s;
    // Documents that apply depend on the data (e.g. the commitment letter on the hall's status).
    let t: ReturnType<typeof setTimeout> | undefined;
    const off = store.onChange(() => {
      if (t) clearTimeout(t);
      t = setTimeout(() => {
        const next = applicantDocuments(program, form, store.getData());
        setDocs((prev) => (prev.map((d) => d.id).join() === next.map((d) => d.id).join() ? prev : next));
      }, 1000);
    });
    return () => {
      void s.flush();
      s.stop();
      guard.stop();
      off();
      if (t) clearTimeout(t);
    };
  }, [store, l.draft.key, program, form, saveStatus]);

  const exportDraft = (): void => {
    const draft: Draft = {
      ...base(),
      data: store.getData(),
      step: store.currentStep,
      savedAt: new Date().toISOString(),
    };
    downloadBlob(
      new Blob([JSON.stringify(draft, null, 2)], { type: 'application/json' }),
      `${program.manifest.title}-草稿.json`,
    );
  };

  const importDraft = async (file: File): Promise<void> => {
    const parsed = parseDraftFile(await file.text(), { programId: program.id, form });
    if ('message' in parsed) {
      setNotice({ severity: 'error', text: `导入失败：${parsed.message}` });
      return;
    }
    const migrated = migrateDraft(
      { ...parsed.draft, key: l.draft.key },
      l.schema,
      program.manifest.schemaVersion ?? '',
    );
    setAside(migrated.aside);
    store.replace(migrated.data);
    setNotice({ severity: 'success', text: `已导入“${file.name}”` });
  };

  const download = async (docId: string, title: string): Promise<void> => {
    setBusy(docId);
    try {
      const data = store.getData();
      const valid = l.store.allErrors().size === 0;
      const blob = await generateDocument(program.id, docId, data, {
        year: l.year,
        placeholder: valid ? '' : '____',
      });
      downloadBlob(blob, `${title}${valid ? '' : '（草稿）'}.docx`);
    } catch (e) {
      setNotice({ severity: 'error', text: `生成“${title}”失败：${(e as Error).message}` });
    } finally {
      setBusy(undefined);
    }
  };

  const onSubmit = async (): Promise<void> => {
    const at = new Date().toISOString();
    setSubmittedAt(at);
    submittedRef.current = at;
    await saveDraft({
      ...base(),
      submittedAt: at,
      data: store.getData(),
      step: store.currentStep,
      savedAt: at,
    });
    setNotice({ severity: 'success', text: '申报材料已提交（演示环境：数据保存在本机浏览器中）。' });
    window.scrollTo({ top: 0 });
  };

  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  // The form is built once: page chrome (save state, notices) re-renders without touching it.
  const formElement = useMemo(
    () => (
      <ShenbaoForm
        program={program}
        form={form}
        schema={l.schema}
        uischema={l.uischema}
        store={store}
        files={indexedDbFiles}
        onSubmit={() => void submitRef.current()}
        submitLabel={isEligibilityForm ? '提交申报' : '提交'}
      />
    ),
    [program, form, l.schema, l.uischema, store, isEligibilityForm],
  );

  return (
    <div className="form-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <a href={href.home()}>全部项目</a> / {program.manifest.title}
          </p>
          <h1>
            {l.formTitle}
            {l.year !== undefined && <span className="year">（{l.year}年度）</span>}
          </h1>
          {l.fixture && <p className="hint">测试数据“{l.fixture}”，与正式草稿分开保存。</p>}
        </div>
        <div className="toolbar no-print">
          <SaveIndicator status={saveStatus} />
          {l.yearly && l.years.length > 1 && (
            <label className="year-pick">
              申报年度
              <select
                value={l.year}
                onChange={(e) => {
                  const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
                  q.set('year', e.target.value);
                  window.location.hash = `${window.location.hash.split('?')[0]}?${q}`;
                }}
              >
                {l.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          )}
          <Button size="small" variant="outlined" onClick={exportDraft}>
            导出草稿
          </Button>
          <Button size="small" variant="outlined" component="label">
            导入草稿
            <input
              hidden
              type="file"
              accept="application/json,.json"
              aria-label="导入草稿文件"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importDraft(f);
                e.target.value = '';
              }}
            />
          </Button>
          <Button size="small" variant="outlined" href={href.review(program.id, form)}>
            打印预览
          </Button>
        </div>
      </header>
      {otherTab && (
        <Alert severity="warning" onClose={() => setOtherTab(undefined)} data-testid="other-tab">
          {otherTab === 'open'
            ? '此草稿已在另一个浏览器标签页中打开。两处同时修改会相互覆盖，请只在一个标签页中填写。'
            : '此草稿刚在另一个标签页中被保存。为免覆盖，请关闭其中一个标签页后刷新。'}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(undefined)} role="status">
          {notice.text}
        </Alert>
      )}
      {submittedAt && !notice && (
        <Alert severity="info">
          已于 {new Date(submittedAt).toLocaleString('zh-CN')} 提交。修改后可再次提交。
        </Alert>
      )}
      <AsidePanel
        aside={aside}
        onDiscard={(path) => {
          const next = asideRef.current.filter((x) => x.path !== path);
          asideRef.current = next;
          setAside(next);
          saver.current?.changed();
        }}
      />
      {docs.length > 0 && (
        <section className="documents no-print" aria-label="文书下载">
          <span>按当前填报内容生成 Word 文书：</span>
          {docs.map((d) => (
            <Button
              key={d.id}
              size="small"
              variant="outlined"
              disabled={busy !== undefined}
              onClick={() => void download(d.id, d.title)}
              data-document={d.id}
            >
              {busy === d.id ? '正在生成…' : `下载${d.title}`}
            </Button>
          ))}
        </section>
      )}
      <div className={isEligibilityForm ? 'with-panel' : ''}>
        <main className="form-main">{formElement}</main>
        {isEligibilityForm && <EligibilityPanel program={program} store={store} targets={l.targets} />}
      </div>
    </div>
  );
}
