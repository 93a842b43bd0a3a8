/**
 * Sessions remembered between requests, kept coherent with the database: every statement that
 * ends a session or changes an account announces it on the store's sessions channel
 * (`pg_notify`, delivered to every process when its transaction commits), and this cache
 * forgets what is announced. It remembers only while it is listening: a lost LISTEN
 * connection (PostgreSQL) empties it and every request asks the database until listening
 * again. On the embedded database there is one process and delivery is in-process.
 *
 * What this allows: between a session's end being committed on one process and the
 * announcement reaching another (milliseconds), the other may still accept it. Within one
 * process, what it ends itself is forgotten at once (`forget`). A lookup started before an
 * announcement is never remembered after it (generation count). An entry is used only while
 * its expiry is further away than the sliding margin, so the database still slides it; at
 * most one minute old, at most 10,000 of them.
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
  #listening = false;

  /** Whether sessions are remembered now (only while announcements are heard). */
  get enabled(): boolean {
    return this.#listening;
  }

  /** Listening started (remember from now on) or was lost (forget everything, stop remembering). */
  setListening(listening: boolean): void {
    this.forgetAll();
    this.#listening = listening;
  }

  /** An announcement from the sessions channel: `token:<hash>` or `user:<id>`. */
  heard(payload: string): void {
    if (payload.startsWith('token:')) this.forget(payload.slice(6));
    else if (payload.startsWith('user:')) this.forgetUser(payload.slice(5));
    else this.forgetAll();
  }

  /** The session whose token hashes to `hash`: remembered, or from `load` (the database). */
  async get(
    hash: string,
    slideMarginMs: number,
    load: () => Promise<FoundSession | undefined>,
  ): Promise<FoundSession | undefined> {
    if (!this.#listening) return load();
    const hit = this.#entries.get(hash);
    if (hit && Date.parse(hit.session.expiresAt) - Date.now() > slideMarginMs) return hit;
    const generation = this.#generation;
    const found = await load();
    if (found && generation === this.#generation && this.#listening) {
      Object.freeze(found.user);
      Object.freeze(found.session);
      this.#entries.set(hash, Object.freeze(found));
    } else if (!found) this.#entries.delete(hash);
    return found;
  }

  /** After the session with this token hash ended. */
  forget(hash: string): void {
    this.#generation++;
    this.#entries.delete(hash);
  }

  /** After an account changed (its sessions carry the user's fields). */
  forgetUser(userId: string): void {
    this.#generation++;
    for (const [hash, found] of this.#entries.entries())
      if (found.user.id === userId) this.#entries.delete(hash);
  }

  forgetAll(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
