/**
 * Versioned SQL migrations: files `NNNN_name.sql`, applied in order, each in its own
 * transaction together with its row in `schema_migrations`, so a failed file leaves the
 * database as it was before that file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { num } from './rows';
import type { Database, Queryable } from './types';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** Taken by every migrating PostgreSQL server, so two starting at once migrate one after the other. */
const MIGRATION_LOCK = 7_319_842_610;

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The migration files of a folder, in version order. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const found: Migration[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.sql')) continue;
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(name);
    const file = join(dir, name);
    if (!m)
      throw new MigrationError(
        file,
        `迁移文件名不合规：${file}（应为 NNNN_名称.sql，名称用小写字母、数字、下划线）`,
      );
    const version = Number(m[1]);
    const twin = found.find((f) => f.version === version);
    if (twin) throw new MigrationError(file, `迁移版本重复：${file} 与 ${twin.file}`);
    found.push({ version, name: m[2] ?? '', file });
  }
  return found;
}

/** The highest applied migration version (0 for a database never migrated). */
export async function schemaVersion(q: Queryable): Promise<number> {
  const [exists] = await q.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists?.t) return 0;
  const [row] = await q.query<{ v: unknown }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return num(row?.v ?? 0);
}

export interface MigrateResult {
  /** Migrations applied by this call. */
  applied: Migration[];
  /** The schema version now. */
  version: number;
}

export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  const newest = migrations.at(-1)?.version ?? 0;
  const current = await schemaVersion(db);
  if (current > newest)
    throw new MigrationError(
      dir,
      `数据库结构版本为 ${current}，比本程序所知的最高版本 ${newest} 更新；请使用新版本的程序`,
    );
  const applied: Migration[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    const sql = readFileSync(m.file, 'utf8');
    try {
      const done = await db.transaction(async (tx) => {
        if (db.backend === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        // Created here, under the lock, because two servers may both find it missing.
        await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`);
        const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (seen.length > 0) return false; // another server applied it while we waited
        await tx.exec(sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        return true;
      });
      if (done) applied.push(m);
    } catch (e) {
      throw new MigrationError(m.file, `迁移失败：${m.file}：${(e as Error).message}`, { cause: e });
    }
  }
  return { applied, version: await schemaVersion(db) };
}
