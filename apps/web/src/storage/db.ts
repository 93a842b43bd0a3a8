import type { Draft, FileStore } from '@shenbao/forms';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export interface SavedTargets {
  key: string;
  programId: string;
  year: number;
  data: unknown;
  savedAt: string;
}

interface StoredFile {
  sha256: string;
  blob: Blob;
  name: string;
  type: string;
}

interface ShenbaoDB extends DBSchema {
  drafts: { key: string; value: Draft };
  files: { key: string; value: StoredFile };
  targets: { key: string; value: SavedTargets; indexes: { byProgram: string } };
}

let db: Promise<IDBPDatabase<ShenbaoDB>> | undefined;

/** The browser's own database: drafts, attachment bytes, staff-edited targets. */
export function database(): Promise<IDBPDatabase<ShenbaoDB>> {
  db ??= openDB<ShenbaoDB>('shenbao', 1, {
    upgrade(d) {
      d.createObjectStore('drafts', { keyPath: 'key' });
      d.createObjectStore('files', { keyPath: 'sha256' });
      d.createObjectStore('targets', { keyPath: 'key' }).createIndex('byProgram', 'programId');
    },
  });
  return db;
}

export async function loadDraft(key: string): Promise<Draft | undefined> {
  return (await database()).get('drafts', key);
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await database()).put('drafts', draft);
}

export async function deleteDraft(key: string): Promise<void> {
  await (await database()).delete('drafts', key);
}

/** Attachment bytes by SHA-256: the same file uploaded twice is stored once. */
export const indexedDbFiles: FileStore = {
  async put(sha256, blob, meta) {
    await (await database()).put('files', { sha256, blob, name: meta.name, type: meta.type });
  },
  async get(sha256) {
    return (await (await database()).get('files', sha256))?.blob;
  },
};

const targetsKey = (programId: string, year: number): string => `${programId}:${year}`;

export async function loadSavedTargets(programId: string, year: number): Promise<SavedTargets | undefined> {
  return (await database()).get('targets', targetsKey(programId, year));
}

export async function savedTargetYears(programId: string): Promise<number[]> {
  const all = await (await database()).getAllFromIndex('targets', 'byProgram', programId);
  return all.map((t) => t.year);
}

export async function saveTargets(programId: string, year: number, data: unknown): Promise<SavedTargets> {
  const value = {
    key: targetsKey(programId, year),
    programId,
    year,
    data,
    savedAt: new Date().toISOString(),
  };
  await (await database()).put('targets', value);
  return value;
}
