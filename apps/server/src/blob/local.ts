// The embedded default: a folder (`<SHENBAO_DATA_DIR>/files`) with objects at `ab/cd/<sha256>`.
// A write goes to a temp file in the same folder tree, is fsync'd, then renamed into place
// (and the directory fsync'd): an upload that was acknowledged survives a crash, and a reader
// never sees half a file.

import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline as pipe, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Meter } from './meter';
import { type BlobStorage, isSha256, objectPath, type PutOptions, type PutResult } from './types';

const TMP = 'tmp';

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

export class LocalBlobStorage implements BlobStorage {
  readonly kind = 'local';
  private readonly host = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
  private ready: Promise<void> | undefined;

  constructor(readonly root: string) {}

  /** Creates the folders once and removes temp files that killed processes of this host left. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      const tmp = join(this.root, TMP);
      await mkdir(tmp, { recursive: true });
      const ours = `${this.host}-`;
      for (const name of await readdir(tmp)) {
        const pid = name.startsWith(ours) ? /^(\d+)-/.exec(name.slice(ours.length))?.[1] : undefined;
        if (pid !== undefined && !alive(Number(pid))) await rm(join(tmp, name), { force: true });
      }
    })();
    return this.ready;
  }

  private pathOf(sha256: string): string {
    return join(this.root, objectPath(sha256));
  }

  async put(input: Readable, { maxBytes }: PutOptions): Promise<PutResult> {
    const meter = new Meter(maxBytes);
    // Joined at once, so an error of the input (a client that goes away) is never unhandled.
    const metered = pipe(input, meter, () => undefined);
    await this.init();
    const temp = join(this.root, TMP, `${this.host}-${process.pid}-${randomUUID()}`);
    try {
      // `flush`: fsync before close, so the bytes are on disk before the rename makes them visible.
      await pipeline(metered, createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
      const sha256 = meter.digest();
      const target = this.pathOf(sha256);
      if (await this.has(sha256)) {
        await unlink(temp);
      } else {
        await mkdir(dirname(target), { recursive: true });
        await rename(temp, target);
        await fsyncDir(dirname(target));
      }
      return { sha256, size: meter.byteCount };
    } catch (e) {
      input.destroy();
      await rm(temp, { force: true });
      throw e;
    }
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!isSha256(sha256)) return undefined;
    // Open first, then stream from the handle: no window between "exists" and "read".
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(this.pathOf(sha256), 'r');
    } catch (e) {
      if (errCode(e) === 'ENOENT') return undefined;
      throw e;
    }
    return fh.createReadStream();
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (e) {
      if (errCode(e) === 'ENOENT') return false;
      throw e;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await rm(this.pathOf(sha256), { force: true });
  }

  async close(): Promise<void> {}
}
