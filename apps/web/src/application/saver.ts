import { ApiError, api, seg } from '../api/client';
import { sessionExpired } from '../api/session';
import type { ApplicationRecord, SavedVersion } from '../api/types';
import type { SaveSink, SaveState } from '../autosave';
import { type LocalCopy, saveCopy } from '../storage/db';
import { sameJson } from './reconcile';

/**
 * The application as this page knows it on the server: its record without the data, and the
 * version the form's data was last saved as. Pages observe it (state, 申报编号).
 */
export class ServerApplication {
  private listeners = new Set<() => void>();
  /** JSON of the data the server holds at `record.version` (saves of unchanged data are skipped). */
  private serverJson: string;

  constructor(
    public record: Omit<ApplicationRecord, 'data'>,
    serverData: unknown,
  ) {
    this.serverJson = JSON.stringify(serverData);
  }

  get id(): string {
    return this.record.id;
  }
  get version(): number {
    return this.record.version;
  }
  /** The server now holds `data` at `version` (a save, a push, a chosen version). */
  saved(version: number, data: unknown, updatedAt?: string): void {
    this.serverJson = JSON.stringify(data);
    this.update({ version, ...(updatedAt ? { updatedAt } : {}) });
  }

  holds(data: unknown): boolean {
    return this.serverJson === JSON.stringify(data);
  }

  update(patch: Partial<Omit<ApplicationRecord, 'data'>>): void {
    this.record = { ...this.record, ...patch };
    for (const l of this.listeners) l();
  }

  /** A full record from the server (submit, withdraw, reload). */
  adopt(r: ApplicationRecord): void {
    const { data, ...rest } = r;
    this.serverJson = JSON.stringify(data);
    this.record = rest;
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  get = (): Omit<ApplicationRecord, 'data'> => this.record;
}

export interface SinkHooks {
  /** The local copy's fields that are not the data (aside fields kept, the chosen-away version). */
  extras: () => Pick<LocalCopy, 'aside' | 'unchosen'>;
  /** The server moved on to another version with other data. */
  onConflict: (current: ApplicationRecord) => void;
  /** The application was submitted elsewhere: the page turns read-only. */
  onReadOnly: (message: string) => void;
}

/** PUT /api/applications/:id with the version it is based on. */
export async function putApplication(id: string, data: unknown, version: number): Promise<SavedVersion> {
  return api.put<SavedVersion>(`/api/applications/${seg(id)}`, { data, version });
}

/**
 * Saves to the local copy first (IndexedDB: survives a lost connection, a closed tab), then to
 * the server with the version the data was based on; a stale version is a conflict unless the
 * server holds the very same data.
 */
export function serverSink(app: ServerApplication, hooks: SinkHooks): SaveSink {
  return async ({ data, step }): Promise<SaveState> => {
    const at = new Date();
    const copy = (synced: boolean, baseVersion: number): LocalCopy => ({
      id: app.id,
      programId: app.record.programId,
      form: app.record.form,
      year: app.record.year,
      baseVersion,
      synced,
      data,
      step,
      savedAt: at.toISOString(),
      ...hooks.extras(),
    });
    if (app.holds(data)) {
      await saveCopy(copy(true, app.version));
      return { kind: 'saved', at };
    }
    await saveCopy(copy(false, app.version));
    try {
      const r = await putApplication(app.id, data, app.version);
      app.saved(r.version, data, r.updatedAt);
      await saveCopy(copy(true, r.version));
      return { kind: 'saved', at };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.offline) return { kind: 'offline', at };
      if (e.status === 409 && e.code === 'STALE') {
        const current = e.body.current as ApplicationRecord | undefined;
        if (current && sameJson(current.data, data)) {
          app.adopt(current);
          await saveCopy(copy(true, current.version));
          return { kind: 'saved', at };
        }
        if (current) {
          hooks.onConflict(current);
          return { kind: 'conflict' };
        }
      }
      if (e.status === 409 && e.code === 'READ_ONLY') {
        hooks.onReadOnly(e.message);
        return { kind: 'error', message: '申报已提交，本机修改未同步（已保存在本机）' };
      }
      if (e.status === 401) {
        sessionExpired();
        return { kind: 'error', message: '登录已过期，内容已保存在本机，请重新登录后继续' };
      }
      return { kind: 'error', message: `保存到服务器失败：${e.message}（已保存在本机）` };
    }
  };
}
