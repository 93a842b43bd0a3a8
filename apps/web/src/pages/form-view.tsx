import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import {
  type Draft,
  focusField,
  migrateDraft,
  parseDraftFile,
  ShenbaoForm,
  stepOfPath,
  stepsOf,
} from '@shenbao/forms';
import { useEffect, useMemo, useRef, useState } from 'react';
import { onBeforeLogout } from '../api/session';
import { serverSink } from '../application/saver';
import { isEditableState } from '../application/states';
import { type Notice, useApplication } from '../application/use-application';
import { type SaveSink, type SaveState, startAutosave } from '../autosave';
import { AsidePanel } from '../components/aside-panel';
import { CallWindowLine, windowBlock } from '../components/call-window';
import { ConflictDialog } from '../components/conflict-dialog';
import { EligibilityPanel } from '../components/eligibility-panel';
import { SaveStatus, useSaveState } from '../components/save-indicator';
import { SubmissionReasons, SubmissionStatus } from '../components/submission-status';
import { UnchosenNotice } from '../components/unchosen-notice';
import { downloadJson } from '../documents/documents';
import { href } from '../router';
import { saveDraft } from '../storage/db';
import { serverFiles } from '../storage/server-files';
import { watchOtherTabs } from '../tab-guard';
import { DocumentButtons } from './document-buttons';
import { FormToolbar } from './form-toolbar';
import type { LoadedForm } from './load-form';

function initialSaveState(l: LoadedForm): SaveState {
  if (l.mode.kind === 'local')
    return l.mode.savedAt ? { kind: 'saved', at: new Date(l.mode.savedAt) } : { kind: 'idle' };
  const { opened, app } = l.mode;
  if (opened.decision === 'push' && !opened.pushed) return { kind: 'offline', at: new Date() };
  return app.version > 1 ? { kind: 'saved', at: new Date(app.record.updatedAt) } : { kind: 'idle' };
}

/**
 * A loaded form: autosave (to the server with a local copy, or to this browser), the page's
 * notices, the form, the eligibility panel, and for a server application its state, submission,
 * withdrawal, documents and the choice between versions.
 */
