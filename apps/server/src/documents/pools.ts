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
    const pool = this.poolFor(lp);
    try {
      return await pool.run({ ...job, returnBytes: true });
    } catch (e) {
      // A worker died (RenderPool rejects what it held): start afresh on the next document
      // rather than queue work behind a dead thread.
      if (this.pools.get(lp.program.id) === pool) this.pools.delete(lp.program.id);
      void pool.close();
      throw e;
    }
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
