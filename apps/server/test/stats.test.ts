/**
 * The bureau's dashboard figures (GET /api/stats) on both backends: a year's applications by
 * procedure state (titled by program.json, drafts and other years left out) and by 镇街; the
 * reviewers' scores aggregated by the programme's rule (trimmed mean of at least three) into
 * buckets; the year's assessment results per indicator against the goals. Records are put into
 * the store directly: the procedure and the assessment have their own tests.
 */
import {
  createApplication,
  createOrganization,
  createUser,
  recordAssessment,
  recordTransition,
  saveReview,
  setApplicationState,
  submitSelfAssessment,
} from '@shenbao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketScores } from '../src/plugins/stats';
import { BACKENDS, type Client, PASSWORD, PROGRAM, startTestServer, type TestServer } from './support/app';
import { freshUscc } from './support/http';

/** year, state, town and reviewers' scores of each application. */
const SPECS: { year: number; state: string; town: string; scores?: number[] }[] = [
  { year: 2026, state: 'submitted', town: '441900003' },
  { year: 2026, state: 'submitted', town: '441900004' },
  { year: 2026, state: 'review', town: '441900003', scores: [70, 80, 90] }, // trimmed mean 80
  { year: 2026, state: 'review', town: '441900003', scores: [60, 65] }, // too few to aggregate
  { year: 2026, state: 'meeting', town: '441900005', scores: [50, 85, 86, 100] }, // 85.5
  { year: 2026, state: 'recognised', town: '441900004', scores: [91, 92, 99] }, // 92
  { year: 2026, state: 'recognised', town: '441900003', scores: [60, 88, 95] }, // 88
  { year: 2026, state: 'draft', town: '441900004' }, // the applicant's workspace: never counted
  { year: 2027, state: 'submitted', town: '441900005' }, // another year
];

/** One numeric indicator and one set indicator of the programme's assessment, as stored. */
const indicators = (revenue: number, met: boolean) => [
  { id: 'softwareRevenue', bar: 1000, actual: revenue, met: revenue >= 1000 },
  { id: 'hallFunctions', bar: ['caseDisplay'], actual: met ? ['caseDisplay'] : [], met },
];

