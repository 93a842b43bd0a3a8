/**
 * The third test programme (test/fixtures/programs, design-centre), shaped unlike the first:
 * no yearly assessment; two revocation grounds, banned for months and until a date; publicity
 * in working days with the start day excluded, across National Day by the national calendar;
 * a 15-day change notice; a validity ending mid-year; an if/then branch in its form; a Word
 * template written by hand with a table. Everything below runs on the engine as it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assess,
  assessmentConsequence,
  banFor,
  eligibility,
  lintProgram,
  loadProgram,
  majorChangeNotice,
  NATIONAL_CALENDAR_PREFIX,
  NO_ASSESSMENT,
  type Program,
  publicityPeriod,
  withinValidity,
} from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { type DocgenProgram, lintTemplates, render } from '@shenbao/docgen';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { DESIGN_DIR, programAt, ROOT } from '../support/programs';

const design = (): Program => programAt(DESIGN_DIR);
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'programs', 'design-centre', name), 'utf8'));
const targets = () => design().targets(2026);

describe('the third programme as data', () => {
  it('lints clean', () => {
    expect(lintProgram(design())).toEqual([]);
  });

  it('its example application validates and meets every condition (第五条、第六条)', () => {
    const data = fixture('application.json');
    expect(design().validate({ form: 'application', year: 2026 }, data)).toMatchObject({ valid: true });
    expect(eligibility(design(), data, targets())).toMatchObject({ met: true });
  });

  it('第五条（一）: fewer design staff than the year requires is refused with the figures', () => {
    const data = { ...fixture('application.json'), designStaff: 8 };
    const conditions = eligibility(design(), data, targets()).conditions;
    expect(conditions.find((c) => c.id === 'staff')).toMatchObject({
      met: false,
      reasons: ['专职设计人员8人，少于10人'],
    });
  });

  it('the if/then branch applies: with patents, the patent count is required', () => {
    const { patentCount: _dropped, ...data } = fixture('application.json');
    const r = design().validate({ form: 'application', year: 2026 }, data);
    expect(r.errors.map((e) => e.path)).toEqual(['/patentCount']);
    expect(design().validate({ form: 'application', year: 2026 }, { ...data, hasPatents: false }).valid).toBe(
      true,
    );
  });

  // The field is declared inside `then`: core's schema walker reads if/then branches.
  it('the if/then field is named by its title in the message', () => {
    const { patentCount: _dropped, ...data } = fixture('application.json');
    const r = design().validate({ form: 'application', year: 2026 }, data);
    expect(r.errors[0]?.message).toContain('有效外观设计专利数（件）');
  });
});

describe('no yearly assessment', () => {
  it('program.json has no assessment and no consequences', () => {
    expect(design().manifest.assessment).toBeUndefined();
    expect(design().manifest.procedure.consequences).toBeUndefined();
  });

  it('lint asks for no consequences without assessment, and refuses them when given', () => {
    const files = new Map(readProgramDir(DESIGN_DIR));
    const manifest = JSON.parse(files.get('program.json') as string);
    manifest.procedure.consequences = { missedAssessment: { ground: 1 } };
    files.set('program.json', JSON.stringify(manifest));
    expect(lintProgram(loadProgram(files))).toEqual([
      {
        file: 'program.json',
        path: '/procedure/consequences',
        message: '本项目不设年度考核（没有 assessment），不应填写考核后果 consequences',
      },
    ]);
  });

  it('assessing is refused with 本项目不设年度考核; a history calls for nothing', () => {
    expect(() => assess(design(), {}, {}, targets())).toThrow(NO_ASSESSMENT);
    expect(
      assessmentConsequence(design().manifest, [
        { year: 2026, outcome: 'missed' },
        { year: 2027, outcome: 'fail' },
      ]),
    ).toMatchObject({ action: 'none', ground: undefined });
  });
});

describe('第八条: publicity of 5 working days, the start day not counted', () => {
  const rule = () => design().manifest.procedure.publicity;
  const calendars = (y: number) => design().calendar(y);

  it('published 2026-09-24, across the Mid-Autumn and National Day holidays, it ends 2026-10-09', () => {
    expect(publicityPeriod(rule(), '2026-09-24', calendars)).toEqual({
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

  it('counts by the national calendar: the programme has no calendar of its own', () => {
    expect(design().manifest.calendars).toBeUndefined();
    expect(design().has(`${NATIONAL_CALENDAR_PREFIX}2026.json`)).toBe(true);
    expect(design().calendar(2026)?.workdays).toContain('2026-10-10');
  });
});

describe('第十二条、第十三条: two grounds, bans in months and until a date', () => {
  it('ground (一) bans re-application for six months', () => {
    expect(banFor(design().manifest, 1, '2026-05-10')).toMatchObject({
      kind: 'months',
      until: '2026-11-09',
      reapplyFrom: '2026-11-10',
      text: '六个月内不得重新申请认定（至2026年11月9日）',
      article: '第十三条',
    });
  });

  it('ground (二) bans re-application until the measures expire, whenever decided', () => {
    for (const decided of ['2026-08-01', '2028-12-31'])
      expect(banFor(design().manifest, 2, decided)).toMatchObject({
        kind: 'until',
        until: '2029-06-30',
        reapplyFrom: '2029-07-01',
        text: '本办法有效期内不得重新申请认定（至2029年6月30日）',
      });
  });

  it('a third ground does not exist', () => {
    expect(banFor(design().manifest, 3, '2026-05-10')).toBeUndefined();
  });
});

describe('第十一条: a major change reported at least 15 days before', () => {
  const rule = () => design().manifest.procedure.majorChange;
  it('21 days ahead is in time; 11 days is late, with the deadline', () => {
    expect(majorChangeNotice(rule(), '2026-12-01', '2026-11-10')).toMatchObject({
      timely: true,
      daysBefore: 21,
    });
    expect(majorChangeNotice(rule(), '2026-12-01', '2026-11-20')).toMatchObject({
      timely: false,
      deadline: '2026-11-16',
      daysBefore: 11,
    });
  });
});

describe('第十五条: measures in force from 2026-07-01 to 2029-06-30', () => {
  it.each([
    ['2026-06-30', false],
    ['2026-07-01', true],
    ['2029-01-02', true],
    ['2029-06-30', true],
    ['2029-07-01', false],
  ])('%s within: %s', (date, within) => {
    expect(withinValidity(design().manifest.validity, date).within).toBe(within);
  });
});

describe('the hand-written certificate template', () => {
  const program = () => design() as unknown as DocgenProgram;

  it('is WordprocessingML written by hand (no generator styles or numbering parts) with a table', () => {
    const zip = new PizZip(design().file('templates/certificate.docx') as Uint8Array);
    expect(Object.keys(zip.files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
    ]);
    expect(zip.file('word/document.xml')?.asText()).toContain('<w:tbl>');
  });

  it('passes template lint against its data schema', () => {
    expect(lintTemplates(program())).toEqual([]);
  });

  it('generates the certificate with one table row per project', () => {
    const data = fixture('certificate.json');
    const xml = new PizZip(render(program(), 'certificate', data)).file('word/document.xml')?.asText() ?? '';
    expect(xml).toContain('示例智造设计有限公司');
    expect(xml).toContain('2026年10月12日');
    expect(xml.match(/<w:tr>/g)).toHaveLength(1 + data.projects.length);
    expect(xml).toContain('工业机器人人机交互界面设计');
    expect(xml).not.toContain('{');
  });
});

describe('shared calendars: the national folder, extended or overridden by a programme', () => {
  const national = () => JSON.parse(readFileSync(join(ROOT, 'schemas', 'calendar', '2026.json'), 'utf8'));
  /** The third programme with its own 2026 calendar file. */
  const withOwn = (own: Record<string, unknown>): Program => {
    const files = new Map(readProgramDir(DESIGN_DIR));
    const manifest = JSON.parse(files.get('program.json') as string);
    manifest.calendars = { '2026': 'calendar/2026.json' };
    files.set('program.json', JSON.stringify(manifest));
    files.set(
      'calendar/2026.json',
      JSON.stringify({ year: 2026, official: true, holidays: [], workdays: [], ...own }),
    );
    return loadProgram(files);
  };

  it('a programme folder reads the national calendars from the shared folder', () => {
    const files = readProgramDir(DESIGN_DIR);
    expect([...files.keys()].filter((k) => k.startsWith(NATIONAL_CALENDAR_PREFIX)).sort()).toEqual([
      '../calendar/2026.json',
      '../calendar/2027.json',
      '../calendar/2028.json',
    ]);
    expect(readProgramDir(DESIGN_DIR, { calendarDir: null }).has('../calendar/2026.json')).toBe(false);
  });

  it('a programme file extends the national one: a local holiday is added, nothing reported', () => {
    const p = withOwn({ holidays: [{ date: '2026-11-20', name: '建市纪念日' }] });
    expect(p.calendar(2026)?.holidays).toEqual(
      expect.arrayContaining([
        { date: '2026-10-01', name: '国庆节' },
        { date: '2026-11-20', name: '建市纪念日' },
      ]),
    );
    expect(lintProgram(p)).toEqual([]);
  });

  it('a programme file that contradicts the national one is reported by lint, naming the date', () => {
    const p = withOwn({ holidays: [{ date: '2026-10-10', name: '国庆节' }] });
    expect(national().workdays).toContain('2026-10-10');
    expect(lintProgram(p)).toEqual([
      {
        file: 'calendar/2026.json',
        path: '',
        message:
          '与全国日历冲突：2026-10-10：全国日历为调休上班，本项目日历为放假（国庆节）（有意改变的，请把该日期列入 overrides）',
      },
    ]);
  });

  it('a date listed in overrides is the programme’s to decide: no report, and the programme’s arrangement counts', () => {
    const p = withOwn({ holidays: [{ date: '2026-10-10', name: '国庆节' }], overrides: ['2026-10-10'] });
    expect(lintProgram(p)).toEqual([]);
    expect(p.calendar(2026)?.workdays).not.toContain('2026-10-10');
    // 5 working days from 2026-10-08 now skip the Saturday 10-10: 10-09, 10-12 … 10-15.
    expect(publicityPeriod(p.manifest.procedure.publicity, '2026-10-08', (y) => p.calendar(y))).toMatchObject(
      {
        end: '2026-10-15',
      },
    );
  });

  it('an official flag that contradicts the national file is reported too', () => {
    const files = new Map(readProgramDir(DESIGN_DIR));
    const manifest = JSON.parse(files.get('program.json') as string);
    manifest.calendars = { '2027': 'calendar/2027.json' };
    files.set('program.json', JSON.stringify(manifest));
    files.set(
      'calendar/2027.json',
      JSON.stringify({ year: 2027, official: true, holidays: [], workdays: [] }),
    );
    expect(lintProgram(loadProgram(files)).map((p) => p.message)).toEqual([
      '与全国日历冲突：2027年：全国日历未正式公布，本项目日历却标记为正式',
    ]);
  });
});
