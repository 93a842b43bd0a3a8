/** `shenbao dates`: the procedure's date rules for any programme, in Chinese with the article, or as JSON. */
import { describe, expect, it } from 'vitest';
import { shenbao } from './support/run';

const DESIGN = 'test/fixtures/programs/schemas/design-centre';

describe('shenbao dates publicity', () => {
  it('第九条（五）: 7 calendar days counting the first, with the holiday warning (shipped programme)', async () => {
    const r = await shenbao('dates', 'publicity', '--from', '2026-09-24');
    expect(r.code).toBe(0);
    expect(r.out).toContain('公示期（第九条（五））：7日，发布当日计入');
    expect(r.out).toContain('2026年9月24日发布：公示期自2026年9月24日至2026年9月30日');
    expect(r.out).toContain('注意：公示期含法定节假日（中秋节），请确认是否顺延');
  });

  it('第八条: 5 working days after the start day, across National Day, with no holiday warning', async () => {
    const r = await shenbao('dates', 'publicity', '--from', '2026-09-24', '--program', DESIGN);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([
      '公示期（第八条）：5个工作日，发布当日不计入',
      '2026年9月24日发布：公示期自2026年9月25日至2026年10月9日',
    ]);
  });

  it('--json gives the period and the article', async () => {
    const r = await shenbao('dates', 'publicity', '--from', '2026-09-24', '-p', DESIGN, '--json');
    expect(JSON.parse(r.out)).toEqual({
      ok: true,
      start: '2026-09-24',
      first: '2026-09-25',
      end: '2026-10-09',
      length: 5,
      unit: 'working',
      article: '第八条',
      warnings: [],
    });
  });

  it('exit 1 when a working-day count reaches a year without an official calendar', async () => {
    const r = await shenbao('dates', 'publicity', '--from', '2027-03-01', '-p', DESIGN);
    expect(r.code).toBe(1);
    expect(r.out).toContain('2027年节假日安排尚未正式公布');
  });

  it('exit 2 for a date that does not exist', async () => {
    const r = await shenbao('dates', 'publicity', '--from', '2026-02-30');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--from 不是有效日期：2026-02-30');
  });
});

describe('shenbao dates ban', () => {
  it('第十五条: ground (三) bans re-application for ever (shipped programme)', async () => {
    const r = await shenbao('dates', 'ban', '--ground', '3', '--decided', '2026-05-10');
    expect(r.code).toBe(0);
    expect(r.out).toContain('撤销情形：第十四条第（三）项');
    expect(r.out).toContain('重新申请：不得重新申请认定（第十五条）');
  });

  it('第十三条: ground (一) bans for six months, to the day before the same date', async () => {
    const r = await shenbao('dates', 'ban', '--ground', '1', '--decided', '2026-05-10', '-p', DESIGN);
    expect(r.code).toBe(0);
    expect(r.out).toContain('六个月内不得重新申请认定（至2026年11月9日）（第十三条）');
    expect(r.out).toContain('限制期至2026年11月9日，2026年11月10日起可重新申请');
  });

  it('第十三条: ground (二) bans until a fixed date, as JSON', async () => {
    const r = await shenbao(
      'dates',
      'ban',
      '--ground',
      '2',
      '--decided',
      '2026-05-10',
      '-p',
      DESIGN,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      ground: 2,
      groundArticle: '第十二条第（二）项',
      kind: 'until',
      until: '2029-06-30',
      reapplyFrom: '2029-07-01',
      article: '第十三条',
    });
  });

  it('exit 2 for a ground the programme does not have, listing those it has', async () => {
    const r = await shenbao('dates', 'ban', '--ground', '3', '--decided', '2026-05-10', '-p', DESIGN);
    expect(r.code).toBe(2);
    expect(r.err).toContain('撤销情形“3”不存在（第十二条的撤销情形：1（一）、2（二））');
  });
});

describe('shenbao dates change-notice', () => {
  it('第十六条: a report 21 days ahead is late against 30 days (exit 1)', async () => {
    const r = await shenbao('dates', 'change-notice', '--change', '2026-12-01', '--reported', '2026-11-10');
    expect(r.code).toBe(1);
    expect(r.out).toContain('须在办理相关手续前30日告知，2026年12月1日办理的，最迟于2026年11月1日告知');
    expect(r.out).toContain('实际仅提前21日（第十六条）');
  });

  it('第十一条: the same report is in time against 15 days', async () => {
    const r = await shenbao(
      'dates',
      'change-notice',
      '--change',
      '2026-12-01',
      '--reported',
      '2026-11-10',
      '-p',
      DESIGN,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      change: '2026-12-01',
      reported: '2026-11-10',
      noticeDaysBefore: 15,
      deadline: '2026-11-16',
      daysBefore: 21,
      timely: true,
      reason: null,
      article: '第十一条',
    });
  });

  it('without --reported, the last day to report', async () => {
    const r = await shenbao('dates', 'change-notice', '--change', '2026-12-01', '-p', DESIGN);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(
      '重大调整（第十一条）：须在办理相关手续前15日告知，2026年12月1日办理的，最迟于2026年11月16日告知',
    );
  });
});

describe('shenbao dates validity', () => {
  it('第十八条: 2029-01-02 is after the shipped measures expire (exit 1; acts refused)', async () => {
    const r = await shenbao('dates', 'validity', '2029-01-02');
    expect(r.code).toBe(1);
    expect(r.out).toContain('✘ 2029年1月2日不在本办法有效期内（2026年1月1日至2028年12月31日，第十八条）');
    expect(r.out).toContain('有效期外的办理事项不予办理');
  });

  it('第十五条: the same day is inside a validity that ends mid-2029', async () => {
    const r = await shenbao('dates', 'validity', '2029-01-02', '-p', DESIGN);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe('✔ 2029年1月2日在本办法有效期内（2026年7月1日至2029年6月30日，第十五条）');
  });

  it('--json after the end: outside, acts done with a warning', async () => {
    const r = await shenbao('dates', 'validity', '2029-07-01', '-p', DESIGN, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      date: '2029-07-01',
      within: false,
      to: '2029-06-30',
      article: '第十五条',
      outside: 'warn',
      actsAllowed: true,
    });
  });
});
