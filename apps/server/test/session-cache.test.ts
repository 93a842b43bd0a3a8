/** Remembered sessions: never serve what was ended or announced, never skip a slide, only while listening. */
import type { Session, User } from '@shenbao/store';
import { describe, expect, it } from 'vitest';
import { type FoundSession, SessionCache } from '../src/session-cache';

const found = (expiresInMs: number, userId = 'u'): FoundSession => ({
  session: { userId, csrfToken: 'c', expiresAt: new Date(Date.now() + expiresInMs).toISOString() } as Session,
  user: { id: userId, role: 'applicant' } as User,
});

/** A cache and a loader that counts how often the database was asked. */
function setup(listening = true) {
  const cache = new SessionCache();
  cache.setListening(listening);
  const asked = { n: 0 };
  const load =
    (ms = 3_600_000, userId = 'u') =>
    async () => {
      asked.n++;
      return found(ms, userId);
    };
  return { cache, asked, load };
}

describe('SessionCache', () => {
  it('remembers while listening, and asks the database every time while not', async () => {
    for (const [listening, loads] of [
      [true, 1],
      [false, 3],
    ] as const) {
      const { cache, asked, load } = setup(listening);
      for (let i = 0; i < 3; i++) await cache.get('h', 1000, load());
      expect(asked.n).toBe(loads);
    }
  });

  it('losing the announcements forgets everything and stops remembering until they are heard again', async () => {
    const { cache, asked, load } = setup();
    await cache.get('h', 1000, load());
    cache.setListening(false);
    await cache.get('h', 1000, load());
    await cache.get('h', 1000, load());
    expect(asked.n).toBe(3);
    cache.setListening(true);
    await cache.get('h', 1000, load());
    await cache.get('h', 1000, load());
    expect(asked.n).toBe(4);
  });

  it('a lookup that started before the session was ended is not remembered after it', async () => {
    const { cache, asked, load } = setup();
    let release!: () => void;
    const slow = cache.get(
      'h',
      1000,
      () => new Promise<FoundSession>((r) => (release = () => r(found(3_600_000)))),
    );
    cache.heard('token:h');
    release();
    await slow;
    await cache.get('h', 1000, load());
    expect(asked.n).toBe(1);
  });

  it('goes to the database once the expiry is within the sliding margin (the store slides it there)', async () => {
    const { cache, asked, load } = setup();
    await cache.get('h', 60_000, load(30_000));
    await cache.get('h', 60_000, load(30_000));
    expect(asked.n).toBe(2);
  });

  it("an announced account change forgets that account's sessions only", async () => {
    const { cache, asked, load } = setup();
    await cache.get('a', 1000, load(3_600_000, 'u1'));
    await cache.get('b', 1000, load(3_600_000, 'u2'));
    cache.heard('user:u1');
    await cache.get('a', 1000, load(3_600_000, 'u1'));
    await cache.get('b', 1000, load(3_600_000, 'u2'));
    expect(asked.n).toBe(3);
  });
});
