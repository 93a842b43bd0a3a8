/**
 * Sessions remembered between requests — only on the embedded database. PGlite has exactly one
 * server process per data folder (its lock file refuses a second one, and the CLI too), so
 * every change to sessions and users passes through this process and can forget what it
 * changed; on PostgreSQL several processes share the tables and every request asks the
 * database. A lookup started before a change is never remembered after it (generation count).
 * An entry is used only while its expiry is further away than the sliding margin, so the
 * database still slides the expiry; at most one minute old, at most 10,000 of them.
 */
import type { Session, User } from '@shenbao/store';
import { LRUCache } from 'lru-cache';

export interface FoundSession {
  session: Session;
  user: User;
}

export class SessionCache {
  readonly #entries = new LRUCache<string, FoundSession>({ max: 10_000, ttl: 60_000 });
  #generation = 0;

  constructor(readonly enabled: boolean) {}

  /** The session of `token`: remembered, or from `load` (the database). */
  async get(
    token: string,
    slideMarginMs: number,
    load: () => Promise<FoundSession | undefined>,
  ): Promise<FoundSession | undefined> {
    if (!this.enabled) return load();
    const hit = this.#entries.get(token);
    if (hit && Date.parse(hit.session.expiresAt) - Date.now() > slideMarginMs) return hit;
    const generation = this.#generation;
    const found = await load();
    if (found && generation === this.#generation) {
      Object.freeze(found.user);
      Object.freeze(found.session);
      this.#entries.set(token, Object.freeze(found));
    } else if (!found) this.#entries.delete(token);
    return found;
  }

  /** After a session was ended. */
  forget(token: string): void {
    this.#generation++;
    this.#entries.delete(token);
  }

  /** After any account changed (its sessions carry the user's fields). */
  forgetAll(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
