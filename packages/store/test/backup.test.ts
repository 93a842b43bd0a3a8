import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTables, quoteIdent } from '../src/catalog';
import {
  addCentreChange,
  addCentreName,
  addDeadline,
  addMessage,
  addObjection,
  appendAudit,
  assignReviewer,
  backupDatabase,
  correctNotice,
  createApplication,
  createBan,
  createNotice,
  createOrganization,
  createSession,
  createUser,
  type Database,
  decideObjection,
  decideRevocation,
  diff,
  failDeadline,
  hitCounter,
  listBans,
  nextReceiptNo,
  publishNotice,
  publishTargets,
  RestoreRefusedError,
  readMigrations,
  recordAttachment,
  recordTransition,
  restoreDatabase,
  saveReview,
  saveTargetsDraft,
  seedPublishedTargets,
  setCentreGoals,
} from '../src/index';
import { OPEN_TIMEOUT, pgliteBackend, postgresBackend, type TestBackend } from './support/backends';

const dir = mkdtempSync(join(tmpdir(), 'shenbao-backup-'));
let lite: TestBackend;
let pg: TestBackend;

beforeAll(async () => {
  [lite, pg] = await Promise.all([pgliteBackend(), postgresBackend()]);
  await fill(lite.db);
}, OPEN_TIMEOUT);
afterAll(async () => {
  await lite?.close();
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One or more rows in every table, with the values that are easy to get wrong. */
async function fill(db: Database): Promise<void> {
  const org = await createOrganization(db, {
    uscc: '91441900MA4UTEST1X',
    name: '东莞"引号"\\科技\n有限公司',
    contact: '张三',
    mobile: '13800138000',
  });
  if (!org.ok) throw new Error('org');
  const user = await createUser(db, {
    login: '13800138000',
    name: '张三',
    role: 'applicant',
    orgId: org.value.id,
    password: 'secret123',
  });
  const staff = await createUser(db, {
    login: 'staff',
    name: '王科长',
    role: 'staff',
    programs: ['*', 'b'],
    password: 'secret123',
  });
  const reviewer = await createUser(db, {
    login: 'rev',
    name: '专家',
    role: 'reviewer',
    password: 'secret123',
  });
  if (!user.ok || !staff.ok || !reviewer.ok) throw new Error('users');
  await createSession(db, { userId: user.value.id, ip: '127.0.0.1', ttlMs: 3600_000 });
  await hitCounter(db, 'login:127.0.0.1', 60_000);
  const data = {
    text: 'line\u2028separator\u2029and\r\nbreaks\ttab \u0001 😀 中文',
    big: 12345678901234,
    nested: { list: [1, 2.5, null, true, { deep: [] }] },
    ['__proto__']: 'just a key',
  };
  const app = await createApplication(db, {
    programId: 'ai-innovation-center',
    form: 'application',
    year: 2026,
    orgId: org.value.id,
    data,
    title: '申请书',
    town: '松山湖',
    userId: user.value.id,
  });
  if (!app.ok) throw new Error('app');
  await assignReviewer(db, app.value.id, reviewer.value.id, staff.value.id);
  await nextReceiptNo(db, 'ai-innovation-center', 2026, 'DGAI');
  await recordAttachment(db, {
    orgId: org.value.id,
    sha256: 'f'.repeat(64),
    size: 5_000_000_000,
    mediaType: 'application/pdf',
    name: '证明.pdf',
    userId: user.value.id,
  });
  await seedPublishedTargets(db, 'ai-innovation-center', 2026, { min: 1 });
  await saveTargetsDraft(db, {
    programId: 'ai-innovation-center',
    year: 2027,
    data: { min: 2 },
    version: 0,
    userId: staff.value.id,
  });
  await publishTargets(db, {
    programId: 'ai-innovation-center',
    year: 2027,
    version: 1,
    userId: staff.value.id,
  });
  await createBan(db, {
    programId: 'ai-innovation-center',
    orgId: org.value.id,
    ground: 3,
    decidedOn: '2026-12-31',
    until: null,
    kind: 'forever',
    reason: '连续两年考核不合格',
    userId: staff.value.id,
  });
  for (let i = 0; i < 3; i++)
    await appendAudit(db, {
      actorId: user.value.id,
      actorRole: 'applicant',
      ip: null,
      entity: 'application',
      entityId: app.value.id,
      action: 'save',
      patch: diff({ n: i }, { n: i + 1 }),
    });
  // The procedure: timeline, deadline, review (a decimal score), objection (a date), message.
  await recordTransition(db, {
    applicationId: app.value.id,
    transition: 'return',
    from: 'submitted',
    to: 'returned',
    actorId: staff.value.id,
    actorRole: 'bureau',
    record: { items: [{ field: '/finance', opinion: '请补充"审计"报告\n第二行' }] },
  });
  await recordTransition(db, {
    applicationId: app.value.id,
    transition: 'publicity-ends',
    from: 'publicity',
    to: 'approval',
    actorId: null,
    actorRole: 'system',
    reason: '公示期满',
  });
  const deadline = await addDeadline(db, {
    applicationId: app.value.id,
    state: 'publicity',
    transition: 'publicity-ends',
    due: '2026-09-30T16:00:00Z',
    note: '公示期 2026年9月24日至9月30日',
  });
  await failDeadline(db, deadline.id, '尚有1件异议未处理');
  await saveReview(db, {
    applicationId: app.value.id,
    reviewerId: reviewer.value.id,
    data: { total: 84.25 },
    score: 84.25,
  });
  const objection = await addObjection(db, {
    applicationId: app.value.id,
    raisedBy: '匿名',
    raisedAt: '2026-09-25',
    content: '数据不实',
    userId: staff.value.id,
  });
  await decideObjection(db, {
    id: objection.id,
    decision: 'dismissed',
    reason: '不属实',
    userId: staff.value.id,
  });
  await addMessage(db, { orgId: org.value.id, applicationId: app.value.id, text: '您的申报已进入公示' });
  // A recognised centre's year, a revocation with its ban, a rename reported in time.
  await setCentreGoals(db, {
    applicationId: app.value.id,
    year: 2027,
    goals: { softwareRevenue: 1500 },
    userId: staff.value.id,
    role: 'staff',
  });
  const [ban] = await listBans(db, { programId: 'ai-innovation-center', orgId: org.value.id });
  await decideRevocation(db, {
    applicationId: app.value.id,
    ground: 3,
    reason: '连续两年绩效考核不达标',
    decidedOn: '2026-12-31',
    banId: ban?.id ?? null,
    userId: staff.value.id,
  });
  const change = await addCentreChange(db, {
    applicationId: app.value.id,
    kind: '更名',
    plannedDate: '2027-06-30',
    reportedOn: '2027-05-01',
    late: false,
    daysBefore: 60,
    details: { newBrand: '新品牌' },
    userId: user.value.id,
  });
  await addCentreName(db, {
    applicationId: app.value.id,
    brand: '新品牌',
    operator: '某公司',
    fromDate: '2027-06-30',
    reason: '更名（第十六条）',
    changeId: change.id,
    userId: user.value.id,
  });
  // A published notice and its published correction: the old row points at the later one.
  const notice = await createNotice(db, {
    programId: 'ai-innovation-center',
    documentId: 'publicity-notice',
    year: 2026,
    title: '关于2026年拟认定名单的公示',
    data: { year: 2026, centers: [{ brand: '甲中心' }] },
    summary: { docNo: '东工信〔2026〕1号' },
    userId: staff.value.id,
  });
  await publishNotice(db, { ...notice, html: '<p>公示</p>', userId: staff.value.id });
  const correction = await correctNotice(db, { id: notice.id, userId: staff.value.id });
  if (!correction?.ok) throw new Error('fixture: correction');
  await publishNotice(db, { ...correction.record, html: '<p>更正</p>', userId: null });
  // More rows than one page of the dump (1000), with a one-column and a two-column key.
  await db.query(
    `INSERT INTO rate_counters (key, window_start, count) SELECT 'k' || i, now(), i FROM generate_series(1, 2345) i`,
  );
  await db.query(
    `INSERT INTO receipt_counters (program_id, year, next) SELECT 'p' || (i % 7), 1000 + i, i FROM generate_series(1, 1500) i`,
  );
}

/** Every table's rows as text, in key order: what must be equal after a round trip. */
async function contents(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await listTables(db)) {
    const rows = await db.query<{ j: string }>(
      `SELECT to_jsonb(x)::text AS j FROM ${quoteIdent(t.name)} x ORDER BY ${t.key.map(quoteIdent).join(', ')}`,
    );
    out[t.name] = rows.map((r) => r.j);
  }
  return out;
}

describe('backup and restore', () => {
  it(
    'PGlite → file → PostgreSQL → file → PGlite: every table, every value the same',
    async () => {
      const original = await contents(lite.db);
      expect(original.rate_counters).toHaveLength(2346);
      // Every table has rows, so a table the dump forgot would show.
      expect(Object.entries(original).filter(([, rows]) => rows.length === 0)).toEqual([]);
      const file = join(dir, 'lite.jsonl.gz');
      const written = await backupDatabase(lite.db, file);
      // It holds password hashes: readable by its owner only.
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(written.header).toMatchObject({
        format: 'shenbao-dump',
        formatVersion: 1,
        schemaVersion: readMigrations().at(-1)?.version,
        backend: 'pglite',
      });
      expect(written.counts).toEqual(
        Object.fromEntries(Object.entries(original).map(([t, rows]) => [t, rows.length])),
      );
      // Parents come before children, so foreign keys hold while loading.
      const order = written.header.tables;
      expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('users'));
      expect(order.indexOf('users')).toBeLessThan(order.indexOf('applications'));
      expect(order.indexOf('applications')).toBeLessThan(order.indexOf('review_assignments'));
      for (const t of ['transitions', 'deadlines', 'reviews', 'objections', 'messages'])
        expect(order.indexOf('applications')).toBeLessThan(order.indexOf(t));

      const restored = await restoreDatabase(pg.db, file);
      expect(restored.counts).toEqual(written.counts);
      expect(await contents(pg.db)).toEqual(original);

      // The audit log's ids continue after the restored ones.
      const next = await appendAudit(pg.db, {
        actorId: null,
        actorRole: 'system',
        ip: null,
        entity: 'x',
        entityId: 'y',
        action: 'z',
        patch: null,
      });
      expect(next.id).toBe(4);
      // So do the procedure's (one message restored, the next is the second).
      const [org] = await pg.db.query<{ id: string }>('SELECT id FROM organizations');
      const message = await addMessage(pg.db, { orgId: org?.id ?? '', text: '恢复后' });
      expect(message.id).toBe('2');
      const withNext = await contents(pg.db);

      const back = join(dir, 'pg.jsonl.gz');
      expect((await backupDatabase(pg.db, back)).header.backend).toBe('postgres');
      await expect(restoreDatabase(lite.db, back)).rejects.toThrow('数据库不是空的（表 ');
      await restoreDatabase(lite.db, back, { replace: true });
      expect(await contents(lite.db)).toEqual(withNext);
    },
    OPEN_TIMEOUT,
  );

  it('a cut-short file is refused and the database is left as it was', async () => {
    const before = await contents(pg.db);
    const file = join(dir, 'lite.jsonl.gz');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    const refused = restoreDatabase(pg.db, cut, { replace: true });
    await expect(refused).rejects.toBeInstanceOf(RestoreRefusedError);
    await expect(refused).rejects.toThrow('备份文件不完整');
    expect(await contents(pg.db)).toEqual(before);
  });

  it('a dump of a newer schema, another format or a damaged count is refused', async () => {
    const file = join(dir, 'lite.jsonl.gz');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const variant = (name: string, edit: (ls: string[]) => string[]) => {
      const f = join(dir, name);
      writeFileSync(f, gzipSync(`${edit([...lines]).join('\n')}\n`));
      return f;
    };
    const newer = variant('newer.gz', ([h, ...rest]) => [
      JSON.stringify({ ...JSON.parse(h ?? '{}'), schemaVersion: 99 }),
      ...rest,
    ]);
    await expect(restoreDatabase(pg.db, newer, { replace: true })).rejects.toThrow(
      '备份来自更新的数据库结构（版本 99）',
    );
    const alien = variant('alien.gz', ([, ...rest]) => ['{"hello":1}', ...rest]);
    await expect(restoreDatabase(pg.db, alien, { replace: true })).rejects.toThrow('不是申报系统的备份文件');
    const short = variant('short.gz', (ls) =>
      ls.filter((l, i) => !(l.startsWith('{"r":') && i === ls.findIndex((x) => x.startsWith('{"r":')))),
    );
    await expect(restoreDatabase(pg.db, short, { replace: true })).rejects.toThrow(
      /备份文件损坏：表 \w+ 应有 \d+ 行/,
    );
    const injected = variant('inject.gz', (ls) =>
      ls.map((l) => (l.startsWith('{"t":"bans"') ? '{"t":"bans; DROP TABLE users","columns":[]}' : l)),
    );
    await expect(restoreDatabase(pg.db, injected, { replace: true })).rejects.toThrow(
      '备份中的表 bans; DROP TABLE users 在当前数据库中不存在',
    );
    const notGzip = join(dir, 'plain.txt');
    writeFileSync(notGzip, 'not a dump');
    await expect(restoreDatabase(pg.db, notGzip)).rejects.toMatchObject({ code: 'Z_DATA_ERROR' });
    expect((await pg.db.query('SELECT count(*)::int AS n FROM users'))[0]).toEqual({ n: 3 });
  });
});
