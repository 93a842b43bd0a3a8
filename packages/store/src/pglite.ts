/**
 * The embedded backend: PGlite in a data folder, with the guards PGlite itself lacks
 * (server.md §1.2): a lock beside the folder, a first initialisation made aside and renamed
 * into place, and a CHECKPOINT on a timer and at close.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { acquireLock } from './lock';
import type { Database, Transaction } from './types';

export interface PgliteOptions {
  dataDir: string;
  /** Milliseconds between checkpoints; 0 turns the timer off. */
  checkpointEveryMs?: number;
}

export const DEFAULT_CHECKPOINT_MS = 60_000;

export async function openPglite(opts: PgliteOptions): Promise<Database> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const lock = acquireLock(dataDir);
  let pg: PGlite;
  try {
    await initialiseAside(dataDir);
    pg = await PGlite.create({ dataDir }).catch((e: unknown) => {
      throw new Error(
        `无法打开 PGlite 数据目录 ${dataDir}：${(e as Error).message}。如该目录已损坏，请改用一个新目录，再用 shenbao db restore 从备份恢复`,
        { cause: e },
      );
    });
    // Both backends speak UTC, so timestamps in dumps and text compare alike.
    await pg.exec(`SET TIME ZONE 'UTC'`);
  } catch (e) {
    lock.release();
    throw e;
  }

  // PGlite wedges for good when it is closed while a statement is still running (electric-sql/pglite
  // #1058, #1084: neither promise ever settles). Every statement is therefore tracked, none is
  // started once closing has begun, and close waits for those under way before it closes.
  let closing: Promise<void> | undefined;
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(start: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new Error('数据库正在关闭，无法再执行操作'));
    const p = start();
    inflight.add(p);
    const done = () => inflight.delete(p);
    p.then(done, done);
    return p;
  };

  const every = opts.checkpointEveryMs ?? DEFAULT_CHECKPOINT_MS;
  const timer =
    every > 0
      ? setInterval(() => {
          // A failed checkpoint is retried on the next tick and at close; nothing to report.
          track(() => pg.exec('CHECKPOINT')).catch(() => undefined);
        }, every)
      : undefined;
  timer?.unref();

  const db: Database = {
    backend: 'pglite',
    async query<R>(sql: string, params?: readonly unknown[]) {
      return (await track(() => pg.query<R>(sql, params ? [...params] : undefined))).rows;
    },
    async exec(script) {
      await track(() => pg.exec(script));
    },
    transaction(fn) {
      // Only `tx` may be used inside: the parent client waits for the transaction's mutex.
      return track(() => pg.transaction((tx) => fn(wrapTransaction(tx))));
    },
    async checkpoint() {
      await track(() => pg.exec('CHECKPOINT'));
    },
    async listen(channel, handlers) {
      // In-process: PGlite is one process, and it never loses the "connection".
      const stop = await track(() => pg.listen(channel, (payload) => handlers.message(payload)));
      handlers.state(true);
      // Stopping after close has begun has nothing left to stop.
      return () => (closing ? Promise.resolve() : track(() => stop()));
    },
    close() {
      closing ??= (async () => {
        if (timer) clearInterval(timer);
        while (inflight.size > 0) await Promise.allSettled([...inflight]);
        try {
          await pg.exec('CHECKPOINT');
        } finally {
          try {
            await pg.close();
          } finally {
            lock.release();
          }
        }
      })();
      return closing;
    },
  };
  return db;
}

function wrapTransaction(tx: PGliteTransaction): Transaction {
  return {
    async query<R>(sql: string, params?: readonly unknown[]) {
      return (await tx.query<R>(sql, params ? [...params] : undefined)).rows;
    },
    async exec(script) {
      await tx.exec(script);
    },
  };
}

/** Folders `<dataDir>.init-<pid>` are first initialisations in progress (or killed ones). */
function initFolderPrefix(dataDir: string): string {
  return `${basename(dataDir)}.init-`;
}

/**
 * A kill during PGlite's first initdb leaves a folder that can never be opened (server.md
 * §1.2), so the first start initialises `<dataDir>.init-<pid>` and renames it into place when
 * complete: `dataDir` either does not exist or is whole. Runs under the lock, so any `.init-`
 * folder found is a killed start's leftover.
 */
async function initialiseAside(dataDir: string): Promise<void> {
  const parent = dirname(dataDir);
  const prefix = initFolderPrefix(dataDir);
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  if (existsSync(dataDir)) {
    if (readdirSync(dataDir).length > 0)
      throw new Error(
        `数据目录 ${dataDir} 不是空目录，也不是 PGlite 数据目录（缺少 PG_VERSION）；请指定新的目录`,
      );
    rmdirSync(dataDir);
  }
  const aside = join(parent, `${prefix}${process.pid}`);
  const fresh = await PGlite.create({ dataDir: aside });
  await fresh.exec('CHECKPOINT');
  await fresh.close();
  renameSync(aside, dataDir);
}
