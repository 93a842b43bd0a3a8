// One suite, both drivers: the folder driver and the S3 driver against a local S3-compatible
// test server (s3rver, started here on 127.0.0.1 with a free port and a temp folder).

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BlobStorage,
  BlobTooLargeError,
  blobConfigFromEnv,
  createBlobStorage,
  LocalBlobStorage,
  type S3BlobStorage,
} from '../src/blob/index';

// s3rver ships no types; this is the part of it the test uses.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

const BUCKET = 'shenbao-test';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A stream of `size` bytes in 64 KiB chunks, never all in memory at once. */
function bytesStream(size: number, seed = 1): Readable {
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, 64 * 1024);
      left -= n;
      this.push(Buffer.alloc(n, seed));
    },
  });
}

interface Driver {
  storage: BlobStorage;
  /** Every object name the backend holds, temp objects included. */
  list(): Promise<string[]>;
  stop(): Promise<void>;
}

async function walk(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, root)));
    else out.push(relative(root, p));
  }
  return out;
}

async function localDriver(): Promise<Driver> {
  const dir = await mkdtemp(join(tmpdir(), 'shenbao-blob-'));
  const storage = new LocalBlobStorage(join(dir, 'files'));
  return {
    storage,
    list: () => walk(join(dir, 'files')).catch(() => []),
    stop: () => rm(dir, { recursive: true, force: true }),
  };
}

