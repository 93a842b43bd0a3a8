import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  createOrganization,
  type Database,
  findOrganizationByUscc,
  openDatabase,
  StoreLockedError,
  storeOptionsFromEnv,
} from '../src/index';
import { OPEN_TIMEOUT } from './support/backends';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const HOLDER = join(import.meta.dirname, 'fixtures', 'hold-pglite.ts');
const base = mkdtempSync(join(tmpdir(), 'shenbao-guards-'));
const dataDir = join(base, 'pglite');
const lockFile = `${dataDir}.lock`;
const children: ChildProcess[] = [];
let db: Database | undefined;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await db?.close();
  rmSync(base, { recursive: true, force: true });
});

/** Another process opening the folder (as a second server would). */
function holder(dir: string, uscc?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, ...(uscc ? [uscc] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      if (String(d).includes('ready')) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`holder exited (${code ?? signal}): ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, pid: child.pid ?? 0, ready, exited };
}

const open = (opts: { checkpointEveryMs?: number } = {}) =>
  openDatabase({ dataDir, checkpointEveryMs: opts.checkpointEveryMs ?? 0 });

describe('PGlite guards', () => {
  it(
    'a first start killed during initdb leaves no data folder; the next start clears the leftovers and initialises',
    async () => {
      const first = holder(dataDir);
      const aside = `${dataDir}.init-${first.pid}`;
      await vi.waitFor(
        () => {
          if (!existsSync(aside) || readdirSync(aside).length === 0) throw new Error('initdb not started');
        },
        { timeout: 60_000, interval: 10 },
      );
      first.child.kill('SIGKILL');
      await first.exited;
      expect(existsSync(dataDir)).toBe(false);
      expect(existsSync(aside)).toBe(true);
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.pid);
      mkdirSync(`${dataDir}.init-999999`);
      writeFileSync(join(`${dataDir}.init-999999`, 'PG_VERSION'), '18');

      db = await open();
      expect(readdirSync(base).sort()).toEqual(['pglite', 'pglite.lock']);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(readdirSync(dataDir).filter((n) => n.includes('lock'))).toEqual([]);
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({
        pid: process.pid,
        host: hostname(),
      });
      const [row] = await db.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations');
      expect(row?.v).toBeGreaterThanOrEqual(1);
    },
    OPEN_TIMEOUT,
  );

  it('a second open of the same folder in this process is refused', async () => {
    const second = open();
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toThrow(`正由进程 ${process.pid} 使用`);
  });

  it(
    'close waits for statements under way and refuses new ones (PGlite wedges when closed under a statement)',
    async () => {
      const dir = join(base, 'inflight');
      const own = await openDatabase({ dataDir: dir, checkpointEveryMs: 0 });
      await own.exec('CREATE TABLE t (id int primary key, v text)');
      // Issued and not awaited, then closed at once, then one more: all settle, and the late one is
      // refused instead of racing the close (the old store ran it between CHECKPOINT and close).
      const inflight = own.query('INSERT INTO t VALUES (1, $1) RETURNING id', ['a']);
      const closed = own.close();
      const late = own.query('SELECT 1');
      const settled = await Promise.race([
        Promise.allSettled([inflight, closed, late]),
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000)),
      ]);
      expect(settled).not.toBe('hung');
      const [a, b, c] = settled as PromiseSettledResult<unknown>[];
      expect(a).toMatchObject({ status: 'fulfilled', value: [{ id: 1 }] });
      expect(b?.status).toBe('fulfilled');
      expect(c).toMatchObject({ status: 'rejected', reason: { message: '数据库正在关闭，无法再执行操作' } });
      // What was written before the close is there when the folder is opened again.
      const again = await openDatabase({ dataDir: dir, checkpointEveryMs: 0 });
      expect(await again.query('SELECT id, v FROM t')).toEqual([{ id: 1, v: 'a' }]);
      await again.close();
    },
    OPEN_TIMEOUT,
  );

  it('close is idempotent and removes the lock file', async () => {
    await db?.close();
    await db?.close();
    db = undefined;
    expect(existsSync(lockFile)).toBe(false);
  });

  it(
    'while another process holds the folder a second server is refused; once it is killed, its saves are there',
    async () => {
      const uscc = `HOLD${process.pid}`;
      const other = holder(dataDir, uscc);
      await other.ready;
      const refused = open();
      await expect(refused).rejects.toBeInstanceOf(StoreLockedError);
      await expect(refused).rejects.toThrow(
        `数据目录 ${dataDir} 正由进程 ${other.pid} 使用；同一数据目录只能由一个服务进程打开。多进程部署请改用 PostgreSQL（设置 DATABASE_URL）`,
      );
      other.child.kill('SIGKILL');
      await other.exited;
      db = await open();
      expect((await findOrganizationByUscc(db, uscc))?.name).toBe('子进程单位');
      await db.close();
      db = undefined;
    },
    OPEN_TIMEOUT,
  );

  it(
    'a lock of a dead process (or of an earlier run with our PID) is taken over; one of another host is not',
    async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      for (const pid of [dead, process.pid]) {
        writeFileSync(lockFile, JSON.stringify({ pid, host: hostname(), token: 'stale', since: '' }));
        const reopened = await open();
        expect(JSON.parse(readFileSync(lockFile, 'utf8')).token).not.toBe('stale');
        await reopened.close();
      }
      writeFileSync(lockFile, JSON.stringify({ pid: 1, host: 'other-host', token: 'far', since: '' }));
      await expect(open()).rejects.toThrow(`数据目录 ${dataDir} 正由主机 other-host 上的进程 1 使用`);
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).token).toBe('far');
      rmSync(lockFile);
    },
    OPEN_TIMEOUT,
  );

  it(
    'CHECKPOINT runs on the timer',
    async () => {
      db = await open({ checkpointEveryMs: 20 });
      await createOrganization(db, { uscc: `CK${process.pid}`, name: 'x', contact: 'y', mobile: 'z' });
      const [lsn] = await db.query<{ l: string }>('SELECT pg_current_wal_insert_lsn()::text AS l');
      const current = db;
      await vi.waitFor(
        async () => {
          const [r] = await current.query<{ done: boolean }>(
            'SELECT redo_lsn >= $1::pg_lsn AS done FROM pg_control_checkpoint()',
            [lsn?.l],
          );
          if (!r?.done) throw new Error('no checkpoint yet');
        },
        { timeout: 20_000, interval: 20 },
      );
      await db.close();
      db = undefined;
    },
    OPEN_TIMEOUT,
  );

  it('a non-empty folder that is not a PGlite data folder is refused, and its lock released', async () => {
    const junk = join(base, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'notes.txt'), 'x');
    await expect(openDatabase({ dataDir: junk })).rejects.toThrow(`数据目录 ${junk} 不是空目录`);
    expect(existsSync(`${junk}.lock`)).toBe(false);
  });
});

describe('storeOptionsFromEnv', () => {
  it('DATABASE_URL selects PostgreSQL; else PGlite under SHENBAO_DATA_DIR or the repository', () => {
    expect(storeOptionsFromEnv({ DATABASE_URL: 'postgres://h/db', SHENBAO_DATA_DIR: '/x' }, '/repo')).toEqual(
      {
        databaseUrl: 'postgres://h/db',
      },
    );
    expect(storeOptionsFromEnv({ SHENBAO_DATA_DIR: '/srv/shenbao' }, '/repo')).toEqual({
      dataDir: '/srv/shenbao/pglite',
    });
    expect(storeOptionsFromEnv({ DATABASE_URL: ' ' }, '/repo')).toEqual({
      dataDir: '/repo/.shenbao-data/pglite',
    });
  });
});
