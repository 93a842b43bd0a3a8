import { describe, expect, it } from 'vitest';
import { example, shipped } from '../../../test/support/programs';
import {
  assess,
  assessmentConsequence,
  banFor,
  callWindow,
  majorChangeNotice,
  type PublicityRule,
  publicityPeriod,
  withinValidity,
} from '../src';

const calendars = (y: number) => shipped().calendar(y);
const rule = (): PublicityRule => shipped().manifest.procedure.publicity;
const working = (includeStartDay: boolean): PublicityRule => ({
  ...rule(),
  unit: 'working',
  includeStartDay,
});

describe('第九条（五）: publicity of 7 days', () => {
  it('counts 7 calendar days including the first day by default (2018-12-18 → 12-24)', () => {
    expect(publicityPeriod(rule(), '2018-12-18', calendars)).toMatchObject({
      ok: true,
      end: '2018-12-24',
      length: 7,
    });
  });

  it.each([
    ['2026-09-24', '2026-09-30'],
    ['2026-02-11', '2026-02-17'],
    ['2026-04-29', '2026-05-05'],
  ])('calendar days from %s end on %s', (start, end) => {
    expect(publicityPeriod(rule(), start, calendars)).toMatchObject({ ok: true, end });
  });

  it('warns when a calendar-day window contains a public holiday', () => {
    const r = publicityPeriod(rule(), '2026-02-11', calendars);
    expect(r.ok && r.warnings[0]).toContain('春节');
  });

  it('gives no holiday warning for a working-day window across National Day (the count skips it)', () => {
    const r = publicityPeriod(working(false), '2026-09-24', calendars);
    expect(r).toMatchObject({ ok: true, end: '2026-10-12', warnings: [] });
  });

  it.each([
    ['2026-09-24', true, '2026-10-10'],
    ['2026-02-11', true, '2026-02-26'],
    ['2026-04-29', true, '2026-05-11'],
    ['2026-09-24', false, '2026-10-12'],
    ['2026-02-11', false, '2026-02-27'],
    ['2026-04-29', false, '2026-05-12'],
  ])(
    '7 working days from %s (first day counted: %s) end on %s, by the official 2026 calendar',
    (start, incl, end) => {
      expect(publicityPeriod(working(incl as boolean), start as string, calendars)).toMatchObject({
        ok: true,
        end,
      });
    },
  );

  it('refuses working days in a year whose holiday calendar is not official (2027)', () => {
    const r = publicityPeriod(working(true), '2027-03-01', calendars);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('2027年节假日安排尚未正式公布') });
  });

  it('refuses working days that run into an unofficial year (2026-12-28 → 2027)', () => {
    expect(publicityPeriod(working(true), '2026-12-28', calendars).ok).toBe(false);
  });

  it('still counts calendar days in 2027 (no calendar needed)', () => {
    expect(publicityPeriod(rule(), '2027-03-01', calendars)).toMatchObject({ ok: true, end: '2027-03-07' });
  });

  it('rolls forward to the next working day when configured (民法典 第二百零三条)', () => {
    const roll = { ...rule(), includeStartDay: false, rollForwardIfHoliday: true };
    // 2026-09-26 + 7 → 10-03 is inside the National Day holiday: moves to 10-08.
    expect(publicityPeriod(roll, '2026-09-26', calendars)).toMatchObject({ ok: true, end: '2026-10-08' });
  });
});

