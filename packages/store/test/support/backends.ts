/** The two backends every store behaviour is tested on, each opened once per test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../../../test/support/postgres';
import { type Database, type OpenDatabaseOptions, openDatabase } from '../../src/index';

export interface TestBackend {
  db: Database;
  /** Closes the database and removes what was started (folder, PostgreSQL server). */
  close(): Promise<void>;
}

export type BackendName = 'PGlite' | 'PostgreSQL';

/** PGlite in a fresh temporary folder (no checkpoint timer: tests stop nothing they did not start). */
export async function pgliteBackend(extra: Partial<OpenDatabaseOptions> = {}): Promise<TestBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-store-'));
  const db = await openDatabase({ dataDir: join(dir, 'pglite'), checkpointEveryMs: 0, ...extra });
  return {
    db,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL server of its own, in a temporary folder. */
export async function postgresBackend(
  extra: Partial<OpenDatabaseOptions> = {},
): Promise<TestBackend & { url: string }> {
  const server = await startPostgres();
  try {
    const db = await openDatabase({ databaseUrl: server.url, ...extra });
    return {
      db,
      url: server.url,
      async close() {
        await db.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

export const BACKENDS: [BackendName, () => Promise<TestBackend>][] = [
  ['PGlite', () => pgliteBackend()],
  ['PostgreSQL', () => postgresBackend()],
];

/** Startup budget: PGlite's first initdb takes several seconds on two cores. */
export const OPEN_TIMEOUT = 120_000;