export function LoadedFormView({ l }: { l: LoadedForm }) {
  const { program, store, form } = l;
  const server = l.mode.kind === 'server' ? l.mode : undefined;
  const tz = program.manifest.timezone;
  const [saveStatus] = useState(() => new SaveStatus(initialSaveState(l)));
  const save = useSaveState(saveStatus);
  const [otherTab, setOtherTab] = useState<'open' | 'saved' | undefined>();
  const [aside, setAside] = useState(l.aside);
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    server?.opened.pushed ? { severity: 'info', text: '本机保存的修改已同步到服务器。' } : undefined,
  );
  const asideRef = useRef(aside);
  asideRef.current = aside;
  const saver = useRef<ReturnType<typeof startAutosave>>(undefined);
  const application = useApplication(server?.app, server?.opened, store, saver, asideRef, setNotice);
  const record = application.record;
  const readonly = record !== undefined && !isEditableState(program, record.state);
  const blocked = server ? windowBlock(server.callWindow) : undefined;
  const isEligibilityForm = program.manifest.eligibility?.form === form;
  const draftKey = server ? server.app.id : (l.mode as { key: string }).key;
  const [files] = useState(() => serverFiles(program.id, form));

  const draftOf = (): Draft => ({
    format: 'shenbao-draft',
    key: draftKey,
    programId: program.id,
    form,
    year: l.year,
    schemaVersion: program.manifest.schemaVersion ?? '',
    aside: asideRef.current,
    data: store.getData(),
    step: store.currentStep,
    savedAt: new Date().toISOString(),
  });
  const draftRef = useRef(draftOf);
  draftRef.current = draftOf;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the sink reads the latest page state through refs
  useEffect(() => {
    if (readonly) return;
    const guard = watchOtherTabs(draftKey, setOtherTab);
    const sink: SaveSink = server
      ? serverSink(server.app, application.hooks)
      : async ({ data, step }) => {
          const at = new Date();
          await saveDraft({ ...draftRef.current(), data, step, savedAt: at.toISOString() });
          return { kind: 'saved', at };
        };
    const s = startAutosave(store, sink, (state) => {
      saveStatus.set(state);
      if (state.kind === 'saved') guard.announceSave();
    });
    saver.current = s;
    const offLogout = onBeforeLogout(() => s.flush());
    // Changes kept here while the server could not be reached: send them as soon as it can be.
    if (saveStatus.get().kind === 'offline') s.changed();
    return () => {
      offLogout();
      void s.flush();
      s.stop();
      guard.stop();
      saver.current = undefined;
    };
  }, [store, draftKey, readonly, saveStatus]);

  const exportDraft = (): void => downloadJson(draftOf(), `${program.manifest.title}-草稿.json`);

  const importDraft = async (file: File): Promise<void> => {
    const parsed = parseDraftFile(await file.text(), { programId: program.id, form });
    if ('message' in parsed) {
      setNotice({ severity: 'error', text: `导入失败：${parsed.message}` });
      return;
    }
    const migrated = migrateDraft(
      { ...parsed.draft, key: draftKey },
      l.schema,
      program.manifest.schemaVersion ?? '',
    );
    asideRef.current = migrated.aside;
    setAside(migrated.aside);
    store.replace(migrated.data);
    setNotice({ severity: 'success', text: `已导入“${file.name}”` });
  };

  const onSubmit = async (): Promise<void> => {
    if (server) return application.submit();
    const s = await saver.current?.flush();
    setNotice(
      s?.kind === 'saved'
        ? { severity: 'success', text: '表单已填写完整并保存在本机浏览器中（本表单不在网上提交）。' }
        : { severity: 'error', text: '保存失败，请导出草稿保存。' },
    );
    window.scrollTo({ top: 0 });
  };
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  const submitLabel = server ? '提交申报' : '提交';
  // The form is built once per state: page chrome (save state, notices) re-renders without touching it.
  const formElement = useMemo(
    () => (
      <ShenbaoForm
        key={readonly ? 'readonly' : 'editable'}
        program={program}
        form={form}
        schema={l.schema}
        uischema={l.uischema}
        store={store}
        files={files}
        readonly={readonly}
        onSubmit={readonly ? undefined : () => void submitRef.current()}
        submitLabel={submitLabel}
      />
    ),
    [program, form, l.schema, l.uischema, store, files, readonly, submitLabel],
  );

  const goToField = (path: string): void => {
    const stepIndex = stepOfPath(stepsOf(l.uischema), path);
    if (stepIndex >= 0) store.setStep(stepIndex);
    focusField(path);
  };

  return (
    <div
      className="form-page"
      data-call-blocked={blocked ? 'true' : undefined}
      data-readonly={readonly ? 'true' : undefined}
    >
      {/* Not a <header>: outside <main> that would be a second banner beside the site header. A
          named section instead, so the title and the toolbar still sit in a landmark (axe region). */}
      <section className="page-head" aria-labelledby="form-page-title">
        <div>
          <p className="crumbs">
            <a href={href.home()}>全部项目</a>
            {server && (
              <>
                {' / '}
                <a href={href.mine()}>我的申报</a>
              </>
            )}{' '}
            / {program.manifest.title}
          </p>
          <h1 id="form-page-title">
            {l.formTitle}
            {l.year !== undefined && <span className="year">（{l.year}年度）</span>}
          </h1>
          {server && <CallWindowLine window={server.callWindow} timeZone={tz} />}
          {l.fixture && <p className="hint">测试数据“{l.fixture}”，与正式草稿分开保存。</p>}
        </div>
        <FormToolbar
          l={l}
          saveStatus={saveStatus}
          readonly={readonly}
          onExport={exportDraft}
          onImport={(f) => void importDraft(f)}
        />
      </section>
      {save.kind === 'offline' && (
        <Alert severity="warning" data-testid="offline">
          无法连接服务器，已保存在本机，恢复连接后自动同步。
        </Alert>
      )}
      {otherTab && (
        <Alert
          severity="warning"
          closeText="关闭"
          onClose={() => setOtherTab(undefined)}
          data-testid="other-tab"
        >
          {otherTab === 'open'
            ? '此草稿已在另一个浏览器标签页中打开。两处同时修改会相互覆盖，请只在一个标签页中填写。'
            : '此草稿刚在另一个标签页中被保存。为免覆盖，请关闭其中一个标签页后刷新。'}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.severity} closeText="关闭" onClose={() => setNotice(undefined)} role="status">
          {notice.text}
        </Alert>
      )}
      {record && (
        <SubmissionStatus program={program} record={record} timeZone={tz} onWithdraw={application.withdraw} />
      )}
      {application.reasons && (
        <SubmissionReasons
          reasons={application.reasons}
          onField={goToField}
          onClose={application.clearReasons}
        />
      )}
      {application.unchosen && (
        <UnchosenNotice
          unchosen={application.unchosen}
          readonly={readonly}
          timeZone={tz}
          fileStem={program.manifest.title}
          onDismiss={application.dismissUnchosen}
        />
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
      {server && (
        <DocumentButtons
          program={program}
          form={form}
          store={store}
          applicationId={server.app.id}
          flush={async () => saver.current?.flush()}
          onError={(text) => setNotice({ severity: 'error', text })}
        />
      )}
      <div className={isEligibilityForm ? 'with-panel' : ''}>
        <main className="form-main">
          {formElement}
          {blocked && !readonly && (
            <div className="submit-blocked" data-testid="submit-blocked">
              <Button variant="contained" disabled>
                提交申报
              </Button>
              <span>{blocked.reason}，不能提交。</span>
            </div>
          )}
        </main>
        {isEligibilityForm && <EligibilityPanel program={program} store={store} targets={l.targets} />}
      </div>
      {server && application.conflict && (
        <ConflictDialog
          program={program}
          schema={l.schema}
          versions={application.conflict.versions}
          fileStem={program.manifest.title}
          onChoose={application.choose}
        />
      )}
    </div>
  );
}
