/**
 * Notifications between processes: what a statement announces is heard when its transaction
 * commits and never when it rolls back; ending a session and changing an account announce
 * themselves; and on PostgreSQL a lost LISTEN connection is reported and re-established.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSession,
  deleteSession,
  recordLoginFailure,
  resetLoginFailures,
  SESSIONS_CHANNEL,
  tokenHash,
} from '../src/index';
import { suite } from './suites/suite';
import { BACKENDS, OPEN_TIMEOUT, type TestBackend } from './support/backends';

/** Waits until `ok()` holds (notifications arrive asynchronously); fails after 10 s. */
async function until(ok: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(BACKENDS)('notifications on %s', (name, start) => {
  let backend: TestBackend;
  const heard: string[] = [];
  const states: boolean[] = [];
  let stop: () => Promise<void>;
  beforeAll(async () => {
    backend = await start();
    stop = await backend.db.listen(SESSIONS_CHANNEL, {
      message: (p) => heard.push(p),
      state: (l) => states.push(l),
    });
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await stop?.();
    await backend?.close();
  });

  it('ending a session announces its hash at commit; a rolled-back end announces nothing', async () => {
    const s = suite(backend.db);
    const user = await s.newUser('admin');
    const kept = await createSession(backend.db, { userId: user.id, ip: null, ttlMs: 3_600_000 });
    await backend.db
      .transaction(async (tx) => {
        await deleteSession(tx, kept.token);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const ended = await createSession(backend.db, { userId: user.id, ip: null, ttlMs: 3_600_000 });
    await deleteSession(backend.db, ended.token);
    await until(() => heard.includes(`token:${tokenHash(ended.token)}`), 'the ended session');
    expect(heard).not.toContain(`token:${tokenHash(kept.token)}`);
  });

  it('a failed login and its reset announce the account', async () => {
    const s = suite(backend.db);
    const user = await s.newUser('admin');
    heard.length = 0;
    await recordLoginFailure(backend.db, user.id, { maxFailures: 5, lockMinutes: 15 });
    await until(() => heard.includes(`user:${user.id}`), 'the account change');
    heard.length = 0;
    await resetLoginFailures(backend.db, user.id);
    await until(() => heard.includes(`user:${user.id}`), 'the reset');
  });

  it.runIf(name === 'PostgreSQL')(
    'a lost LISTEN connection is reported, re-established, and heard again',
    async () => {
      expect(states).toEqual([true]);
      // What an administrator's restart or a network cut does to the listening connection.
      await backend.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      await until(() => states.includes(false), 'the loss');
      await until(() => states.at(-1) === true, 'listening again');
      const s = suite(backend.db);
      const user = await s.newUser('admin');
      const session = await createSession(backend.db, { userId: user.id, ip: null, ttlMs: 3_600_000 });
      await deleteSession(backend.db, session.token);
      await until(
        () => heard.includes(`token:${tokenHash(session.token)}`),
        'an announcement after reconnecting',
      );
    },
  );
});
