/**
 * Recognised centres: the centre view over applications and their recognising transition, each
 * year's goals / self-assessment / assessment (closed once judged), missed years marked once,
 * revocations proposed then decided once, renames and major-change reports.
 */
import { describe, expect, it } from 'vitest';
import {
  type ApplicationRecord,
  addCentreChange,
  addCentreName,
  createBan,
  decideRevocation,
  getCentre,
  getCentreYear,
  listCentreChanges,
  listCentreNames,
  listCentreRevocations,
  listCentres,
  listCentreYears,
  markMissedAssessments,
  proposeRevocation,
  recordAssessment,
  recordTransition,
  setApplicationState,
  setCentreGoals,
  setYearConsequence,
  submitSelfAssessment,
} from '../../src/index';
import { newApplication } from './procedure-support';
import { ISO, type Suite, unique } from './suite';

const RECOGNISED = ['recognised'];

export function centresSuite({ db, newOrg, newUser }: Suite): void {
  /** An application moved to `recognised` with its recognition record, in a programme of its own. */
  async function recognised(programId: string, brand: string, year = 2026): Promise<ApplicationRecord> {
    const org = await newOrg(`${brand}运营有限公司`);
    const app = await newApplication(db, org, { programId, year });
    const moved = await setApplicationState(db, {
      id: app.id,
      version: app.version,
      state: 'recognised',
      userId: null,
    });
    if (!moved?.ok) throw new Error('state not set');
    await recordTransition(db, {
      applicationId: app.id,
      transition: 'recognise',
      from: 'approval',
      to: 'recognised',
      actorId: null,
      actorRole: 'bureau',
      record: { brand, operator: org.name, date: `${year}-10-20` },
    });
    return moved.record;
  }

  describe('centres', () => {
    it('lists the applications in a recognised state with their recognition record', async () => {
      const programId = unique('prog-');
      const a = await recognised(programId, '松山湖AI创新中心');
      const b = await recognised(programId, '滨海湾AI创新中心');
      const other = await newApplication(db, await newOrg(), { programId });
      const all = await listCentres(db, { programId, states: RECOGNISED });
      expect(all.map((c) => c.id)).toEqual([a.id, b.id]);
      expect(all[0]).toMatchObject({
        programId,
        year: 2026,
        orgId: a.orgId,
        orgUscc: a.orgUscc,
        state: 'recognised',
        recognition: { brand: '松山湖AI创新中心', date: '2026-10-20' },
      });
      expect(all[0]?.recognisedAt).toMatch(ISO);
      expect(
        (await listCentres(db, { programId, states: RECOGNISED, orgId: b.orgId })).map((c) => c.id),
      ).toEqual([b.id]);
      expect(await getCentre(db, other.id, RECOGNISED)).toBeUndefined();
      expect((await getCentre(db, a.id, RECOGNISED))?.id).toBe(a.id);
    });

    it('a year: goals, then the self-assessment, then one assessment that closes it', async () => {
      const c = await recognised(unique('prog-'), '东城AI创新中心');
      const applicant = await newUser('applicant', c.orgId);
      const staff = await newUser('staff', null, ['*']);
      const proposed = await setCentreGoals(db, {
        applicationId: c.id,
        year: 2027,
        goals: { softwareRevenue: 1200 },
        userId: applicant.id,
        role: 'applicant',
      });
      expect(proposed).toMatchObject({
        year: 2027,
        goals: { softwareRevenue: 1200 },
        goalsSetRole: 'applicant',
      });
      const raised = await setCentreGoals(db, {
        applicationId: c.id,
        year: 2027,
        goals: { softwareRevenue: 1500 },
        userId: staff.id,
        role: 'staff',
      });
      expect(raised).toMatchObject({
        goals: { softwareRevenue: 1500 },
        goalsSetRole: 'staff',
        goalsSetBy: staff.id,
      });
      // No assessment without a self-assessment.
      const early = {
        applicationId: c.id,
        year: 2027,
        assessment: {},
        passed: true,
        consequence: null,
        userId: staff.id,
      };
      expect(await recordAssessment(db, early)).toBeUndefined();
      const sent = await submitSelfAssessment(db, {
        applicationId: c.id,
        year: 2027,
        data: { a: 1 },
        userId: applicant.id,
      });
      expect(sent?.submittedAt).toMatch(ISO);
      const judged = await recordAssessment(db, {
        ...early,
        assessment: { passed: false },
        passed: false,
        consequence: { action: 'notice' },
      });
      expect(judged).toMatchObject({
        passed: false,
        assessedBy: staff.id,
        consequence: { action: 'notice' },
      });
      // Closed: neither a second assessment nor new goals or a new self-assessment.
      expect(await recordAssessment(db, early)).toBeUndefined();
      expect(
        await setCentreGoals(db, {
          ...raised,
          applicationId: c.id,
          year: 2027,
          goals: {},
          userId: null,
          role: 'staff',
        }),
      ).toBeUndefined();
      expect(
        await submitSelfAssessment(db, { applicationId: c.id, year: 2027, data: {}, userId: null }),
      ).toBeUndefined();
      expect((await setYearConsequence(db, c.id, 2027, { action: 'none' }))?.consequence).toEqual({
        action: 'none',
      });
      expect((await getCentreYear(db, c.id, 2027))?.passed).toBe(false);
      expect((await listCentreYears(db, [c.id])).map((y) => y.year)).toEqual([2027]);
    });

    it('marks the years without a self-assessment as missed, once, and skips revoked centres', async () => {
      const programId = unique('prog-');
      const [a, b, late, revoked] = [
        await recognised(programId, '甲中心'),
        await recognised(programId, '乙中心'),
        await recognised(programId, '丙中心', 2028),
        await recognised(programId, '丁中心'),
      ];
      await submitSelfAssessment(db, { applicationId: b.id, year: 2027, data: {}, userId: null });
      await decideRevocation(db, {
        applicationId: revoked.id,
        ground: 6,
        reason: '其他不符合创新中心标准',
        decidedOn: '2027-01-05',
        banId: null,
        userId: null,
      });
      const marked = await markMissedAssessments(db, {
        programId,
        year: 2027,
        states: RECOGNISED,
        userId: null,
      });
      expect(marked.map((y) => y.applicationId)).toEqual([a.id]);
      expect(marked[0]).toMatchObject({ year: 2027, missed: true, passed: null });
      expect(
        await markMissedAssessments(db, { programId, year: 2027, states: RECOGNISED, userId: null }),
      ).toEqual([]);
      expect(await getCentreYear(db, late.id, 2027)).toBeUndefined();
    });

    it('a revocation is proposed once and decided once, with its ban', async () => {
      const c = await recognised(unique('prog-'), '莞城AI创新中心');
      const staff = await newUser('staff', null, ['*']);
      const p = await proposeRevocation(db, {
        applicationId: c.id,
        ground: 3,
        reason: '连续两年不达标',
        year: 2028,
        userId: null,
      });
      expect(p).toMatchObject({
        status: 'proposed',
        ground: 3,
        year: 2028,
        proposedBy: null,
        decidedOn: null,
      });
      expect(
        await proposeRevocation(db, {
          applicationId: c.id,
          ground: 2,
          reason: 'x',
          year: 2028,
          userId: null,
        }),
      ).toBeUndefined();
      const ban = await createBan(db, {
        programId: c.programId,
        orgId: c.orgId,
        ground: 3,
        decidedOn: '2029-02-01',
        until: null,
        kind: 'forever',
        reason: '连续两年绩效考核不达标',
        userId: staff.id,
      });
      const d = await decideRevocation(db, {
        applicationId: c.id,
        ground: 3,
        reason: '连续两年绩效考核不达标',
        decidedOn: '2029-02-01',
        banId: ban.id,
        userId: staff.id,
      });
      expect(d).toMatchObject({
        id: p?.id,
        status: 'decided',
        decidedOn: '2029-02-01',
        banId: ban.id,
        decidedBy: staff.id,
      });
      expect(
        await decideRevocation(db, {
          applicationId: c.id,
          ground: 1,
          reason: 'x',
          decidedOn: '2029-03-01',
          banId: null,
          userId: null,
        }),
      ).toBeUndefined();
      expect(
        await proposeRevocation(db, {
          applicationId: c.id,
          ground: 2,
          reason: 'x',
          year: 2029,
          userId: null,
        }),
      ).toBeUndefined();
      expect((await listCentreRevocations(db, [c.id])).map((r) => r.status)).toEqual(['decided']);
    });

    it('keeps major-change reports and renames in the order they take effect', async () => {
      const c = await recognised(unique('prog-'), '旧品牌中心');
      const change = await addCentreChange(db, {
        applicationId: c.id,
        kind: '更名',
        plannedDate: '2027-06-30',
        reportedOn: '2027-06-01',
        late: true,
        daysBefore: 29,
        details: { newBrand: '新品牌中心' },
        userId: null,
      });
      expect(change).toMatchObject({
        kind: '更名',
        plannedDate: '2027-06-30',
        reportedOn: '2027-06-01',
        late: true,
        daysBefore: 29,
      });
      const later = await addCentreName(db, {
        applicationId: c.id,
        brand: '再新品牌中心',
        operator: '某运营公司',
        fromDate: '2028-01-01',
        reason: '更名',
        changeId: null,
        userId: null,
      });
      const first = await addCentreName(db, {
        applicationId: c.id,
        brand: '新品牌中心',
        operator: '某运营公司',
        fromDate: '2027-06-30',
        reason: '更名',
        changeId: change.id,
        userId: null,
      });
      expect((await listCentreNames(db, [c.id])).map((n) => n.id)).toEqual([first.id, later.id]);
      expect(first).toMatchObject({ fromDate: '2027-06-30', changeId: change.id });
      expect((await listCentreChanges(db, [c.id])).map((x) => x.id)).toEqual([change.id]);
      expect(await listCentreChanges(db, [])).toEqual([]);
    });
  });
}
