// Batch rendering over a worker_threads pool (Node only): one worker per core by default,
// each holding its own compiled-template cache. A job that fails is reported and the
// others go on.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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

export interface PoolOptions {
  /** The programme's file map (what loadProgram reads). */
  files: ReadonlyMap<string, string | Uint8Array>;
  workers?: number;
  year?: number;
  placeholder?: string;
}

const WORKER_URL = new URL(
  `./batch-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * The sources run as TypeScript through tsx. On Node 20 a worker does not inherit the
 * loader hooks that `tsx` / `--import tsx` installed in the main thread, so the worker
 * starts from a tiny bootstrap that registers tsx's API in its own thread first.
 */
function createWorker(workerData: BatchWorkerData): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData });
  // require.resolve finds the CommonJS build; its ESM twin sits beside it.
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const esm = cjs.replace(/\.cjs$/, '.mjs');
  const api = pathToFileURL(existsSync(esm) ? esm : cjs).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{
    job: BatchJob;
    resolve: (r: WorkerReply) => void;
    reject: (e: Error) => void;
  }> = [];
  private readonly pending = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  readonly size: number;

  constructor(options: PoolOptions) {
    this.size = Math.max(1, options.workers ?? availableParallelism());
    const workerData: BatchWorkerData = {
      files: options.files,
      year: options.year,
      placeholder: options.placeholder,
    };
    for (let i = 0; i < this.size; i++) {
      const worker = createWorker(workerData);
      worker.on('message', (reply: WorkerReply) => {
        const waiter = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        waiter?.resolve(reply);
        this.dispatch(worker);
      });
      worker.on('error', (e) => {
        for (const [id, waiter] of this.pending) {
          waiter.reject(e);
          this.pending.delete(id);
        }
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private dispatch(worker: Worker): void {
    const next = this.queue.shift();
    if (!next) {
      this.idle.push(worker);
      return;
    }
    this.pending.set(next.job.id, next);
    worker.postMessage(next.job);
  }

  run(job: Omit<BatchJob, 'id'>): Promise<WorkerReply> {
    const full: BatchJob = { ...job, id: this.nextId++ };
    return new Promise((resolve, reject) => {
      this.queue.push({ job: full, resolve, reject });
      const worker = this.idle.pop();
      if (worker) this.dispatch(worker);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
