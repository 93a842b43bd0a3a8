import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  assignReviewer,
  createApplication,
  createBan,
  createOrganization,
  createSession,
  createUser,
  type Database,
  deleteExpiredSessions,
  deleteSession,
  diff,
  findOrganizationByUscc,
  findUserByLogin,
  getApplication,
  getAttachment,
  getOrganization,
  getSession,
  getTargets,
  getUser,
  hitCounter,
  isAssigned,
  listApplications,
  listAudit,
  listBans,
  listTargets,
  listUsers,
  nextReceiptNo,
  type Organization,
  orgAttachmentBytes,
  publishTargets,
  recordAttachment,
  recordLoginFailure,
  resetLoginFailures,
  saveApplicationData,
  saveTargetsDraft,
  seedPublishedTargets,
  setApplicationState,
  type User,
  verifyPassword,
} from '../src/index';
import { BACKENDS, OPEN_TIMEOUT, type TestBackend } from './support/backends';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let serial = 0;
/** A value unique in this run (USCCs, logins), so the tests of one file share a database. */
const unique = (prefix: string) => `${prefix}${process.pid}x${++serial}`;

describe.each(BACKENDS)('store on %s', (_name, start) => {
  let backend: TestBackend;
  let db: Database;
  beforeAll(async () => {
    backend = await start();
    db = backend.db;
  }, OPEN_TIMEOUT);
  afterAll(() => backend?.close());

  const newOrg = async (name = '东莞市示例科技有限公司'): Promise<Organization> => {
    const r = await createOrganization(db, {
      uscc: unique('9144'),
      name,
      contact: '张三',
      mobile: '13800138000',
    });
    if (!r.ok) throw new Error('organisation not created');
    return r.value;
  };
  const newUser = async (role: User['role'], orgId: string | null = null, programs: string[] = []) => {
    const r = await createUser(db, {
      login: unique('u'),
      name: '李四',
      role,
      orgId,
      programs,
      password: 'secret123',
    });
    if (!r.ok) throw new Error('user not created');
    return r.value;
  };

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

  describe('applications', () => {
    const draft = async (
      org: Organization,
      over: Partial<{ year: number; title: string; town: string; programId: string }> = {},
    ) => {
      const r = await createApplication(db, {
        programId: over.programId ?? 'ai-innovation-center',
        form: 'application',
        year: over.year ?? 2026,
        orgId: org.id,
        data: { applicant: { name: org.name }, n: 1 },
        title: over.title ?? `${org.name}申请书`,
        town: over.town ?? '松山湖',
        userId: null,
      });
      if (!r.ok) throw new Error('draft not created');
      return r.value;
    };

    it('one draft per organisation, programme and year: a second names the first', async () => {
      const org = await newOrg();
      const a = await draft(org);
      expect(a).toMatchObject({
        state: 'draft',
        version: 1,
        orgName: org.name,
        orgUscc: org.uscc,
        receiptNo: null,
      });
      expect(a.data).toEqual({ applicant: { name: org.name }, n: 1 });
      expect(a.createdAt).toMatch(ISO);
      const again = await createApplication(db, {
        programId: 'ai-innovation-center',
        form: 'application',
        year: 2026,
        orgId: org.id,
        data: {},
        title: '',
        town: null,
        userId: null,
      });
      expect(again).toEqual({ ok: false, conflict: 'exists', existingId: a.id });
      expect((await draft(org, { year: 2027 })).year).toBe(2027);
      expect(await getApplication(db, a.id)).toEqual(a);
      expect(await getApplication(db, 'no-such-id')).toBeUndefined();
    });

    it('a stale save gets the current record and changes nothing', async () => {
      const org = await newOrg();
      const user = await newUser('applicant', org.id);
      const a = await draft(org);
      const first = await saveApplicationData(db, {
        id: a.id,
        version: 1,
        data: { n: 2 },
        title: '甲',
        town: '南城',
        userId: user.id,
      });
      expect(first).toMatchObject({
        ok: true,
        record: { version: 2, data: { n: 2 }, title: '甲', town: '南城' },
      });
      const stale = await saveApplicationData(db, {
        id: a.id,
        version: 1,
        data: { n: 3 },
        title: '乙',
        town: null,
        userId: user.id,
      });
      expect(stale).toMatchObject({ ok: false, current: { version: 2, data: { n: 2 }, title: '甲' } });
      expect((await getApplication(db, a.id))?.data).toEqual({ n: 2 });
      expect(
        await saveApplicationData(db, {
          id: 'nope',
          version: 1,
          data: {},
          title: '',
          town: null,
          userId: null,
        }),
      ).toBeUndefined();
    });

    it('moves the state with the receipt number and submission time, versioned', async () => {
      const org = await newOrg();
      const a = await draft(org);
      const at = '2026-03-19T02:00:00.000Z';
      const submitted = await setApplicationState(db, {
        id: a.id,
        version: 1,
        state: 'submitted',
        receiptNo: unique('R-'),
        submittedAt: at,
        userId: null,
      });
      expect(submitted).toMatchObject({
        ok: true,
        record: { state: 'submitted', version: 2, submittedAt: at },
      });
      const withdrawn = await setApplicationState(db, {
        id: a.id,
        version: 2,
        state: 'withdrawn',
        userId: null,
      });
      // Unset fields are kept.
      expect(withdrawn).toMatchObject({
        ok: true,
        record: { state: 'withdrawn', version: 3, submittedAt: at },
      });
      expect(withdrawn?.ok && withdrawn.record.receiptNo).toMatch(/^R-/);
      const cleared = await setApplicationState(db, {
        id: a.id,
        version: 3,
        state: 'draft',
        receiptNo: null,
        submittedAt: null,
        userId: null,
      });
      expect(cleared).toMatchObject({ ok: true, record: { receiptNo: null, submittedAt: null } });
      const stale = await setApplicationState(db, { id: a.id, version: 1, state: 'submitted', userId: null });
      expect(stale).toMatchObject({ ok: false, current: { state: 'draft', version: 4 } });
    });

    it('text search is literal: %, _ and \\ match themselves, quotes are only text', async () => {
      const program = unique('search-');
      const titles = ['百分之百%达成', '下划线_名称', '反斜杠\\路径', '普通名称', "O'Brien 公司"];
      for (const title of titles) await draft(await newOrg(), { programId: program, title });
      const search = async (q: string) =>
        (await listApplications(db, { programId: program, q })).items.map((i) => i.title).sort();
      expect(await search('%')).toEqual(['百分之百%达成']);
      expect(await search('_')).toEqual(['下划线_名称']);
      expect(await search('\\')).toEqual(['反斜杠\\路径']);
      expect(await search("'")).toEqual(["O'Brien 公司"]);
      expect(await search("o'brien")).toEqual(["O'Brien 公司"]);
      expect(await search("' OR 1=1 --")).toEqual([]);
      expect(await search('名称')).toEqual(['下划线_名称', '普通名称'].sort());
      expect((await listApplications(db, { programId: program })).total).toBe(5);
    });

    it('search also finds the organisation name, USCC and receipt number', async () => {
      const program = unique('find-');
      const org = await newOrg('东莞市独特名字有限公司');
      const a = await draft(org, { programId: program, title: '无关标题' });
      await setApplicationState(db, {
        id: a.id,
        version: 1,
        state: 'submitted',
        receiptNo: `${program}-0007`,
        userId: null,
      });
      for (const q of ['独特名字', org.uscc.toLowerCase(), `${program}-0007`])
        expect((await listApplications(db, { programId: program, q })).items.map((i) => i.id)).toEqual([
          a.id,
        ]);
    });

    it('pages through results, capping the page size at 100', async () => {
      const program = unique('page-');
      const org = await newOrg();
      for (let year = 2001; year <= 2025; year++) await draft(org, { programId: program, year });
      const p1 = await listApplications(db, { programId: program, page: 1, pageSize: 10 });
      const p3 = await listApplications(db, { programId: program, page: 3, pageSize: 10 });
      expect(p1).toMatchObject({ total: 25, page: 1, pageSize: 10 });
      expect(p1.items).toHaveLength(10);
      expect(p3.items).toHaveLength(5);
      expect(p1.items[0]).not.toHaveProperty('data');
      const all = [];
      for (let page = 1; page <= 3; page++)
        all.push(
          ...(await listApplications(db, { programId: program, page, pageSize: 10 })).items.map(
            (i) => i.year,
          ),
        );
      expect(all.sort()).toEqual(Array.from({ length: 25 }, (_, i) => 2001 + i));
      expect((await listApplications(db, { programId: program, pageSize: 1000 })).pageSize).toBe(100);
      expect((await listApplications(db, { programId: program, pageSize: 0, page: -4 })).page).toBe(1);
      expect((await listApplications(db, { programId: program, page: 9, pageSize: 10 })).items).toEqual([]);
    });

    it('filters by state, town, year, organisation, programmes and assigned reviewer', async () => {
      const program = unique('filter-');
      const other = unique('other-');
      const [o1, o2] = [await newOrg(), await newOrg()];
      const a = await draft(o1, { programId: program, town: '南城' });
      const b = await draft(o2, { programId: program, town: '东城', year: 2027 });
      const c = await draft(o2, { programId: other });
      await setApplicationState(db, { id: b.id, version: 1, state: 'submitted', userId: null });
      const ids = async (f: Parameters<typeof listApplications>[1]) =>
        (await listApplications(db, f)).items.map((i) => i.id).sort();
      expect(await ids({ programId: program, state: 'submitted' })).toEqual([b.id]);
      expect(await ids({ programId: program, excludeStates: ['draft'] })).toEqual([b.id]);
      expect(await ids({ programId: program, town: '南城' })).toEqual([a.id]);
      expect(await ids({ programId: program, year: 2027 })).toEqual([b.id]);
      expect(await ids({ orgId: o2.id })).toEqual([b.id, c.id].sort());
      expect(await ids({ orgId: o2.id, programs: [other] })).toEqual([c.id]);
      expect(await ids({ orgId: o2.id, programs: ['*'] })).toEqual([b.id, c.id].sort());
      expect(await ids({ orgId: o2.id, programs: [] })).toEqual([]);
      const reviewer = await newUser('reviewer');
      const staff = await newUser('staff', null, ['*']);
      expect(await assignReviewer(db, a.id, reviewer.id, staff.id)).toBe(true);
      expect(await assignReviewer(db, a.id, reviewer.id, staff.id)).toBe(false);
      expect(await isAssigned(db, a.id, reviewer.id)).toBe(true);
      expect(await isAssigned(db, b.id, reviewer.id)).toBe(false);
      expect(await ids({ reviewerId: reviewer.id })).toEqual([a.id]);
    });

    it('申报编号 are sequential per programme and year, and a rolled-back number is reused', async () => {
      const program = unique('receipt-');
      expect(await nextReceiptNo(db, program, 2026, 'DGAI')).toBe('DGAI-2026-0001');
      expect(await nextReceiptNo(db, program, 2026, 'DGAI')).toBe('DGAI-2026-0002');
      expect(await nextReceiptNo(db, program, 2027, 'DGAI')).toBe('DGAI-2027-0001');
      await expect(
        db.transaction(async (tx) => {
          expect(await nextReceiptNo(tx, program, 2026, 'DGAI')).toBe('DGAI-2026-0003');
          throw new Error('submission failed');
        }),
      ).rejects.toThrow('submission failed');
      expect(await nextReceiptNo(db, program, 2026, 'DGAI')).toBe('DGAI-2026-0003');
    });

    it('parallel submissions get distinct, gap-free numbers', async () => {
      const program = unique('parallel-');
      const numbers = await Promise.all(
        Array.from({ length: 10 }, () => db.transaction((tx) => nextReceiptNo(tx, program, 2026, 'X'))),
      );
      expect(numbers.sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `X-2026-${String(i + 1).padStart(4, '0')}`),
      );
    });
  });

  describe('attachments', () => {
    it('records the same bytes once per organisation and sums the quota', async () => {
      const [o1, o2] = [await newOrg(), await newOrg()];
      const sha = 'a'.repeat(64);
      const first = await recordAttachment(db, {
        orgId: o1.id,
        sha256: sha,
        size: 3_000_000_000,
        mediaType: 'application/pdf',
        name: '营业执照.pdf',
        userId: null,
      });
      expect(first).toMatchObject({ created: true, record: { size: 3_000_000_000, name: '营业执照.pdf' } });
      const again = await recordAttachment(db, {
        orgId: o1.id,
        sha256: sha,
        size: 3_000_000_000,
        mediaType: 'application/pdf',
        name: '另名.pdf',
        userId: null,
      });
      expect(again).toEqual({ created: false, record: first.record });
      await recordAttachment(db, {
        orgId: o1.id,
        sha256: 'b'.repeat(64),
        size: 10,
        mediaType: 'image/png',
        name: 'x.png',
        userId: null,
      });
      expect(await orgAttachmentBytes(db, o1.id)).toBe(3_000_000_010);
      expect(await orgAttachmentBytes(db, o2.id)).toBe(0);
      expect(await getAttachment(db, o1.id, sha)).toEqual(first.record);
      expect(await getAttachment(db, o2.id, sha)).toBeUndefined();
    });
  });

  describe('yearly targets', () => {
    it('draft → publish, versioned; version 0 creates a year once', async () => {
      const program = unique('targets-');
      const staff = await newUser('staff', null, ['*']);
      expect(await getTargets(db, program, 2027)).toBeUndefined();
      const created = await saveTargetsDraft(db, {
        programId: program,
        year: 2027,
        data: { min: 1 },
        version: 0,
        userId: staff.id,
      });
      expect(created).toMatchObject({
        ok: true,
        record: { version: 1, draft: { min: 1 }, published: null, publishedAt: null },
      });
      const twice = await saveTargetsDraft(db, {
        programId: program,
        year: 2027,
        data: { min: 9 },
        version: 0,
        userId: staff.id,
      });
      expect(twice).toMatchObject({ ok: false, current: { version: 1, draft: { min: 1 } } });
      const edited = await saveTargetsDraft(db, {
        programId: program,
        year: 2027,
        data: { min: 2 },
        version: 1,
        userId: staff.id,
      });
      expect(edited).toMatchObject({ ok: true, record: { version: 2, draft: { min: 2 } } });
      expect(
        await saveTargetsDraft(db, { programId: program, year: 2027, data: {}, version: 1, userId: null }),
      ).toMatchObject({
        ok: false,
        current: { version: 2 },
      });
      expect(
        await publishTargets(db, { programId: program, year: 2027, version: 1, userId: staff.id }),
      ).toMatchObject({ ok: false });
      const published = await publishTargets(db, {
        programId: program,
        year: 2027,
        version: 2,
        userId: staff.id,
      });
      expect(published).toMatchObject({
        ok: true,
        record: { version: 3, draft: null, published: { min: 2 } },
      });
      expect(published?.ok && published.record.publishedAt).toMatch(ISO);
      // Nothing left to publish: not ok, with the same version and no draft.
      expect(
        await publishTargets(db, { programId: program, year: 2027, version: 3, userId: staff.id }),
      ).toMatchObject({
        ok: false,
        current: { version: 3, draft: null },
      });
      expect(
        await saveTargetsDraft(db, { programId: program, year: 2030, data: {}, version: 5, userId: null }),
      ).toBeUndefined();
    });

    it('seeds a shipped year as published once, and lists years in order', async () => {
      const program = unique('seed-');
      expect(await seedPublishedTargets(db, program, 2026, { min: 1 })).toBe(true);
      expect(await seedPublishedTargets(db, program, 2026, { min: 5 })).toBe(false);
      await seedPublishedTargets(db, program, 2025, { min: 0 });
      const years = await listTargets(db, program);
      expect(years.map((t) => [t.year, t.published])).toEqual([
        [2025, { min: 0 }],
        [2026, { min: 1 }],
      ]);
    });
  });

  describe('bans and the audit log', () => {
    it('第十五条: a ban is stored with its dates as written', async () => {
      const org = await newOrg();
      const program = unique('ban-');
      const ban = await createBan(db, {
        programId: program,
        orgId: org.id,
        ground: 1,
        decidedOn: '2026-05-01',
        until: '2028-04-30',
        kind: 'years',
        reason: '主动申请撤销',
        userId: null,
      });
      expect(ban).toMatchObject({ ground: 1, decidedOn: '2026-05-01', until: '2028-04-30', kind: 'years' });
      await createBan(db, {
        programId: program,
        orgId: org.id,
        ground: 5,
        decidedOn: '2026-09-01',
        until: null,
        kind: 'forever',
        reason: '弄虚作假',
        userId: null,
      });
      expect((await listBans(db, { programId: program, orgId: org.id })).map((b) => b.decidedOn)).toEqual([
        '2026-09-01',
        '2026-05-01',
      ]);
      expect(await listBans(db, { programId: program, orgId: 'other' })).toEqual([]);
    });

    it('appends entries with a JSON Patch and refuses to change or delete them', async () => {
      const id = unique('app-');
      const patch = diff({ a: 1, b: { c: [1, 2] } }, { a: 2, b: { c: [1, 2, 3] } });
      expect(patch).toEqual([
        { op: 'add', path: '/b/c/2', value: 3 },
        { op: 'replace', path: '/a', value: 2 },
      ]);
      const e1 = await appendAudit(db, {
        actorId: null,
        actorRole: 'applicant',
        ip: '10.0.0.1',
        entity: 'application',
        entityId: id,
        action: 'save',
        patch,
      });
      const e2 = await appendAudit(db, {
        actorId: null,
        actorRole: 'system',
        ip: null,
        entity: 'application',
        entityId: id,
        action: 'submit',
        patch: null,
      });
      expect(e2.id).toBeGreaterThan(e1.id);
      expect(await listAudit(db, 'application', id)).toEqual([e1, e2]);
      expect(e1).toMatchObject({ patch, ip: '10.0.0.1', at: expect.stringMatching(ISO) });
      await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [e1.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query('DELETE FROM audit_log WHERE id = $1', [e1.id])).rejects.toThrow(/append-only/);
      expect(await listAudit(db, 'application', id)).toEqual([e1, e2]);
    });

    it('diff of whole values: created, removed, replaced, unchanged', () => {
      expect(diff(undefined, { a: 1 })).toEqual([{ op: 'add', path: '', value: { a: 1 } }]);
      expect(diff({ a: 1 }, undefined)).toEqual([{ op: 'remove', path: '' }]);
      expect(diff('draft', 'submitted')).toEqual([{ op: 'replace', path: '', value: 'submitted' }]);
      expect(diff([1], { 0: 1 })).toEqual([{ op: 'replace', path: '', value: { 0: 1 } }]);
      expect(diff({ a: [1] }, { a: [1] })).toEqual([]);
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
});