async function s3Driver(): Promise<Driver> {
  const dir = await mkdtemp(join(tmpdir(), 'shenbao-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const storage = createBlobStorage(
    blobConfigFromEnv(
      {
        SHENBAO_STORAGE: 's3',
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      },
      dir,
    ),
  ) as S3BlobStorage;
  return {
    storage,
    async list() {
      const out = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (out.Contents ?? []).map((o) => o.Key ?? '');
    },
    async stop() {
      await storage.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['folder', localDriver],
  ['S3 (s3rver)', s3Driver],
])('blob storage: %s', (_name, start) => {
  let d: Driver;
  beforeAll(async () => {
    d = await start();
  });
  afterAll(async () => {
    await d?.stop();
  });

  it('round trip: the sha256 names the bytes, and reading gives them back', async () => {
    const bytes = randomBytes(100_000);
    const put = await d.storage.put(Readable.from([bytes]), { maxBytes: 1 << 20 });
    expect(put).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(await d.storage.has(put.sha256)).toBe(true);
    const back = await d.storage.get(put.sha256);
    expect(back).toBeDefined();
    expect(sha(await buffer(back as Readable))).toBe(put.sha256);
    expect(await d.list()).toContain(`${put.sha256.slice(0, 2)}/${put.sha256.slice(2, 4)}/${put.sha256}`);
  });

  it('the same bytes twice are stored once, and no temp object is left', async () => {
    const bytes = randomBytes(5000);
    const before = await d.list();
    const a = await d.storage.put(Readable.from([bytes]), { maxBytes: 10_000 });
    const b = await d.storage.put(Readable.from([bytes.subarray(0, 2000), bytes.subarray(2000)]), {
      maxBytes: 10_000,
    });
    expect(b).toEqual(a);
    const added = (await d.list()).filter((k) => !before.includes(k));
    expect(added).toEqual([`${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`]);
  });

  it('a stream of exactly maxBytes is accepted', async () => {
    const put = await d.storage.put(bytesStream(4096, 7), { maxBytes: 4096 });
    expect(put.size).toBe(4096);
  });

  it('past maxBytes the write is abandoned with BlobTooLargeError and nothing stays behind', async () => {
    const before = await d.list();
    // 7 MB: past lib-storage's 5 MB part size, so the S3 driver is mid-multipart when it stops.
    const err = await d.storage.put(bytesStream(7 * 1024 * 1024, 3), { maxBytes: 6 * 1024 * 1024 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BlobTooLargeError);
    expect((err as BlobTooLargeError).maxBytes).toBe(6 * 1024 * 1024);
    expect(await d.list()).toEqual(before);
    const small = await d.storage.put(bytesStream(4097, 9), { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(small).toBeInstanceOf(BlobTooLargeError);
    expect(await d.list()).toEqual(before);
  });

  it('a broken input stream fails the put and leaves nothing', async () => {
    const before = await d.list();
    const input = new Readable({ read() {} });
    input.push(Buffer.alloc(1000, 1));
    setImmediate(() => input.destroy(new Error('client went away')));
    await expect(d.storage.put(input, { maxBytes: 1 << 20 })).rejects.toThrow('client went away');
    expect(await d.list()).toEqual(before);
  });

  it('a file larger than one part is streamed and read back whole', async () => {
    const size = 11 * 1024 * 1024 + 123;
    const expected = sha(await buffer(bytesStream(size, 5)));
    const put = await d.storage.put(bytesStream(size, 5), { maxBytes: 50 * 1024 * 1024 });
    expect(put).toEqual({ sha256: expected, size });
    expect(sha(await buffer((await d.storage.get(put.sha256)) as Readable))).toBe(expected);
    expect((await d.list()).filter((k) => k.startsWith('tmp/'))).toEqual([]);
  });

  it('a missing object is undefined; a name that is not a sha256 is never looked up', async () => {
    const missing = sha(Buffer.from('never stored'));
    expect(await d.storage.get(missing)).toBeUndefined();
    expect(await d.storage.has(missing)).toBe(false);
    expect(await d.storage.get('../../etc/passwd')).toBeUndefined();
    expect(await d.storage.has('ABC')).toBe(false);
  });

  it('delete removes the object; deleting a missing one is not an error', async () => {
    const put = await d.storage.put(Readable.from([Buffer.from('to be deleted')]), { maxBytes: 100 });
    await d.storage.delete(put.sha256);
    expect(await d.storage.has(put.sha256)).toBe(false);
    expect(await d.storage.get(put.sha256)).toBeUndefined();
    await expect(d.storage.delete(put.sha256)).resolves.toBeUndefined();
  });
});

describe('folder storage after a crash', () => {
  it('removes temp files of dead processes of this host, and keeps those of live ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shenbao-blob-crash-'));
    try {
      const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
      await mkdir(join(dir, 'tmp'), { recursive: true });
      // A pid past any this machine hands out (Linux's pid_max is at most 2^22).
      const dead = `${host}-${2 ** 22 + 1}-0f0e0d0c-0b0a-4909-8807-060504030201`;
      const live = `${host}-${process.pid}-0f0e0d0c-0b0a-4909-8807-060504030202`;
      const otherHost = `elsewhere.example-${2 ** 22 + 1}-0f0e0d0c-0b0a-4909-8807-060504030203`;
      for (const name of [dead, live, otherHost]) await writeFile(join(dir, 'tmp', name), 'partial');
      const storage = new LocalBlobStorage(dir);
      await storage.put(Readable.from([Buffer.from('after the crash')]), { maxBytes: 100 });
      expect((await readdir(join(dir, 'tmp'))).sort()).toEqual([live, otherHost].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('blob storage settings', () => {
  it('defaults to a folder under the data directory', () => {
    expect(blobConfigFromEnv({}, '/data')).toEqual({ driver: 'local', dir: join('/data', 'files') });
  });

  it('refuses an unknown driver and an S3 setup without a bucket, in Chinese', () => {
    expect(() => blobConfigFromEnv({ SHENBAO_STORAGE: 'ftp' }, '/d')).toThrow(
      'SHENBAO_STORAGE 的值“ftp”无效：应为 local 或 s3',
    );
    expect(() => blobConfigFromEnv({ SHENBAO_STORAGE: 's3' }, '/d')).toThrow('必须设置 S3_BUCKET');
    expect(() =>
      blobConfigFromEnv({ SHENBAO_STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' }, '/d'),
    ).toThrow('须同时设置');
    expect(() =>
      blobConfigFromEnv({ SHENBAO_STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'localhost:9000' }, '/d'),
    ).toThrow('S3_ENDPOINT');
  });

  it('reads the S3 settings', () => {
    expect(
      blobConfigFromEnv(
        {
          SHENBAO_STORAGE: 'S3',
          S3_ENDPOINT: 'https://oss.example.cn',
          S3_REGION: 'cn-south-1',
          S3_BUCKET: 'files',
          S3_FORCE_PATH_STYLE: '1',
        },
        '/d',
      ),
    ).toEqual({
      driver: 's3',
      endpoint: 'https://oss.example.cn',
      region: 'cn-south-1',
      bucket: 'files',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: true,
    });
  });
});
