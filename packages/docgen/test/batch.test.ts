import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProgramDir } from '@shenbao/core/node';
import { describe, expect, it } from 'vitest';
import { RenderPool, type WorkerReply } from '../src/batch.js';

const root = join(import.meta.dirname, '..', '..', '..');
const files = readProgramDir(join(root, 'schemas', 'ai-innovation-center'));
const notice = { path: join(root, 'examples', 'publicity-notice.json') };
/** The real worker, with jobs named 'exit', 'throw-outside' and 'hang' misbehaving on cue. */
const unruly = new URL('./unruly-worker.mjs', import.meta.url);

/** `n` renders of the example 公示, started together. */
const notices = (pool: RenderPool, n: number) =>
  Array.from({ length: n }, () => pool.run({ docId: 'publicity-notice', input: notice, returnBytes: true }));
const produced = (replies: WorkerReply[]) => replies.filter((r) => r.ok && (r.bytes?.length ?? 0) > 1000);

describe('batch pool', () => {
  it('renders in worker threads; a bad input is reported and the others are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docgen-batch-'));
    const pool = new RenderPool({ files, workers: 2 });
    try {
      const good = pool.run({ docId: 'publicity-notice', input: notice, outPath: join(dir, 'a.docx') });
      const bad = pool.run({ docId: 'publicity-notice', input: { data: { year: 'x' } } });
      const bytes = pool.run({ docId: 'publicity-notice', input: notice, returnBytes: true });
      const [g, b, r] = await Promise.all([good, bad, bytes]);
      expect(g.ok).toBe(true);
      expect(readFileSync(join(dir, 'a.docx')).subarray(0, 2).toString()).toBe('PK');
      expect(b.ok).toBe(false);
      if (!b.ok) expect(b.errors?.length).toBeGreaterThan(0);
      expect(r.ok && r.bytes && r.bytes.length > 1000).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it.each([
    ['process.exit in the worker', 'exit', /生成线程意外退出/],
    ['an error thrown outside the job', 'throw-outside', /生成线程出错.*线程外的异常/],
  ])(
    '%s fails only the job it held; the pool goes on with a fresh worker',
    async (_, misdeed, message) => {
      const pool = new RenderPool({ files, workers: 2, worker: unruly });
      try {
        const replies = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            pool.run({ docId: i === 9 ? misdeed : 'publicity-notice', input: notice, returnBytes: true }),
          ),
        );
        expect(produced(replies)).toHaveLength(19);
        const failed = replies.filter((r) => !r.ok);
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({
          id: replies[9]!.id,
          ok: false,
          message: expect.stringMatching(message),
        });
        // Still usable, on every worker.
        const after = await Promise.all(notices(pool, 4));
        expect(produced(after)).toHaveLength(4);
      } finally {
        await pool.close();
      }
    },
    180_000,
  );

  it('a job that runs past the time limit is reported 生成超时 and the next jobs are fine', async () => {
    // The limit counts from when a worker begins the job; generous, so a loaded machine's
    // ordinary render stays well inside it.
    const pool = new RenderPool({ files, workers: 2, worker: unruly, timeoutMs: 15_000 });
    try {
      const replies = await Promise.all([pool.run({ docId: 'hang', input: notice }), ...notices(pool, 3)]);
      expect(replies[0]).toMatchObject({ ok: false, message: expect.stringMatching(/^生成超时/) });
      expect(produced(replies.slice(1))).toHaveLength(3);
      const after = await Promise.all(notices(pool, 4));
      expect(produced(after)).toHaveLength(4);
    } finally {
      await pool.close();
    }
  }, 180_000);

  it('a programme that does not load fails each job with its message instead of stalling', async () => {
    const pool = new RenderPool({ files: new Map([['program.json', '{ not json']]), workers: 2 });
    try {
      const replies = await Promise.all(
        Array.from({ length: 3 }, () => pool.run({ docId: 'publicity-notice', input: notice })),
      );
      for (const r of replies)
        expect(r).toMatchObject({ ok: false, message: expect.stringContaining('program.json') });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses work once closed', async () => {
    const pool = new RenderPool({ files, workers: 1 });
    await pool.close();
    await expect(pool.run({ docId: 'publicity-notice', input: notice })).rejects.toThrow();
  }, 60_000);
});
