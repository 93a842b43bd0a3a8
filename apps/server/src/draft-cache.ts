/**
 * The last saved data of recently edited drafts, kept in this process so an autosave need
 * not read the row back to compute its audit diff. An entry is the data *at a version*: a
 * version number is written once per application (every write increments it), so a hit is
 * exactly what the database holds at that version, whichever process wrote it — and the save's
 * `WHERE version = …` makes a hit for an old version match no row. Bounded by bytes and time.
 */
import { LRUCache } from 'lru-cache';

export interface CachedDraft {
  version: number;
  programId: string;
  orgId: string;
  orgName: string;
  data: unknown;
}

export interface DraftCacheOptions {
  /** Total size of the request bodies kept (default 64 MB). */
  maxBytes?: number;
  /** How long an untouched entry stays (default 30 minutes). */
  ttlMs?: number;
}

export class DraftCache {
  readonly #entries: LRUCache<string, CachedDraft>;

  constructor(opts: DraftCacheOptions = {}) {
    this.#entries = new LRUCache<string, CachedDraft>({
      maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
      ttl: opts.ttlMs ?? 30 * 60_000,
      // Sizes are given with each entry (the body's length); nothing else is measured.
      sizeCalculation: () => 1,
    });
  }

  /** The draft's data at `version`, if this process saw that version. */
  get(id: string, version: number): CachedDraft | undefined {
    const hit = this.#entries.get(id);
    return hit?.version === version ? hit : undefined;
  }

  /** Remembers `draft` as the application's data at `draft.version`; `bytes` is its serialised size. */
  set(id: string, draft: CachedDraft, bytes: number): void {
    this.#entries.set(id, draft, { size: Math.max(1, bytes) });
  }
}
