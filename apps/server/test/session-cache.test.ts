/** The embedded database's session memory: never serves what was ended, never skips a slide. */
import type { Session, User } from '@shenbao/store';
import { describe, expect, it } from 'vitest';
import { type FoundSession, SessionCache } from '../src/session-cache';

const found = (expiresInMs: number): FoundSession => ({
  session: {
    userId: 'u',
    csrfToken: 'c',
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  } as Session,
  user: { id: 'u', role: 'applicant' } as User,
});

describe('SessionCache', () => {
  it('remembers a session on the embedded database, and asks every time on PostgreSQL', async () => {
    for (const [enabled, loads] of [
      [true, 1],
      [false, 3],
    ] as const) {
      const cache = new SessionCache(enabled);
      let n = 0;
      const counting = (ms: number) => async () => {
        n++;
        return found(ms);
      };
      for (let i = 0; i < 3; i++) await cache.get('t', 1000, counting(3_600_000));
      expect(n).toBe(loads);
    }
  });

  it('a lookup that started before the session was ended is not remembered after it', async () => {
    const cache = new SessionCache(true);
    let release!: () => void;
    const slow = cache.get(
      't',
      1000,
      () => new Promise<FoundSession>((r) => (release = () => r(found(3_600_000)))),
    );
    cache.forget('t');
    release();
    await slow;
    let asked = false;
    await cache.get('t', 1000, async () => {
      asked = true;
      return undefined;
    });
    expect(asked).toBe(true);
  });

  it('goes to the database once the expiry is within the sliding margin (the store slides it there)', async () => {
    const cache = new SessionCache(true);
    let n = 0;
    const counting = (ms: number) => async () => {
      n++;
      return found(ms);
    };
    await cache.get('t', 60_000, counting(30_000));
    await cache.get('t', 60_000, counting(30_000));
    expect(n).toBe(2);
  });

  it('forgetAll forgets every session (an account changed)', async () => {
    const cache = new SessionCache(true);
    let n = 0;
    const counting = (ms: number) => async () => {
      n++;
      return found(ms);
    };
    await cache.get('a', 1000, counting(3_600_000));
    cache.forgetAll();
    await cache.get('a', 1000, counting(3_600_000));
    expect(n).toBe(2);
  });
});
