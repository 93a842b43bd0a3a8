/**
 * Recognised centres year by year, through the API on both backends: goals (第十一条), the
 * self-assessment and the assessment per indicator (第十二条), first-year failure → 通告
 * (第十三条), consecutive failures and missed assessments → revocation proposed (第十四条),
 * revocation with its ban and the refused re-application (第十五条), major changes and renames
 * (第十六条), and acts outside the measures' validity (第十八条). Applications are put into
 * `recognised` through the store (state + the `recognise` transition with its record).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getApplication, listBans } from '@shenbao/store';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseInStore } from '../../../test/support/recognise';
import { REPO_ROOT } from '../src/config';
import {
  type Applicant,
  BACKENDS,
  type Client,
  PROGRAM,
  startTestServer,
  type TestServer,
  withUploads,
} from './support/app';

const read = (...p: string[]) => JSON.parse(readFileSync(join(REPO_ROOT, ...p), 'utf8'));
const EXAMPLE_APPLICATION = read('examples', 'application.json');
const SELF_ASSESSMENT = read('examples', 'self-assessment.json');
const TARGETS_2027 = read('examples', 'targets-2027.json');
const MANIFEST = read('schemas', PROGRAM, 'program.json');

/** The example's own commitments: at or above the 2026 and 2027 minimums. */
const GOALS = {
  softwareRevenue: 1500,
  localManufacturersServed: 30,
  localTeamSize: 32,
  hallArea: 360,
  hallFunctions: ['case-display', 'product-experience', 'training'],
  matchmakingEvents: 6,
  trainingSessions: 12,
};

/** The example self-assessment for `year`; it misses the training goal (10 of 12) unless `pass`. */
function selfAssessment(a: Applicant, brand: string, year: number, pass: boolean) {
  const d = structuredClone(SELF_ASSESSMENT);
  d.centre = {
    name: brand,
    operator: a.orgName,
    creditCode: a.uscc,
    recognitionYear: 2026,
    assessmentYear: year,
  };
  if (pass) {
    d.indicators.trainingSessions.actual = 12;
    d.conclusion = { result: 'pass', summary: '全部指标达标' };
  }
  return d;
}

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