describe('第十五条: re-application bans', () => {
  const m = () => shipped().manifest;
  it('ground (一) bans re-application for two years', () => {
    expect(banFor(m(), 1, '2027-06-15')).toMatchObject({
      kind: 'years',
      until: '2029-06-14',
      reapplyFrom: '2029-06-15',
      text: '两年内不得重新申请认定（至2029年6月14日）',
    });
  });
  it('ground (二) bans re-application for two years, across a leap day', () => {
    expect(banFor(m(), 2, '2028-02-29')).toMatchObject({ until: '2030-02-27', reapplyFrom: '2030-02-28' });
  });
  it.each([3, 4, 5])('ground (%s) bans re-application for ever', (g) => {
    expect(banFor(m(), g, '2027-06-15')).toMatchObject({
      kind: 'forever',
      until: undefined,
      text: '不得重新申请认定',
    });
  });
  it('ground (六) carries no ban (the measures set none)', () => {
    expect(banFor(m(), 6, '2027-06-15')).toMatchObject({ kind: 'none', until: undefined });
  });
  it('a ban of months ends the day before the same day N months on (6 months from 2026-05-10)', () => {
    const manifest = structuredClone(m());
    const g = manifest.procedure.revocation.grounds[0];
    if (!g) throw new Error('no ground');
    g.ban = { kind: 'months', months: 6, text: '六个月内不得重新申请（至{until}）' };
    expect(banFor(manifest, g.id, '2026-05-10')).toMatchObject({
      kind: 'months',
      until: '2026-11-09',
      reapplyFrom: '2026-11-10',
      text: '六个月内不得重新申请（至2026年11月9日）',
    });
  });
  it('a ban of months from the 31st ends at the end of the shorter month (1 month from 2027-01-31)', () => {
    const manifest = structuredClone(m());
    const g = manifest.procedure.revocation.grounds[0];
    if (!g) throw new Error('no ground');
    g.ban = { kind: 'months', months: 1 };
    expect(banFor(manifest, g.id, '2027-01-31')).toMatchObject({
      until: '2027-02-27',
      reapplyFrom: '2027-02-28',
    });
  });
  it('a ban until a date lasts to that day whatever the decision date', () => {
    const manifest = structuredClone(m());
    const g = manifest.procedure.revocation.grounds[0];
    if (!g) throw new Error('no ground');
    g.ban = { kind: 'until', until: '2028-12-31', text: '{until}前不得重新申请' };
    expect(banFor(manifest, g.id, '2026-05-10')).toMatchObject({
      kind: 'until',
      until: '2028-12-31',
      reapplyFrom: '2029-01-01',
      text: '2028年12月31日前不得重新申请',
    });
  });
  it('an unknown ground gives no result rather than a guess', () => {
    expect(banFor(m(), 9, '2027-06-15')).toBeUndefined();
  });
});

describe('第十六条: major changes reported at least 30 days before', () => {
  const r = () => shipped().manifest.procedure.majorChange;
  it('accepts a report exactly 30 days before', () => {
    expect(majorChangeNotice(r(), '2028-03-01', '2028-01-31')).toMatchObject({
      timely: true,
      daysBefore: 30,
      deadline: '2028-01-31',
    });
  });
  it('refuses a report 29 days before, saying the deadline', () => {
    const res = majorChangeNotice(r(), '2028-03-01', '2028-02-01');
    expect(res.timely).toBe(false);
    expect(res.reason).toContain('2028-01-31');
    expect(res.reason).toContain('第十六条');
  });
  it('refuses a report after the change', () => {
    expect(majorChangeNotice(r(), '2028-03-01', '2028-03-05')).toMatchObject({
      timely: false,
      daysBefore: -4,
    });
  });
});

describe('第十三条、第十四条: consequences of the assessment history', () => {
  const m = () => shipped().manifest;
  it('第十三条: a failed first assessment calls for a public notice', () => {
    expect(assessmentConsequence(m(), [{ year: 2027, outcome: 'fail' }])).toMatchObject({
      action: 'notice',
      article: '第十三条',
    });
  });
  it('第十四条（三）: two consecutive failures call for revocation on ground (三)', () => {
    const r = assessmentConsequence(m(), [
      { year: 2027, outcome: 'fail' },
      { year: 2028, outcome: 'fail' },
    ]);
    expect(r).toMatchObject({ action: 'revoke', article: '第十四条第（三）项' });
    expect(r.ground?.id).toBe(3);
  });
  it('two failures with a pass between them are not consecutive', () => {
    expect(
      assessmentConsequence(m(), [
        { year: 2026, outcome: 'fail' },
        { year: 2027, outcome: 'pass' },
        { year: 2028, outcome: 'fail' },
      ]).action,
    ).toBe('none');
  });
  it('failures in 2026 and 2028 with no 2027 record are not consecutive', () => {
    expect(
      assessmentConsequence(m(), [
        { year: 2026, outcome: 'fail' },
        { year: 2028, outcome: 'fail' },
      ]).action,
    ).toBe('none');
  });
  it('第十四条（二）: a missed assessment calls for revocation on ground (二)', () => {
    const r = assessmentConsequence(m(), [
      { year: 2027, outcome: 'pass' },
      { year: 2028, outcome: 'missed' },
    ]);
    expect(r.action).toBe('revoke');
    expect(r.ground?.id).toBe(2);
  });
  it('a pass calls for nothing', () => {
    expect(assessmentConsequence(m(), [{ year: 2027, outcome: 'pass' }]).action).toBe('none');
  });
});

