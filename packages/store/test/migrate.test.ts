import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Database,
  MIGRATIONS_DIR,
  MigrationError,
  migrate,
  openDatabase,
  readMigrations,
  schemaVersion,
} from '../src/index';
import { OPEN_TIMEOUT, pgliteBackend, postgresBackend, type TestBackend } from './support/backends';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('migration files', () => {
  it('are read in version order; other files are ignored', () => {
    const dir = migrationsDir({ '0002_b.sql': '', '0001_a.sql': '', 'README.md': '' });
    expect(readMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(readMigrations(MIGRATIONS_DIR)[0]).toMatchObject({ version: 1, name: 'init' });
  });

  it('a badly named or duplicate file is refused, naming it', () => {
    const bad = migrationsDir({ '1_init.sql': '' });
    expect(() => readMigrations(bad)).toThrow(`迁移文件名不合规：${join(bad, '1_init.sql')}`);
    const twin = migrationsDir({ '0001_a.sql': '', '0001_b.sql': '' });
    expect(() => readMigrations(twin)).toThrow(/迁移版本重复：.*0001_b\.sql 与 .*0001_a\.sql/);
  });
});

const FRESH: [string, () => Promise<TestBackend & { url?: string }>][] = [
  ['PGlite', () => pgliteBackend({ migrate: false })],
  ['PostgreSQL', () => postgresBackend({ migrate: false })],
];

describe.each(FRESH)('migrations on %s', (name, start) => {
  let backend: TestBackend & { url?: string };
  let db: Database;
  beforeAll(async () => {
    backend = await start();
    db = backend.db;
  }, OPEN_TIMEOUT);
  afterAll(() => backend?.close());

  it('a failed migration is rolled back whole, the ones before it stay, and the error names the file', async () => {
    const good = 'CREATE TABLE t_one (id integer PRIMARY KEY); INSERT INTO t_one VALUES (1);';
    const dir = migrationsDir({
      '0001_first.sql': good,
      '0002_broken.sql':
        'CREATE TABLE t_two (id integer); INSERT INTO t_two VALUES (1); SELECT * FROM no_such_table;',
    });
    const failed = migrate(db, dir);
    await expect(failed).rejects.toBeInstanceOf(MigrationError);
    await expect(failed).rejects.toThrow(/迁移失败：.*0002_broken\.sql：.*no_such_table/);
    expect(await schemaVersion(db)).toBe(1);
    expect(await db.query('SELECT id FROM t_one')).toEqual([{ id: 1 }]);
    expect(await db.query(`SELECT to_regclass('t_two') AS t`)).toEqual([{ t: null }]);
    expect(await db.query('SELECT version, name FROM schema_migrations')).toEqual([
      { version: 1, name: 'first' },
    ]);

    writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE t_two (id integer);');
    const fixed = await migrate(db, dir);
    expect(fixed.applied.map((m) => m.version)).toEqual([2]);
    expect(fixed.version).toBe(2);
    expect((await migrate(db, dir)).applied).toEqual([]);

    // Code that knows fewer migrations than the database has applied refuses to touch it.
    const older = migrationsDir({ '0001_first.sql': good });
    await expect(migrate(db, older)).rejects.toThrow('数据库结构版本为 2，比本程序所知的最高版本 1 更新');
  });

  // Only PostgreSQL has several servers on one database (a PGlite folder has one, see the lock).
  if (name === 'PostgreSQL')
    it('two servers starting at once apply each migration once', async () => {
      await db.exec('CREATE DATABASE race');
      const url = (backend.url ?? '').replace(/\/[^/]+$/, '/race');
      const [a, b] = await Promise.all([
        openDatabase({ databaseUrl: url, migrate: false }),
        openDatabase({ databaseUrl: url, migrate: false }),
      ]);
      try {
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        const all = readMigrations().map((m) => m.version);
        expect([...ra.applied, ...rb.applied].map((m) => m.version).sort()).toEqual(all);
        expect(ra.version).toBe(all.at(-1));
        expect(rb.version).toBe(all.at(-1));
      } finally {
        await a.close();
        await b.close();
      }
    });
});
