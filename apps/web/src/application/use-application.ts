import type { AsideField, FormStore } from '@shenbao/forms';
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, api, seg } from '../api/client';
import type { ApplicationRecord, SubmissionReason } from '../api/types';
import type { Autosave } from '../autosave';
import type { ConflictVersions } from '../components/conflict-dialog';
import type { LocalCopy } from '../storage/db';
import type { OpenedApplication } from './open';
import { sameJson } from './reconcile';
import { putApplication, type ServerApplication, type SinkHooks } from './saver';

export type Notice = { severity: 'success' | 'error' | 'info' | 'warning'; text: string };

interface Conflict {
  versions: ConflictVersions;
  /** The server's record the choice is made against. */
  current: ApplicationRecord;
}

const conflictOf = (local: { data: unknown; savedAt: string }, current: ApplicationRecord): Conflict => ({
  versions: {
    local,
    server: { data: current.data, savedAt: current.updatedAt, version: current.version },
  },
  current,
});

/**
 * The application on the server as the form page works with it: its record (state, 申报编号),
 * a conflict to settle, the version not chosen, submission and withdrawal.
 */
export function useApplication(
  app: ServerApplication | undefined,
  opened: OpenedApplication | undefined,
  store: FormStore,
  saver: { current: Autosave | undefined },
  asideRef: { current: AsideField[] },
  notify: (n: Notice | undefined) => void,
) {
  const record = useSyncExternalStore(
    app?.subscribe ?? noSubscribe,
    app?.get ?? noRecord,
    app?.get ?? noRecord,
  );
  const [conflict, setConflict] = useState<Conflict | undefined>(() =>
    opened?.decision === 'conflict' && opened.local
      ? conflictOf({ data: opened.local.data, savedAt: opened.local.savedAt }, opened.record)
      : undefined,
  );
  const [unchosen, setUnchosen] = useState<LocalCopy['unchosen']>(() => {
    const local = opened?.local;
    if (opened?.decision === 'kept' && local)
      return { source: 'local', data: local.data, savedAt: local.savedAt };
    return local?.unchosen;
  });
  const [reasons, setReasons] = useState<SubmissionReason[]>();
  const conflictRef = useRef(conflict);
  conflictRef.current = conflict;
  const unchosenRef = useRef(unchosen);
  unchosenRef.current = unchosen;

  const hooks: SinkHooks = useMemo(
    () => ({
      extras: () => ({ aside: asideRef.current, unchosen: unchosenRef.current }),
      onConflict: (current) =>
        setConflict(conflictOf({ data: store.getData(), savedAt: new Date().toISOString() }, current)),
      onReadOnly: () => {
        if (!app) return;
        void api.get<ApplicationRecord>(`/api/applications/${seg(app.id)}`).then((r) => app.adopt(r));
      },
    }),
    [app, store, asideRef],
  );

  /** The version not chosen: in the ref at once, so the save that follows keeps it in the local copy. */
  const keepUnchosen = useCallback((u: LocalCopy['unchosen']) => {
    unchosenRef.current = u;
    setUnchosen(u);
  }, []);

  const choose = useCallback(
    async (which: 'local' | 'server'): Promise<void> => {
      const c = conflictRef.current;
      if (!app || !c) return;
      const { versions, current } = c;
      if (which === 'local') {
        try {
          const r = await putApplication(app.id, versions.local.data, current.version);
          app.adopt({ ...current, data: versions.local.data, version: r.version, updatedAt: r.updatedAt });
        } catch (e) {
          if (e instanceof ApiError && e.code === 'STALE' && e.body.current) {
            setConflict(conflictOf(versions.local, e.body.current as ApplicationRecord));
            throw new Error('服务器上的版本刚又有更新，请重新比较后再选择');
          }
          throw e;
        }
        keepUnchosen({ source: 'server', data: current.data, savedAt: current.updatedAt });
        if (!sameJson(store.getData(), versions.local.data)) store.replace(versions.local.data);
      } else {
        app.adopt(current);
        keepUnchosen({ source: 'local', data: versions.local.data, savedAt: versions.local.savedAt });
        if (!sameJson(store.getData(), current.data)) store.replace(current.data);
      }
      conflictRef.current = undefined;
      setConflict(undefined);
      notify({
        severity: 'info',
        text: `已采用${which === 'local' ? '本机' : '服务器'}版本。未采用的版本仍可下载（见下方提示）。`,
      });
      saver.current?.resume();
    },
    [app, store, saver, notify, keepUnchosen],
  );

  const dismissUnchosen = useCallback(() => {
    unchosenRef.current = undefined;
    setUnchosen(undefined);
    saver.current?.changed();
  }, [saver]);

  const submit = useCallback(async (): Promise<void> => {
    if (!app) return;
    setReasons(undefined);
    notify(undefined);
    const s = await saver.current?.flush();
    if (s?.kind === 'offline') {
      notify({
        severity: 'error',
        text: '无法连接服务器，暂不能提交。填写内容已保存在本机，恢复连接后会自动同步，届时请再提交。',
      });
      return;
    }
    if (s?.kind === 'conflict') return;
    if (s?.kind === 'error') {
      notify({ severity: 'error', text: s.message });
      return;
    }
    try {
      const r = await api.post<ApplicationRecord>(`/api/applications/${seg(app.id)}/submit`, {
        version: app.version,
      });
      // The page's status line says it (申报编号, the receipt, 撤回申报).
      app.adopt(r);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 422) {
        const list = Array.isArray(e.body.reasons) ? (e.body.reasons as SubmissionReason[]) : [];
        setReasons(list.length > 0 ? list : [{ kind: 'other', message: e.message }]);
      } else if (e.code === 'STALE' && e.body.current) {
        hooks.onConflict(e.body.current as ApplicationRecord);
      } else if (e.code === 'READ_ONLY') {
        hooks.onReadOnly(e.message);
        notify({ severity: 'info', text: e.message });
      } else notify({ severity: 'error', text: `提交失败：${e.message}` });
    }
    window.scrollTo({ top: 0 });
  }, [app, saver, notify, hooks]);

  const withdraw = useCallback(async (): Promise<void> => {
    if (!app) return;
    try {
      const r = await api.post<ApplicationRecord>(`/api/applications/${seg(app.id)}/withdraw`, {
        version: app.version,
      });
      app.adopt(r);
      notify({ severity: 'info', text: '已撤回申报。修改后可重新提交。' });
    } catch (e) {
      notify({ severity: 'error', text: `撤回失败：${(e as Error).message}` });
    }
  }, [app, notify]);

  return {
    record,
    conflict,
    choose,
    unchosen,
    dismissUnchosen,
    reasons,
    clearReasons: () => setReasons(undefined),
    hooks,
    submit,
    withdraw,
  };
}

const noSubscribe = (): (() => void) => () => {};
const noRecord = (): undefined => undefined;
