import { createHash } from 'node:crypto';
/** Organisations, users, passwords, sessions, rate limits, transactions. */
import { describe, expect, it } from 'vitest';
import {
  createOrganization,
  createSession,
  createUser,
  deleteExpiredSessions,
  deleteSession,
  findOrganizationByUscc,
  findUserByLogin,
  getOrganization,
  getSession,
  getUser,
  hitCounter,
  listUsers,
  recordLoginFailure,
  resetLoginFailures,
  verifyPassword,
} from '../../src/index';
import { ISO, type Suite, unique } from './suite';

export function accountsSuite({ db, newOrg, newUser }: Suite): void {
  describe('organisations', () => {
    it('stores one organisation per 统一社会信用代码 and refuses a second', async () => {
      const org = await newOrg();
      expect(org.createdAt).toMatch(ISO);
      expect(await getOrganization(db, org.id)).toEqual(org);
      expect(await findOrganizationByUscc(db, org.uscc)).toEqual(org);
      const again = await createOrganization(db, {
        uscc: org.uscc,
        name: '另一家',
        contact: '王五',
        mobile: '13900000000',
      });
      expect(again).toEqual({ ok: false, conflict: 'uscc' });
      expect(await findOrganizationByUscc(db, 'NO-SUCH')).toBeUndefined();
    });

    it('a conflict inside a transaction leaves the transaction usable', async () => {
      const org = await newOrg();
      const result = await db.transaction(async (tx) => {
        const again = await createOrganization(tx, { uscc: org.uscc, name: 'x', contact: 'y', mobile: 'z' });
        const [row] = await tx.query<{ n: number }>('SELECT 41 + 1 AS n');
        return { again, n: row?.n };
      });
      expect(result).toEqual({ again: { ok: false, conflict: 'uscc' }, n: 42 });
    });
  });

  describe('users and passwords', () => {
    it('hashes the password with Argon2id at OWASP parameters and verifies it', async () => {
      const org = await newOrg();
      const user = await newUser('applicant', org.id);
      const found = await findUserByLogin(db, user.login);
      expect(found?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(found?.passwordHash).not.toContain('secret123');
      expect(await verifyPassword(found?.passwordHash ?? '', 'secret123')).toBe(true);
      expect(await verifyPassword(found?.passwordHash ?? '', 'secret124')).toBe(false);
      expect(await verifyPassword('not a hash', 'secret123')).toBe(false);
      expect(await getUser(db, user.id)).toEqual(user);
      expect(user).toMatchObject({ role: 'applicant', orgId: org.id, failedLogins: 0, lockedUntil: null });
    });

    it('refuses a login that is taken, and an applicant without an organisation', async () => {
      const staff = await newUser('staff', null, ['*']);
      expect(staff.programs).toEqual(['*']);
      const again = await createUser(db, {
        login: staff.login,
        name: 'x',
        role: 'admin',
        password: 'secret123',
      });
      expect(again).toEqual({ ok: false, conflict: 'login' });
      await expect(
        createUser(db, { login: unique('a'), name: 'x', role: 'applicant', password: 'secret123' }),
      ).rejects.toThrow();
    });

    it('回避: a reviewer may carry the 统一社会信用代码 of its employer; no other role may', async () => {
      const made = await createUser(db, {
        login: unique('r'),
        name: '专家',
        role: 'reviewer',
        affiliationUscc: '91441900MAAY4CL12N',
        password: 'secret123',
      });
      if (!made.ok) throw new Error('createUser');
      expect(made.value.affiliationUscc).toBe('91441900MAAY4CL12N');
      expect(await getUser(db, made.value.id)).toEqual(made.value);
      expect((await newUser('reviewer')).affiliationUscc).toBeNull();
      await expect(
        createUser(db, {
          login: unique('s'),
          name: 'x',
          role: 'staff',
          affiliationUscc: '91441900MAAY4CL12N',
          password: 'secret123',
        }),
      ).rejects.toThrow();
      await expect(
        createUser(db, {
          login: unique('r'),
          name: 'x',
          role: 'reviewer',
          affiliationUscc: 'not-a-code',
          password: 'secret123',
        }),
      ).rejects.toThrow();
    });

    it('lists all users or one organisation’s', async () => {
      const org = await newOrg();
      const a = await newUser('applicant', org.id);
      const b = await newUser('applicant', org.id);
      expect((await listUsers(db, { orgId: org.id })).map((u) => u.id).sort()).toEqual([a.id, b.id].sort());
      expect((await listUsers(db)).map((u) => u.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    });

    it('locks an account at the fifth failure and gives it five new tries afterwards', async () => {
      const user = await newUser('reviewer');
      const policy = { maxFailures: 5, lockMinutes: 15 };
      for (let i = 1; i <= 4; i++) expect(await recordLoginFailure(db, user.id, policy)).toBeNull();
      expect((await getUser(db, user.id))?.failedLogins).toBe(4);
      const [now] = await db.query<{ t: Date }>('SELECT now() AS t');
      const lockedUntil = await recordLoginFailure(db, user.id, policy);
      expect(lockedUntil).toMatch(ISO);
      const minutes = (Date.parse(lockedUntil ?? '') - new Date(String(now?.t)).getTime()) / 60_000;
      expect(minutes).toBeGreaterThan(14.9);
      expect(minutes).toBeLessThan(15.1);
      const locked = await getUser(db, user.id);
      expect(locked).toMatchObject({ failedLogins: 0, lockedUntil });
      // A failure while locked keeps the lock and counts towards the next one.
      expect(await recordLoginFailure(db, user.id, policy)).toBe(lockedUntil);
      await resetLoginFailures(db, user.id);
      expect(await getUser(db, user.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });

    it('counts parallel failures without losing one', async () => {
      const user = await newUser('reviewer');
      await Promise.all(
        Array.from({ length: 8 }, () =>
          recordLoginFailure(db, user.id, { maxFailures: 100, lockMinutes: 1 }),
        ),
      );
      expect((await getUser(db, user.id))?.failedLogins).toBe(8);
    });
  });

  describe('sessions', () => {
    it('keeps only the sha256 of the token and returns the session with its user', async () => {
      const user = await newUser('admin');
      const s = await createSession(db, { userId: user.id, ip: '127.0.0.1', ttlMs: 8 * 3600_000 });
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.csrfToken).not.toBe(s.token);
      const rows = await db.query<{ id_hash: string }>('SELECT id_hash FROM sessions WHERE user_id = $1', [
        user.id,
      ]);
      expect(rows).toEqual([{ id_hash: createHash('sha256').update(s.token).digest('hex') }]);
      const got = await getSession(db, s.token, { ttlMs: 8 * 3600_000 });
      expect(got?.user).toEqual(user);
      expect(got?.session).toEqual({ userId: user.id, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
      expect(await getSession(db, `${s.token}x`, { ttlMs: 1000 })).toBeUndefined();
      await deleteSession(db, s.token);
      expect(await getSession(db, s.token, { ttlMs: 8 * 3600_000 })).toBeUndefined();
    });

    it('an expired session is gone, and expired sessions are deleted', async () => {
      const user = await newUser('admin');
      const s = await createSession(db, { userId: user.id, ip: null, ttlMs: -1000 });
      expect(await getSession(db, s.token, { ttlMs: 3600_000 })).toBeUndefined();
      expect(await deleteExpiredSessions(db)).toBeGreaterThanOrEqual(1);
      expect(await db.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).toEqual([]);
    });

    it('slides the expiry once less than half the ttl remains, not before', async () => {
      const user = await newUser('admin');
      const hour = 3600_000;
      const fresh = await createSession(db, { userId: user.id, ip: null, ttlMs: hour });
      expect((await getSession(db, fresh.token, { ttlMs: hour }))?.session.expiresAt).toBe(fresh.expiresAt);
      const short = await createSession(db, { userId: user.id, ip: null, ttlMs: 60_000 });
      const slid = await getSession(db, short.token, { ttlMs: hour });
      expect(Date.parse(slid?.session.expiresAt ?? '') - Date.parse(short.expiresAt)).toBeGreaterThan(
        hour - 120_000,
      );
    });
  });

  describe('rate limits', () => {
    it('counts hits in a fixed window and starts again after it', async () => {
      const key = unique('login:');
      expect(await hitCounter(db, key, 60_000)).toBe(1);
      expect(await hitCounter(db, key, 60_000)).toBe(2);
      expect(await hitCounter(db, key, 60_000)).toBe(3);
      // A zero-length window has always ended: the next hit opens a new one.
      expect(await hitCounter(db, key, 0)).toBe(1);
    });

    it('parallel hits each get their own count', async () => {
      const key = unique('ip:');
      const counts = await Promise.all(Array.from({ length: 20 }, () => hitCounter(db, key, 60_000)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });

  it('a transaction that throws leaves nothing behind', async () => {
    const uscc = unique('9144');
    await expect(
      db.transaction(async (tx) => {
        await createOrganization(tx, { uscc, name: 'x', contact: 'y', mobile: 'z' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await findOrganizationByUscc(db, uscc)).toBeUndefined();
  });
}
