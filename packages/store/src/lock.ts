/**
 * The data folder's lock. PGlite has none, and two processes on one folder corrupt it
 * (server.md §1.2), so a file beside the folder (`<dataDir>.lock`; Postgres refuses unknown
 * files inside it) names the process that holds it. A lock whose process is gone (killed,
 * crashed) is taken over; a live one is refused with `StoreLockedError`.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly host: string,
  ) {
    const who = host === hostname() ? `进程 ${pid}` : `主机 ${host} 上的进程 ${pid}`;
    super(
      `数据目录 ${dataDir} 正由${who} 使用；同一数据目录只能由一个服务进程打开。多进程部署请改用 PostgreSQL（设置 DATABASE_URL）`,
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface DirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Lock files held by this process: a recorded PID equal to ours is only ours if listed here. */
const heldHere = new Set<string>();

export function lockPathOf(dataDir: string): string {
  return `${dataDir}.lock`;
}

export function acquireLock(dataDir: string): DirLock {
  const path = lockPathOf(dataDir);
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(12).toString('hex'),
    since: new Date().toISOString(),
  };
  // Two rounds are enough: the second only follows a stale lock removed in the first.
  for (let round = 0; round < 3; round++) {
    if (tryCreate(path, mine)) {
      heldHere.add(path);
      return {
        path,
        release() {
          if (!heldHere.delete(path)) return;
          if (readLock(path)?.token === mine.token) unlinkQuietly(path);
        },
      };
    }
    const holder = readLock(path);
    if (holder === undefined) continue; // removed meanwhile: try again
    if (!isStale(path, holder)) throw new StoreLockedError(dataDir, holder.pid, holder.host);
    takeOverStale(path, holder);
  }
  const holder = readLock(path);
  throw new StoreLockedError(dataDir, holder?.pid ?? 0, holder?.host ?? hostname());
}

/**
 * Creates the lock file atomically with its whole content: written to a private file first,
 * then hard-linked into place (`link` fails when the name exists, like an `wx` open, but a
 * reader never sees a half-written file).
 */
function tryCreate(path: string, info: LockInfo): boolean {
  const temp = `${path}.${info.pid}.${info.token}`;
  writeFileSync(temp, `${JSON.stringify(info)}\n`, { flag: 'wx' });
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkQuietly(temp);
  }
}

function readLock(path: string): LockInfo | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string')
      return v as LockInfo;
  } catch {
    // fall through: unreadable content is treated as a lock of an unknown, dead process
  }
  return { pid: 0, host: hostname(), token: text, since: '' };
}

function isStale(path: string, holder: LockInfo): boolean {
  // On another host the process cannot be checked: a shared folder is never taken over.
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) {
    // Our own PID: held by this process (a second open here, refused), or left by an earlier
    // incarnation that had the same PID (containers restart as PID 1).
    return !heldHere.has(path);
  }
  return !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock out of the way. Two starters may see the same stale lock at once: the
 * rename is atomic, and whoever finds that it moved a different (fresh) lock puts it back.
 */
function takeOverStale(path: string, stale: LockInfo): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readLock(aside);
  if (moved !== undefined && moved.token !== stale.token) {
    try {
      linkSync(aside, path);
    } catch {
      // someone else holds the name now: their lock stands
    }
  }
  unlinkQuietly(aside);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