describe('第十八条: the measures are in force 2026-01-01 to 2028-12-31', () => {
  const v = () => shipped().manifest.validity;
  it.each([
    ['2026-01-01', true],
    ['2028-12-31', true],
    ['2028-12-31T23:59:00+08:00', true],
    ['2025-12-31', false],
    ['2029-01-01', false],
  ])('%s within: %s', (date, within) => {
    expect(withinValidity(v(), date).within).toBe(within);
  });
  it('says why a date is outside', () => {
    expect(withinValidity(v(), '2029-01-01').reason).toContain('第十八条');
  });
});

describe('第十二条: yearly assessment against target and commitment', () => {
  const app = () => example<{ commitments: Record<string, unknown> }>('application.json');
  it('measures each indicator against the higher of target and commitment', () => {
    const r = assess(shipped(), example('self-assessment.json'), app().commitments, shipped().targets(2026));
    const byId = Object.fromEntries(r.indicators.map((i) => [i.id, i]));
    expect(byId.softwareRevenue).toMatchObject({
      target: 1000,
      commitment: 1500,
      bar: 1500,
      actual: 1620.5,
      met: true,
      rate: 1.0803,
    });
    expect(byId.trainingSessions).toMatchObject({ bar: 12, actual: 10, met: false });
    expect(byId.trainingSessions?.reason).toBe('人才培训实际完成10场，低于目标12场');
    expect(byId.hallFunctions).toMatchObject({ met: true });
    expect(r.passed).toBe(false);
  });
  it('passes when every indicator is met', () => {
    const sa = example<{ indicators: Record<string, { actual: unknown }> }>('self-assessment.json');
    sa.indicators.trainingSessions!.actual = 12;
    expect(assess(shipped(), sa, app().commitments, shipped().targets(2026)).passed).toBe(true);
  });
  it('a missing actual value fails that indicator with a reason', () => {
    const sa = example<{ indicators: Record<string, Record<string, unknown>> }>('self-assessment.json');
    delete sa.indicators.hallArea!.actual;
    const r = assess(shipped(), sa, app().commitments, shipped().targets(2026));
    expect(r.indicators.find((i) => i.id === 'hallArea')).toMatchObject({
      met: false,
      reason: expect.stringContaining('未填报'),
    });
  });
  it('a missing hall function fails the functions indicator', () => {
    const sa = example<{ indicators: Record<string, Record<string, unknown>> }>('self-assessment.json');
    sa.indicators.hallFunctions!.actual = ['case-display'];
    const r = assess(shipped(), sa, app().commitments, shipped().targets(2026));
    expect(r.indicators.find((i) => i.id === 'hallFunctions')).toMatchObject({
      met: false,
      reason: '人工智能赋能业务体验展厅功能缺少：产品体验、人员培训',
    });
  });
});

describe('第七条: the call window carries a time of day in Beijing time', () => {
  const m = () => shipped().manifest;
  const t = () => shipped().targets(2026);
  it('is open at 17:29 on the closing day and closed at 17:31', () => {
    expect(callWindow(m(), t(), new Date('2026-03-20T09:29:00Z')).open).toBe(true);
    expect(callWindow(m(), t(), new Date('2026-03-20T09:31:00Z'))).toMatchObject({
      open: false,
      reason: '申报已于2026年3月20日 17:30截止',
    });
  });
  it('is not open before the call', () => {
    expect(callWindow(m(), t(), new Date('2026-03-10T00:00:00Z')).reason).toContain('申报尚未开始');
  });
});
