// Batch rendering over a worker_threads pool (Node only): one worker per core by default,
// each holding its own compiled-template cache. The pool is piscina's: a worker that dies
// (process.exit, an error thrown outside the job) fails only the job it held and is replaced.
// A job that runs past its time limit is stopped by ending its worker (a render stuck in a
// loop cannot be interrupted any other way) and the pool goes on with a fresh one.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ValidationIssue } from './errors.js';

export interface BatchJob {
  id: number;
  docId: string;
  input: { path: string } | { data: unknown };
  /** Written by the worker when given. */
  outPath?: string;
  /** Send the .docx bytes back (for a zip, or in-memory use). */
  returnBytes?: boolean;
  /** This job's text for missing values (instead of the pool's): a server renders drafts and final copies. */
  placeholder?: string;
  /** The caller has validated the data already (against the year's published targets, say). */
  skipValidation?: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; size: number; bytes?: Uint8Array }
  | { id: number; ok: false; message: string; errors?: ValidationIssue[] };

export interface BatchWorkerData {
  files: ReadonlyMap<string, string | Uint8Array>;
  year?: number;
  placeholder?: string;
}

/** What a worker posts when it takes up a job: the job's time limit runs from here. */
export interface JobStarted {
  started: number;
}

export interface PoolOptions {
  /** The programme's file map (what loadProgram reads). */
  files: ReadonlyMap<string, string | Uint8Array>;
  workers?: number;
  year?: number;
  placeholder?: string;
  /** Longest one document may take once its worker has begun it (ms); default 60 000. */
  timeoutMs?: number;
  /** The worker module (default: batch-worker beside this file); tests wrap it to misbehave. */
  worker?: URL;
}

export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

/** Thrown into a job's AbortSignal when it runs past the limit. */
class JobTimeout extends Error {
  override name = 'JobTimeout';
}

/**
 * The sources run as TypeScript through tsx. On Node 20 a worker does not inherit the loader
 * hooks that `tsx` / `--import tsx` installed in the main thread, so from the sources the pool
 * starts batch-worker-tsx.mjs, which registers tsx in its own thread and re-exports the worker.
 * The CLI bundle has ./batch-worker.js beside it (apps/cli/scripts/build.mjs).
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCES ? './batch-worker-tsx.mjs' : './batch-worker.js', import.meta.url);

const isStarted = (m: unknown): m is JobStarted =>
  typeof m === 'object' && m !== null && typeof (m as Partial<JobStarted>).started === 'number';

/** The Chinese message for a job whose worker failed under it (not an ordinary render error). */
function failure(e: unknown, timeoutMs: number): string {
  if (e instanceof JobTimeout) {
    return `生成超时：超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止该文书的生成`;
  }
  const detail = e instanceof Error ? e.message : String(e);
  const exited = /exited with code:? *(-?\d+)/.exec(detail);
  return exited
    ? `生成线程意外退出（退出码 ${exited[1]}），该文书未生成`
    : `生成线程出错，该文书未生成：${detail}`;
}

/** How long closing waits for piscina to stop its workers before terminating them itself. */
const CLOSE_WAIT_MS = 10_000;

export class RenderPool {
  private readonly pool: Piscina<BatchJob, WorkerReply>;
  /** Jobs handed to the pool, by id: called when a worker reports it has begun the job. */
  private readonly arm = new Map<number, () => void>();
  private readonly timeoutMs: number;
  private closed = false;
  private nextId = 1;
  readonly size: number;

  constructor(options: PoolOptions) {
    this.size = Math.max(1, options.workers ?? availableParallelism());
    this.timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    const workerData: BatchWorkerData = {
      files: options.files,
      year: options.year,
      placeholder: options.placeholder,
    };
    this.pool = new Piscina({
      filename: (options.worker ?? WORKER_URL).href,
      minThreads: this.size,
      maxThreads: this.size,
      // Workers stay up between jobs: each holds the programme and its compiled templates.
      idleTimeout: Number.POSITIVE_INFINITY,
      recordTiming: false,
      workerData,
    });
    this.pool.on('message', (m: unknown) => {
      if (isStarted(m)) this.arm.get(m.started)?.();
    });
    // A worker that dies with no job on it: piscina replaces it and no job is waiting on it.
    // (A worker module that cannot even load would leave jobs queued: batch-worker therefore
    // loads the programme inside the first job, where a failure becomes that job's reply.)
    this.pool.on('error', () => {});
  }

  /**
   * Renders one document in a worker. Resolves with a reply in every ordinary case, a failed
   * worker or an overrun included (`ok: false` with a Chinese message); rejects only once the
   * pool is closed.
   */
  async run(job: Omit<BatchJob, 'id'>): Promise<WorkerReply> {
    if (this.closed) throw new Error('RenderPool is closed');
    const full: BatchJob = { ...job, id: this.nextId++ };
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.arm.set(full.id, () => {
      timer = setTimeout(() => abort.abort(new JobTimeout()), this.timeoutMs);
    });
    try {
      return await this.pool.run(full, { signal: abort.signal });
    } catch (e) {
      if (this.closed) throw e;
      return { id: full.id, ok: false, message: failure(abort.signal.reason ?? e, this.timeoutMs) };
    } finally {
      clearTimeout(timer);
      this.arm.delete(full.id);
    }
  }

  /**
   * Stops the workers. A worker that does not exit when piscina terminates it (stuck in native
   * code) would hold a server's shutdown forever: after CLOSE_WAIT_MS the remaining threads are
   * terminated directly and the pool is left to the garbage collector.
   */
  async close(): Promise<void> {
    this.closed = true;
    const threads = [...this.pool.threads];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS);
    });
    const outcome = await Promise.race([this.pool.destroy().then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') await Promise.allSettled(threads.map((t) => t.terminate()));
  }
}
