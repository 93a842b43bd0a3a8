/** Opening the store: the backend from the options, then the migrations. */
import { join, resolve } from 'node:path';
import { MIGRATIONS_DIR, migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database, OpenOptions } from './types';

export interface OpenDatabaseOptions extends OpenOptions {
  /** Migrations folder (default: the package's own). */
  migrationsDir?: string;
  /** Set false to open without migrating (restore checks, tools). Default true. */
  migrate?: boolean;
}

/** Opens PostgreSQL when `databaseUrl` is given, else PGlite in `dataDir`, and migrates it. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  let db: Database;
  if (opts.databaseUrl) {
    db = await openPostgres({ databaseUrl: opts.databaseUrl, poolSize: opts.poolSize });
  } else {
    if (!opts.dataDir) throw new Error('openDatabase: 需要 databaseUrl 或 dataDir');
    db = await openPglite({ dataDir: opts.dataDir, checkpointEveryMs: opts.checkpointEveryMs });
  }
  if (opts.migrate === false) return db;
  try {
    await migrate(db, opts.migrationsDir ?? MIGRATIONS_DIR);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/**
 * The store settings from the environment: `DATABASE_URL` selects PostgreSQL; otherwise PGlite
 * in `$SHENBAO_DATA_DIR/pglite` (default `<repoRoot>/.shenbao-data/pglite`).
 */
export function storeOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  repoRoot: string,
): OpenOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) return { databaseUrl: url };
  const dataRoot = env.SHENBAO_DATA_DIR?.trim()
    ? resolve(env.SHENBAO_DATA_DIR.trim())
    : join(repoRoot, '.shenbao-data');
  return { dataDir: join(dataRoot, 'pglite') };
}