describe.each(BACKENDS)('dashboard figures on $name', (backend) => {
  let s: TestServer;
  let staff: Client;
  const ids: string[] = [];

  beforeAll(async () => {
    s = await startTestServer(backend);
    staff = (await s.account('staff', [PROGRAM])).client;
    const reviewers: string[] = [];
    for (let r = 0; r < 4; r++) {
      const u = await createUser(s.db, {
        login: `stats-reviewer-${backend.name}-${r}`,
        name: `评审专家${r}`,
        role: 'reviewer',
        programs: [PROGRAM],
        password: PASSWORD,
      });
      if (!u.ok) throw new Error('reviewer not created');
      reviewers.push(u.value.id);
    }
    for (const [i, spec] of SPECS.entries()) {
      const name = `东莞市统计测试${i}有限公司`;
      const org = await createOrganization(s.db, {
        uscc: freshUscc(),
        name,
        contact: '联系人',
        mobile: '13800000000',
      });
      if (!org.ok) throw new Error('organisation not created');
      const created = await createApplication(s.db, {
        programId: PROGRAM,
        form: 'application',
        year: spec.year,
        orgId: org.value.id,
        data: { applicant: { name, registeredTown: spec.town } },
        title: name,
        town: spec.town,
        userId: null,
      });
      if (!created.ok) throw new Error('application not created');
      const id = created.value.id;
      ids.push(id);
      if (spec.state !== 'draft') {
        const moved = await setApplicationState(s.db, {
          id,
          version: created.value.version,
          state: spec.state,
          userId: null,
        });
        if (!moved?.ok) throw new Error('state not set');
      }
      for (const [r, score] of (spec.scores ?? []).entries())
        await saveReview(s.db, { applicationId: id, reviewerId: reviewers[r] as string, data: {}, score });
      if (spec.state === 'recognised')
        await recordTransition(s.db, {
          applicationId: id,
          transition: 'recognise',
          from: 'approval',
          to: 'recognised',
          actorId: null,
          actorRole: 'bureau',
          record: { brand: `${i}号AI创新中心`, operator: name, date: '2026-10-20' },
        });
    }
    // The two centres' 2026 assessments: one met both indicators, one neither.
    for (const [k, id] of [ids[5], ids[6]].entries()) {
      await submitSelfAssessment(s.db, { applicationId: id as string, year: 2026, data: {}, userId: null });
      const passed = k === 0;
      await recordAssessment(s.db, {
        applicationId: id as string,
        year: 2026,
        assessment: { article: '第十二条', passed, indicators: indicators(passed ? 1500 : 800, passed) },
        passed,
        consequence: null,
        userId: null,
      });
    }
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  const stats = (query: string) => staff.get(`/api/stats?programId=${PROGRAM}&${query}`);

  it('counts a year’s applications by state (the procedure’s titles, in its order) and by 镇街', async () => {
    const r = await stats('year=2026');
    expect(r.status, r.text).toBe(200);
    expect(r.json.total).toBe(7);
    const counted = r.json.states.filter((x: { count: number }) => x.count > 0);
    expect(counted).toEqual([
      { id: 'submitted', title: '待形式审查', count: 2 },
      { id: 'review', title: '评审', count: 2 },
      { id: 'meeting', title: '待局务会议审议', count: 1 },
      { id: 'recognised', title: '已认定', count: 2 },
    ]);
    // Every state of the bureau's side is listed, the applicant's workspace none.
    expect(r.json.states.map((x: { id: string }) => x.id)).not.toContain('draft');
    expect(r.json.towns).toEqual([
      { town: '441900003', count: 4 },
      { town: '441900004', count: 2 },
      { town: '441900005', count: 1 },
    ]);
    const next = await stats('year=2027');
    expect(next.json.total).toBe(1);
    expect(next.json.towns).toEqual([{ town: '441900005', count: 1 }]);
  });

  it('第九条（三）: scores aggregated by the programme’s rule (trimmed mean of ≥ 3) into buckets', async () => {
    const r = await stats('year=2026');
    expect(r.json.scores).toMatchObject({
      aggregate: 'trimmedMean',
      minReviewers: 3,
      width: 10,
      scored: 4,
      pending: 1,
    });
    expect(r.json.scores.mean).toBeCloseTo((80 + 85.5 + 92 + 88) / 4, 6);
    expect(r.json.scores.buckets).toEqual([
      { from: 80, to: 90, count: 3 },
      { from: 90, to: 100, count: 1 },
    ]);
    const fives = await stats('year=2026&width=5');
    expect(fives.json.scores.buckets).toEqual([
      { from: 80, to: 85, count: 1 },
      { from: 85, to: 90, count: 2 },
      { from: 90, to: 95, count: 1 },
    ]);
  });

  it('第十二条: the year’s assessment per indicator — centres that met their goal, goals and actuals summed', async () => {
    const r = await stats('year=2026');
    const a = r.json.assessment;
    expect(a).toMatchObject({ centres: 2, assessed: 2, passed: 1, failed: 1, missed: 0 });
    const revenue = a.indicators.find((x: { id: string }) => x.id === 'softwareRevenue');
    expect(revenue).toMatchObject({
      unit: '万元',
      kind: 'atLeast',
      assessed: 2,
      met: 1,
      goal: 2000,
      actual: 2300,
    });
    const hall = a.indicators.find((x: { id: string }) => x.id === 'hallFunctions');
    expect(hall).toMatchObject({ kind: 'containsAll', assessed: 2, met: 1, goal: null, actual: null });
    // An indicator no stored result names is counted as not assessed.
    const team = a.indicators.find((x: { id: string }) => x.id === 'localTeamSize');
    expect(team).toMatchObject({ assessed: 0, met: 0, goal: 0, actual: 0 });
    const none = await stats('year=2028');
    expect(none.json.assessment).toMatchObject({ centres: 2, assessed: 0, passed: 0 });
    expect(none.json.total).toBe(0);
    expect(none.json.scores.buckets).toEqual([]);
  });

  it('is for staff of the programme only', async () => {
    const other = (await s.account('staff', ['some-other-programme'])).client;
    expect((await other.get(`/api/stats?programId=${PROGRAM}`)).status).toBe(403);
    const applicant = (await s.applicant()).client;
    expect((await applicant.get(`/api/stats?programId=${PROGRAM}`)).status).toBe(403);
    expect((await stats('year=1999')).status).toBe(400);
  });
});

describe('score buckets', () => {
  it('from the lowest score’s bucket to the highest’s, empty ones between, edges in the upper bucket', () => {
    expect(bucketScores([], 10)).toEqual([]);
    expect(bucketScores([62, 90, 90], 10)).toEqual([
      { from: 60, to: 70, count: 1 },
      { from: 70, to: 80, count: 0 },
      { from: 80, to: 90, count: 0 },
      { from: 90, to: 100, count: 2 },
    ]);
    expect(bucketScores([100], 10)).toEqual([{ from: 100, to: 110, count: 1 }]);
  });
});
