/**
 * Draft saves arriving together go to the database together: while `concurrency` statements are
 * in flight, new saves wait and are sent as one `saveDrafts` statement (up to `maxBatch`) when
 * a slot frees — one round trip and one commit for many autosaves under load; a quiet server
 * waits only for the end of the event loop's turn (saves read together leave together). Each save is still atomic with
 * its audit entry, and judged on its own (its version, organisation and state). Should a batch
 * fail as a whole (a value the database refuses), its saves are retried one by one, so one bad
 * save never fails the others.
 */
import { type DraftSave, type Queryable, type SavedVersion, saveDrafts } from '@shenbao/store';

interface Waiting {
  save: DraftSave;
  resolve(v: SavedVersion | undefined): void;
  reject(e: unknown): void;
}

export class SaveBatcher {
  readonly #waiting: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(
    private readonly db: Queryable,
    private readonly opts: { concurrency: number; maxBatch: number } = { concurrency: 2, maxBatch: 64 },
  ) {}

  /** Saves `save`: its new version, or undefined when its row did not match. */
  save(save: DraftSave): Promise<SavedVersion | undefined> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ save, resolve, reject });
      this.#schedule();
    });
  }

  /**
   * Sends what waits once the requests read in this turn of the event loop have all arrived
   * (setImmediate: after the I/O callbacks), so saves that came in together leave together.
   */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < this.opts.concurrency && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.opts.maxBatch);
      this.#inFlight++;
      void this.#run(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  async #run(batch: Waiting[]): Promise<void> {
    try {
      const saved = await saveDrafts(
        this.db,
        batch.map((w) => w.save),
      );
      batch.forEach((w, i) => {
        w.resolve(saved[i]);
      });
    } catch (e) {
      if (batch.length === 1) {
        batch[0]?.reject(e);
        return;
      }
      await Promise.all(
        batch.map(async (w) => {
          try {
            w.resolve((await saveDrafts(this.db, [w.save]))[0]);
          } catch (err) {
            w.reject(err);
          }
        }),
      );
    }
  }
}
