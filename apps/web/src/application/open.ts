import type { Program } from '@shenbao/core';
import { ApiError, api, queryString, seg } from '../api/client';
import type { ApplicationRecord, Paged } from '../api/types';
import { type LocalCopy, loadCopy, saveCopy } from '../storage/db';
import { type Reconciled, reconcile } from './reconcile';
import { putApplication } from './saver';
import { isEditableState } from './states';

export interface OpenedApplication {
  record: ApplicationRecord;
  /** The local copy of an earlier visit, when there is one. */
  local: LocalCopy | undefined;
  /** What the open decided; `conflict`: the page asks the applicant. */
  decision: Reconciled['kind'];
  /** The data the form starts with. */
  data: unknown;
  /** Set when the local changes were sent on open. */
  pushed: boolean;
}

export function getApplication(id: string): Promise<ApplicationRecord> {
  return api.get<ApplicationRecord>(`/api/applications/${seg(id)}`);
}

/** The organisation's application for a programme and year: found, or created (one per year). */
export async function findOrCreate(programId: string, year: number): Promise<ApplicationRecord> {
  const list = await api.get<Paged<{ id: string }>>(
    `/api/applications${queryString({ programId, year, pageSize: 1 })}`,
  );
  const found = list.items[0];
  if (found) return getApplication(found.id);
  try {
    return await api.post<ApplicationRecord>('/api/applications', { programId, year });
  } catch (e) {
    // Another tab or a colleague created it a moment ago.
    if (e instanceof ApiError && e.status === 409 && typeof e.body.id === 'string')
      return getApplication(e.body.id);
    throw e;
  }
}

/**
 * Opens an application with what this browser kept of it: local changes made while the server
 * could not be reached are sent now when the server did not move on; when both changed, the
 * decision is `conflict` and nothing is sent (the page shows both).
 */
export async function openApplication(
  record: ApplicationRecord,
  program?: Program,
): Promise<OpenedApplication> {
  const local = await loadCopy(record.id);
  const decision = reconcile(local, record, isEditableState(program, record.state)).kind;
  if (decision === 'push' && local) {
    try {
      const saved = await putApplication(record.id, local.data, record.version);
      const next = { ...record, data: local.data, version: saved.version, updatedAt: saved.updatedAt };
      await saveCopy({ ...local, baseVersion: saved.version, synced: true });
      return { record: next, local, decision, data: local.data, pushed: true };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // Not sent: the autosave tries again; the form shows the local data meanwhile.
      if (e.offline) return { record, local, decision, data: local.data, pushed: false };
      if (e.status === 409 && e.code === 'STALE')
        return openApplication((e.body.current as ApplicationRecord | undefined) ?? record, program);
      throw e;
    }
  }
  // A conflict opens on the server's data; the applicant's choice may replace it.
  return { record, local, decision, data: record.data, pushed: false };
}
