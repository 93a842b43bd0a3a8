// Word documents are rendered in worker threads (docgen's RenderPool: one worker per core,
// each with its own compiled-template cache), so a burst of documents never holds up other
// requests. One pool per programme, started on its first document and closed with the app.

import { availableParallelism } from 'node:os';
import { type BatchJob, RenderPool, type WorkerReply } from '@shenbao/docgen/node';
import type { LoadedProgram } from '../program-registry';

export type RenderJob = Omit<BatchJob, 'id' | 'outPath' | 'returnBytes'>;

export class RenderPools {
  private readonly pools = new Map<string, RenderPool>();
  private closed = false;

  constructor(private readonly workers: number = availableParallelism()) {}

  private poolFor(lp: LoadedProgram): RenderPool {
    if (this.closed) throw new Error('render pools are closed');
    let pool = this.pools.get(lp.program.id);
    if (!pool) {
      pool = new RenderPool({ files: lp.files, workers: this.workers });
      this.pools.set(lp.program.id, pool);
    }
    return pool;
  }

  /** Renders one document in a worker; the bytes come back with the reply. */
  async render(lp: LoadedProgram, job: RenderJob): Promise<WorkerReply> {
    // A worker that crashes or overruns fails only its job (an `ok: false` reply with the reason)
    // and is replaced inside the pool; `run` rejects only once the pool is closed.
    return this.poolFor(lp).run({ ...job, returnBytes: true });
  }

  /** Number of programmes with a running pool (for tests and logs). */
  get size(): number {
    return this.pools.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.close()));
  }
}