describe.each(BACKENDS)('centres on $name', (backend) => {
  let s: TestServer;
  let staff: Client;

  beforeAll(async () => {
    s = await startTestServer(backend);
    staff = (await s.account('staff', [PROGRAM])).client;
    const put = await staff.put(`/api/programs/${PROGRAM}/targets/2027`, { data: TARGETS_2027, version: 0 });
    expect(put.status).toBe(200);
    expect((await staff.post(`/api/programs/${PROGRAM}/targets/2027/publish`, { version: 1 })).status).toBe(
      200,
    );
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  /** A new enterprise whose 2026 application is recognised with `brand`. */
  async function centre(brand: string): Promise<{ a: Applicant; id: string }> {
    const a = await s.applicant();
    const made = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
    expect(made.status).toBe(201);
    const record = await getApplication(s.db, made.json.id);
    if (!record) throw new Error('application not created');
    await recogniseInStore(s.db, record, { brand, operator: a.orgName, date: '2026-10-20' });
    return { a, id: record.id };
  }

  async function yearDone(c: { a: Applicant; id: string }, brand: string, year: number, pass: boolean) {
    s.clock.at = at(`${year + 1}-01-15`);
    const g = await c.a.client.put(`/api/centres/${c.id}/years/${year}/goals`, { goals: GOALS });
    expect(g.status, g.text).toBe(200);
    const sa = await c.a.client.put(`/api/centres/${c.id}/years/${year}/self-assessment`, {
      data: selfAssessment(c.a, brand, year, pass),
    });
    expect(sa.status, sa.text).toBe(200);
    const r = await staff.post(`/api/centres/${c.id}/years/${year}/assessment`, {});
    expect(r.status, r.text).toBe(200);
    return r.json;
  }

  it('第十一条: goals never below the year’s minimum; staff may raise them, the centre may not lower them after', async () => {
    const c = await centre('南城AI创新中心');
    s.clock.at = at('2027-01-10');
    const low = await c.a.client.put(`/api/centres/${c.id}/years/2027/goals`, {
      goals: { ...GOALS, softwareRevenue: 1100 },
    });
    expect(low.status).toBe(400);
    expect(low.json.message).toBe(
      '「运营单位全年软件和信息技术服务业收入」的年度绩效目标1100万元低于本年度最低要求1200万元',
    );
    expect(low.json.errors).toEqual([{ path: '/goals/softwareRevenue', message: low.json.message }]);
    const missing = await c.a.client.put(`/api/centres/${c.id}/years/2027/goals`, {
      goals: { ...GOALS, hallFunctions: ['case-display'] },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(
      /^「人工智能赋能业务体验展厅功能」的年度绩效目标须包含本年度要求的全部3项/,
    );

    const own = await c.a.client.put(`/api/centres/${c.id}/years/2027/goals`, { goals: GOALS });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ year: 2027, goals: GOALS, goalsSetRole: 'applicant', warnings: [] });
    const lower = await staff.put(`/api/centres/${c.id}/years/2027/goals`, {
      goals: { ...GOALS, softwareRevenue: 1300 },
    });
    expect(lower.status).toBe(400);
    expect(lower.json.message).toBe(
      '「运营单位全年软件和信息技术服务业收入」的绩效目标只能在创新中心承诺的1500万元基础上调高',
    );
    const raised = await staff.put(`/api/centres/${c.id}/years/2027/goals`, {
      goals: { ...GOALS, softwareRevenue: 2000 },
    });
    expect(raised.status).toBe(200);
    expect(raised.json).toMatchObject({ goals: { softwareRevenue: 2000 }, goalsSetRole: 'staff' });
    const after = await c.a.client.put(`/api/centres/${c.id}/years/2027/goals`, { goals: GOALS });
    expect(after.status).toBe(409);
    expect(after.json.message).toBe('2027年度绩效目标已由市工业和信息化局确定，不能再修改');
    // Another enterprise does not see the centre; an unpublished year has no minimum to hold to.
    const b = await s.applicant();
    expect((await b.client.get(`/api/centres/${c.id}`)).status).toBe(404);
    expect((await b.client.get(`/api/centres?programId=${PROGRAM}`)).json).toEqual([]);
    const unpublished = await c.a.client.put(`/api/centres/${c.id}/years/2028/goals`, { goals: GOALS });
    expect(unpublished.status).toBe(409);
    expect(unpublished.json.code).toBe('TARGETS_UNPUBLISHED');
  });

  it('第十二条: the self-assessment is validated with the form; the assessment judges each indicator against the goals', async () => {
    const brand = '寮步AI创新中心';
    const c = await centre(brand);
    s.clock.at = at('2027-01-15');
    const bad = await c.a.client.put(`/api/centres/${c.id}/years/2026/self-assessment`, {
      data: { centre: {} },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('INVALID');
    expect(bad.json.message).toMatch(/[\u4e00-\u9fff]/);
    const early = await staff.post(`/api/centres/${c.id}/years/2026/assessment`, {});
    expect(early.status).toBe(409);
    expect(early.json.message).toBe('2026年度绩效自评材料尚未报送，不能考核');
    expect((await c.a.client.post(`/api/centres/${c.id}/years/2026/assessment`, {})).status).toBe(403);

    const result = await yearDone(c, brand, 2026, true);
    expect(result.year.passed).toBe(true);
    const indicators = result.year.assessment.indicators as { id: string; met: boolean; bar: unknown }[];
    expect(indicators.map((i) => i.id)).toEqual(
      MANIFEST.assessment.indicators.map((i: { id: string }) => i.id),
    );
    expect(indicators.every((i) => i.met)).toBe(true);
    expect(indicators.find((i) => i.id === 'softwareRevenue')?.bar).toBe(1500);
    expect(result.year.consequence).toMatchObject({ action: 'none' });
    expect(result.revocation).toBeNull();
    // Once assessed the year is closed.
    expect((await staff.post(`/api/centres/${c.id}/years/2026/assessment`, {})).status).toBe(409);
    const again = await c.a.client.put(`/api/centres/${c.id}/years/2026/self-assessment`, {
      data: selfAssessment(c.a, brand, 2026, true),
    });
    expect(again.status).toBe(409);
    const list = await staff.get(`/api/centres?programId=${PROGRAM}&year=2026`);
    const row = list.json.find((x: { id: string }) => x.id === c.id);
    expect(row).toMatchObject({
      brand,
      operator: c.a.orgName,
      status: 'active',
      years: [{ year: 2026, passed: true }],
    });
    expect(row.years[0].selfAssessment).toBeUndefined();
  });

  it('第十三条: a failure in the first assessment calls for the 通告, not a revocation', async () => {
    const brand = '虎门AI创新中心';
    const c = await centre(brand);
    const result = await yearDone(c, brand, 2026, false);
    expect(result.year.passed).toBe(false);
    const failed = result.year.assessment.indicators.filter((i: { met: boolean }) => !i.met);
    expect(failed).toEqual([
      expect.objectContaining({ id: 'trainingSessions', reason: '人才培训实际完成10场，低于目标12场' }),
    ]);
    expect(result.year.consequence).toEqual({
      action: 'notice',
      ground: null,
      groundText: null,
      article: '第十三条',
      reason: '2026年度为首年绩效考核，考核不达标',
      document: 'failure-notice',
    });
    expect(result.revocation).toBeNull();
  });

  it('第十四条（三）: two consecutive failures propose revocation on ground (三)', async () => {
    const brand = '长安AI创新中心';
    const c = await centre(brand);
    await yearDone(c, brand, 2026, false);
    const second = await yearDone(c, brand, 2027, false);
    expect(second.year.consequence).toMatchObject({
      action: 'revoke',
      ground: 3,
      article: '第十四条第（三）项',
    });
    expect(second.revocation).toMatchObject({
      status: 'proposed',
      ground: 3,
      groundText: '连续两年绩效考核不达标',
      reason: '连续2年绩效考核不达标（2026、2027年度）',
      year: 2027,
      proposedBy: null,
      ban: null,
    });
    const shown = await staff.get(`/api/centres/${c.id}`);
    expect(shown.json).toMatchObject({ status: 'active', revocation: { status: 'proposed', ground: 3 } });
  });

  it('第十五条: revocation on ground (一) bans re-application for two years, whatever the organisation is now called', async () => {
    const c = await centre('大朗AI创新中心');
    s.clock.at = at('2027-03-15');
    const bad = await staff.post(`/api/centres/${c.id}/revoke`, { ground: 9, reason: '不存在的情形' });
    expect(bad.status).toBe(400);
    const revoked = await staff.post(`/api/centres/${c.id}/revoke`, {
      ground: 1,
      reason: '运营单位书面申请撤销',
    });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json).toMatchObject({
      status: 'revoked',
      revocation: {
        status: 'decided',
        ground: 1,
        reason: '运营单位书面申请撤销',
        decidedOn: '2027-03-15',
        ban: { kind: 'years', until: '2029-03-14', text: '两年内不得重新申请认定（至2029年3月14日）' },
      },
    });
    expect((await staff.post(`/api/centres/${c.id}/revoke`, { ground: 1, reason: '再次' })).status).toBe(409);
    const bans = await listBans(s.db, { programId: PROGRAM, orgId: c.a.orgId });
    expect(bans).toEqual([
      expect.objectContaining({ id: revoked.json.revocation.banId, kind: 'years', until: '2029-03-14' }),
    ]);
    // Acts on a revoked centre are refused.
    const goals = await c.a.client.put(`/api/centres/${c.id}/years/2027/goals`, { goals: GOALS });
    expect(goals.status).toBe(409);
    expect(goals.json.code).toBe('REVOKED');

    // The organisation renames itself; the same 统一社会信用代码 applies again in the 2027 call.
    await s.db.query('UPDATE organizations SET name = $2 WHERE id = $1', [c.a.orgId, '改名后的科技有限公司']);
    const data = await withUploads(c.a, structuredClone(EXAMPLE_APPLICATION));
    data.applicant.creditCode = c.a.uscc;
    data.applicant.name = '改名后的科技有限公司';
    const made = await c.a.client.post('/api/applications', { programId: PROGRAM, year: 2027 });
    expect(made.status).toBe(201);
    const saved = await c.a.client.put(`/api/applications/${made.json.id}`, {
      data,
      version: made.json.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const submitted = await c.a.client.post(`/api/applications/${made.json.id}/submit`, {
      version: saved.json.version,
    });
    expect(submitted.status).toBe(422);
    expect(submitted.json.reasons).toContainEqual({
      kind: 'ban',
      article: '第十五条',
      message: '本单位因创新中心运营单位自行要求撤销被撤销认定，至2029-03-14前不得重新申请认定',
    });
  });

  it('第十五条: ground (三) bans for ever, ground (六) bans nothing', async () => {
    s.clock.at = at('2027-06-01');
    const three = await centre('石龙AI创新中心');
    const r3 = await staff.post(`/api/centres/${three.id}/revoke`, {
      ground: 3,
      reason: '连续两年绩效考核不达标',
    });
    expect(r3.json.revocation).toMatchObject({
      ground: 3,
      ban: { kind: 'forever', until: null, text: '不得重新申请认定' },
    });
    expect(await listBans(s.db, { programId: PROGRAM, orgId: three.a.orgId })).toEqual([
      expect.objectContaining({ kind: 'forever', until: null, ground: 3 }),
    ]);
    const six = await centre('石碣AI创新中心');
    const r6 = await staff.post(`/api/centres/${six.id}/revoke`, {
      ground: 6,
      reason: '不再符合创新中心标准',
    });
    expect(r6.status).toBe(200);
    expect(r6.json.revocation).toMatchObject({ ground: 6, banId: null, ban: null });
    expect(await listBans(s.db, { programId: PROGRAM, orgId: six.a.orgId })).toEqual([]);
    const applicantView = await six.a.client.get(`/api/centres?programId=${PROGRAM}`);
    expect(applicantView.json).toEqual([expect.objectContaining({ id: six.id, status: 'revoked' })]);
  });

  it('第十六条: a report 29 days before is late, 30 days before on time; a rename keeps the old name in the history', async () => {
    const c = await centre('旧名AI创新中心');
    s.clock.at = at('2027-05-01');
    const late = await c.a.client.post(`/api/centres/${c.id}/changes`, {
      kind: '重组',
      plannedDate: '2027-05-30',
    });
    expect(late.status).toBe(201);
    expect(late.json).toMatchObject({
      late: true,
      deadline: '2027-04-30',
      change: { daysBefore: 29, late: true },
    });
    expect(late.json.reason).toMatch(/第十六条/);
    const rename = await c.a.client.post(`/api/centres/${c.id}/changes`, {
      kind: '更名',
      plannedDate: '2027-05-31',
      newBrand: '新名AI创新中心',
    });
    expect(rename.json).toMatchObject({ late: false, reason: null, change: { daysBefore: 30, late: false } });
    expect(rename.json.centre.brand).toBe('旧名AI创新中心');
    const unknown = await c.a.client.post(`/api/centres/${c.id}/changes`, {
      kind: '搬迁',
      plannedDate: '2027-09-01',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe('调整类型须为更名、重组、运营主体资质授权转让之一（第十六条）');
    expect(
      (await staff.post(`/api/centres/${c.id}/changes`, { kind: '更名', plannedDate: '2027-09-01' })).status,
    ).toBe(403);

    s.clock.at = at('2027-06-01');
    const now = await staff.get(`/api/centres/${c.id}`);
    expect(now.json.brand).toBe('新名AI创新中心');
    expect(now.json.names.map((n: { brand: string; fromDate: string }) => [n.brand, n.fromDate])).toEqual([
      ['旧名AI创新中心', '2026-10-20'],
      ['新名AI创新中心', '2027-05-31'],
    ]);
    expect(now.json.changes.map((x: { kind: string; late: boolean }) => [x.kind, x.late])).toEqual([
      ['重组', true],
      ['更名', false],
    ]);
  });

  it('第十二条（一）: the 自评报告 is rendered from the self-assessment handed in, for the centre and staff only', async () => {
    const a = await s.applicant();
    const made = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
    const id = made.json.id as string;
    const data = structuredClone(EXAMPLE_APPLICATION);
    data.applicant.creditCode = a.uscc;
    data.applicant.name = a.orgName;
    const version = (await a.client.get(`/api/applications/${id}`)).json.version as number;
    expect((await a.client.put(`/api/applications/${id}`, { data, version })).status).toBe(200);
    const record = await getApplication(s.db, id);
    if (!record) throw new Error('application not created');
    const brand = '报告AI创新中心';
    await recogniseInStore(s.db, record, { brand, operator: a.orgName, date: '2026-10-20' });
    const url = `/api/centres/${id}/years/2026/documents/self-assessment-report`;
    const get = (c: Client, u = url) =>
      s.app.inject({
        method: 'GET',
        url: u,
        headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        remoteAddress: c.ip,
      });

    s.clock.at = at('2027-01-15');
    const early = await get(a.client);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('2026年度绩效自评尚未报送，不能生成“创新中心年度绩效自评报告”');
    expect((await a.client.put(`/api/centres/${id}/years/2026/goals`, { goals: GOALS })).status).toBe(200);
    const sa = selfAssessment(a, brand, 2026, true);
    sa.conclusion.nextYearPlan = '新增两个行业垂直模型';
    expect((await a.client.put(`/api/centres/${id}/years/2026/self-assessment`, { data: sa })).status).toBe(
      200,
    );

    const report = await get(a.client);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.headers['content-type']).toContain('wordprocessingml');
    // Complete: not a draft (no ____, no （草稿） in the name).
    expect(decodeURIComponent(String(report.headers['content-disposition']))).toContain(
      '创新中心年度绩效自评报告（2026年度）.docx',
    );
    const xml = new PizZip(report.rawPayload).file('word/document.xml')?.asText() ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(brand);
    expect(text).toContain(a.orgName);
    expect(text).toContain('全部指标达标');
    expect(text).not.toContain('____');
    expect((await get(staff)).statusCode).toBe(200);
    const b = await s.applicant();
    expect((await get(b.client)).statusCode).toBe(404);
    expect((await get(a.client, `/api/centres/${id}/years/2026/documents/application-book`)).statusCode).toBe(
      404,
    );
  });

  it('第十八条: an act after 2028-12-31 is refused, or done with a warning when program.json says warn', async () => {
    const c = await centre('清溪AI创新中心');
    s.clock.at = at('2029-01-05');
    const refused = await c.a.client.post(`/api/centres/${c.id}/changes`, {
      kind: '重组',
      plannedDate: '2029-03-01',
    });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      code: 'OUTSIDE_VALIDITY',
      message: '2029-01-05不在本办法有效期（2026-01-01至2028-12-31，第十八条）内',
    });
    const revoke = await staff.post(`/api/centres/${c.id}/revoke`, {
      ground: 6,
      reason: '有效期外',
      decidedOn: '2029-01-02',
    });
    expect(revoke.status).toBe(409);
    const loaded = s.programs.get(PROGRAM);
    if (!loaded) throw new Error('programme not loaded');
    // The switch is data: flip it in the loaded manifest for this one act.
    const { validity } = loaded.program.manifest as { validity: { outside?: string } };
    validity.outside = 'warn';
    try {
      const warned = await c.a.client.post(`/api/centres/${c.id}/changes`, {
        kind: '重组',
        plannedDate: '2029-03-01',
      });
      expect(warned.status).toBe(201);
      expect(warned.json.centre.warnings).toEqual([
        '2029-01-05不在本办法有效期（2026-01-01至2028-12-31，第十八条）内',
      ]);
    } finally {
      validity.outside = 'refuse';
    }
  });

  // Last: it marks every centre of the programme without a 2028 self-assessment.
  it('第十四条（二）: a centre without a self-assessment is marked missed and revocation proposed on ground (二)', async () => {
    const brand = '横沥AI创新中心';
    const submitted = await centre(brand);
    const silent = await centre('樟木头AI创新中心');
    s.clock.at = at('2028-01-20');
    const sa = await submitted.a.client.put(`/api/centres/${submitted.id}/years/2027/self-assessment`, {
      data: selfAssessment(submitted.a, brand, 2027, true),
    });
    expect(sa.status).toBe(200);
    s.clock.at = at('2028-04-01');
    expect(
      (await submitted.a.client.post('/api/centres/missed-assessments', { programId: PROGRAM, year: 2027 }))
        .status,
    ).toBe(403);
    const r = await staff.post('/api/centres/missed-assessments', { programId: PROGRAM, year: 2027 });
    expect(r.status, r.text).toBe(200);
    const ids = r.json.marked.map((m: { id: string }) => m.id);
    expect(ids).toContain(silent.id);
    expect(ids).not.toContain(submitted.id);
    const mine = r.json.marked.find((m: { id: string }) => m.id === silent.id);
    expect(mine).toMatchObject({
      brand: '樟木头AI创新中心',
      year: { year: 2027, missed: true, passed: null, consequence: { action: 'revoke', ground: 2 } },
      revocation: { status: 'proposed', ground: 2, reason: '2027年度未按规定参加绩效考核' },
    });
    // Marked once: a second call marks nobody again; the missed year takes no self-assessment.
    const again = await staff.post('/api/centres/missed-assessments', { programId: PROGRAM, year: 2027 });
    expect(again.json.marked.map((m: { id: string }) => m.id)).not.toContain(silent.id);
    const late = await silent.a.client.put(`/api/centres/${silent.id}/years/2027/self-assessment`, {
      data: selfAssessment(silent.a, '樟木头AI创新中心', 2027, true),
    });
    expect(late.status).toBe(409);
  });
});
