import type { AsideField, Draft } from '@shenbao/forms';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * The browser's copy of an application kept on the server: written on every change before the
 * server is asked, so nothing typed is lost while the server cannot be reached, and compared
 * with the server's record on the next open (reconcile.ts).
 */
export interface LocalCopy {
  /** The application's id on the server. */
  id: string;
  programId: string;
  form: string;
  year: number;
  /** The server version this copy was based on. */
  baseVersion: number;
  /** True when the server holds exactly this data at `baseVersion`. */
  synced: boolean;
  data: unknown;
  /** Fields of an older form version kept aside (this browser only: the server holds the form data). */
  aside: AsideField[];
  step?: number;
  savedAt: string;
  /** The version the applicant did not choose in a conflict, kept until it is downloaded or dismissed. */
  unchosen?: { source: 'local' | 'server'; data: unknown; savedAt: string };
}

interface ShenbaoDB extends DBSchema {
  /** Drafts of forms that are not submitted through the server (and benchmark fixtures). */
  drafts: { key: string; value: Draft };
  copies: { key: string; value: LocalCopy };
}

let db: Promise<IDBPDatabase<ShenbaoDB>> | undefined;

/** The browser's own database: local copies of server applications, drafts of local forms. */
export function database(): Promise<IDBPDatabase<ShenbaoDB>> {
  db ??= openDB<ShenbaoDB>('shenbao', 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) d.createObjectStore('drafts', { keyPath: 'key' });
      if (oldVersion < 2) {
        d.createObjectStore('copies', { keyPath: 'id' });
        // Version 1 kept attachment bytes and staff targets here; both live on the server now.
        const names = d.objectStoreNames as unknown as DOMStringList;
        for (const gone of ['files', 'targets']) if (names.contains(gone)) d.deleteObjectStore(gone as never);
      }
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

export async function loadCopy(id: string): Promise<LocalCopy | undefined> {
  return (await database()).get('copies', id);
}

export async function saveCopy(copy: LocalCopy): Promise<void> {
  await (await database()).put('copies', copy);
}
