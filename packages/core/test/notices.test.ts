/**
 * Notices from live records (第九条（四）（五）): the entries and the 公示期 of the publicity and
 * recognition notices come from the applications' data and their recorded transitions, by the
 * pointers in program.json; staff fill the rest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programAt, SHIPPED_DIR } from '../../../test/support/programs';
import {
  derivedOf,
  deriveNotice,
  type LintProblem,
  lintProgram,
  loadProgram,
  mergeNotice,
  type NoticeDocument,
  type NoticeSource,
  noticeDocument,
  noticeEntries,
  noticePeriod,
  noticeSummary,
  type ProgramManifest,
  staffPart,
  staffSchema,
} from '../src';

const program = programAt(SHIPPED_DIR);
const EXAMPLE = JSON.parse(
  readFileSync(join(SHIPPED_DIR, '..', '..', 'examples', 'application.json'), 'utf8'),
);
const PUBLICITY_EXAMPLE = JSON.parse(
  readFileSync(join(SHIPPED_DIR, '..', '..', 'examples', 'publicity-notice.json'), 'utf8'),
);

const docOf = (id: string): NoticeDocument => {
  const d = noticeDocument(program, id);
  if (!d) throw new Error(id);
  return d;
};
const publicity = docOf('publicity-notice');
const recognition = docOf('recognition-notice');

function application(
  n: number,
  state: string,
  over: { town?: string; start?: string; brand?: string } = {},
): NoticeSource {
  const data = structuredClone(EXAMPLE);
  data.applicant.name = `东莞市第${n}人工智能科技有限公司`;
  data.applicant.creditCode = PUBLICITY_EXAMPLE.centers[n].creditCode; // valid 统一社会信用代码
  data.center.name = `第${n}人工智能应用创新中心`;
  if (over.town) data.applicant.registeredTown = over.town;
  const records: Record<string, unknown> = {
    shortlist: { meetingDate: '2026-09-20', startDate: over.start ?? '2026-09-24' },
  };
  if (over.brand)
    records.recognise = { brand: over.brand, operator: data.applicant.name, date: '2026-10-16' };
  return { id: `app-${n}`, state, receiptNo: `DGAI-2026-000${n}`, data, records };
}

describe('notice entries (第九条（四）)', () => {
  it('lists the applications in 公示 in 申报编号 order, by the pointers of program.json', () => {
    const sources = [application(3, 'publicity'), application(1, 'publicity'), application(2, 'review')];
    const r = noticeEntries(program, 'publicity-notice', publicity.spec, sources);
    expect(r.problems).toEqual([]);
    expect(r.sources).toEqual(['app-1', 'app-3']);
    expect(r.entries).toEqual([
      {
        brand: '第1人工智能应用创新中心',
        operator: '东莞市第1人工智能科技有限公司',
        creditCode: PUBLICITY_EXAMPLE.centers[1].creditCode,
        town: '441900401',
      },
      expect.objectContaining({ brand: '第3人工智能应用创新中心' }),
    ]);
  });

  it('第九条（五）: the recognition notice takes the brand recorded at 认定 over the applied-for name', () => {
    const sources = [
      application(1, 'recognised', { brand: '松湖智造人工智能应用创新中心' }),
      application(2, 'recognised'),
    ];
    const r = noticeEntries(program, 'recognition-notice', recognition.spec, sources);
    expect(r.entries.map((e) => e.brand)).toEqual([
      '松湖智造人工智能应用创新中心',
      '第2人工智能应用创新中心',
    ]);
  });

  it('a town code not in the reference data is a problem naming the application and the field', () => {
    const r = noticeEntries(program, 'publicity-notice', publicity.spec, [
      application(1, 'publicity', { town: '999999999' }),
    ]);
    expect(r.problems).toEqual(['申报「DGAI-2026-0001」的「所在镇街（园区）」“999999999”不在参考数据中']);
  });

  it('town codes become names through the reference when the spec asks for names', () => {
    const spec = structuredClone(publicity.spec);
    spec.entries.item.town = { path: '/applicant/registeredTown', reference: 'towns', as: 'name' };
    const r = noticeEntries(program, 'publicity-notice', spec, [
      application(1, 'publicity', { town: '441900004' }),
    ]);
    expect(r.entries[0]?.town).toBe('南城街道');
  });

  it('a missing value is a problem, not an exception', () => {
    const a = application(1, 'publicity');
    delete (a.data as typeof EXAMPLE).center.name;
    const r = noticeEntries(program, 'publicity-notice', publicity.spec, [a]);
    expect(r.problems).toEqual(['申报「DGAI-2026-0001」缺少「创新中心名称（品牌）」']);
    expect(r.entries[0]).not.toHaveProperty('brand');
  });

  it('centres as a source is declared but not generated yet', () => {
    const spec = structuredClone(publicity.spec);
    spec.entries.from = 'centres';
    const r = noticeEntries(program, 'publicity-notice', spec, [application(1, 'publicity')]);
    expect(r.entries).toEqual([]);
    expect(r.problems[0]).toContain('暂不支持');
  });
});

describe('the 公示期 (第九条（五）): 7 calendar days from the start date recorded at 局务会议审议通过', () => {
  it('2026-09-24 → 2026-09-30', () => {
    expect(noticePeriod(program, publicity.spec, [application(1, 'publicity')])).toEqual({
      value: { startDate: '2026-09-24', endDate: '2026-09-30' },
      problems: [],
    });
  });

  it('applications shortlisted on different days are a problem; the first listed period is given', () => {
    const r = noticePeriod(program, publicity.spec, [
      application(1, 'publicity'),
      application(2, 'publicity', { start: '2026-10-08' }),
    ]);
    expect(r.value).toEqual({ startDate: '2026-09-24', endDate: '2026-09-30' });
    expect(r.problems[0]).toContain('期间不一致');
  });

  it('an application without the shortlist record is named', () => {
    const a = application(1, 'publicity');
    a.records = {};
    expect(noticePeriod(program, publicity.spec, [a]).problems).toEqual([
      '申报「DGAI-2026-0001」没有「局务会议审议通过，进入公示」的登记记录',
    ]);
  });
});

describe('derived parts and the staff part', () => {
  const derived = deriveNotice(program, publicity, 2026, [
    application(1, 'publicity'),
    application(2, 'publicity'),
  ]);

  it('the year, the list and the period are derived; 文号, dates, 异议受理 and 抄送 are the staff part', () => {
    expect(Object.keys(derived.parts).sort()).toEqual(['/centers', '/publicity', '/year']);
    expect(derived.problems).toEqual([]);
    const staff = staffPart(publicity.spec, PUBLICITY_EXAMPLE);
    expect(Object.keys(staff).sort()).toEqual(['call', 'date', 'issuedDate', 'objection']);
    const data = mergeNotice(publicity.spec, staff, derived.parts);
    expect(data.year).toBe(2026);
    expect((data.centers as unknown[]).length).toBe(2);
    expect(program.validate({ file: publicity.entry.dataSchema }, data).errors).toEqual([]);
  });

  it('the derived parts win over anything staff send at their pointers', () => {
    const data = mergeNotice(
      publicity.spec,
      { ...PUBLICITY_EXAMPLE, year: 1999, centers: [] },
      derived.parts,
    );
    expect(data.year).toBe(2026);
    expect(derivedOf(publicity.spec, data)).toEqual(derived.parts);
  });

  it('the staff form is the data schema without the derived parts', () => {
    const schema = staffSchema(program, publicity);
    const props = Object.keys(schema.properties as object);
    expect(props).not.toContain('centers');
    expect(props).not.toContain('publicity');
    expect(props).not.toContain('year');
    expect(props).toContain('objection');
    expect(schema.required).toEqual(['objection', 'date', 'issuedDate']);
    // the programme's own file is untouched
    expect(
      Object.keys((program.json(publicity.entry.dataSchema) as { properties: object }).properties),
    ).toContain('centers');
  });

  it('the public summary reads title, 文号, date and 公示期 by the spec', () => {
    const data = mergeNotice(
      publicity.spec,
      { ...PUBLICITY_EXAMPLE, docNo: '东工信〔2026〕200号' },
      derived.parts,
    );
    expect(noticeSummary(publicity, 2026, data)).toEqual({
      title: '关于2026年东莞市人工智能应用创新中心拟认定名单的公示',
      docNo: '东工信〔2026〕200号',
      date: '2026-09-24',
      period: { startDate: '2026-09-24', endDate: '2026-09-30' },
    });
  });
});

describe('program lint of notices', () => {
  function lintWith(change: (m: ProgramManifest) => void): LintProblem[] {
    const manifest = structuredClone(program.manifest);
    change(manifest);
    const files = new Map(program.files);
    files.set('program.json', JSON.stringify(manifest));
    return lintProgram(loadProgram(files));
  }
  const notice = (m: ProgramManifest, id: string) => {
    const n = m.documents?.find((d) => d.id === id)?.notice;
    if (!n) throw new Error(id);
    return n;
  };

  it('the shipped programme lints clean', () => {
    expect(lintProgram(program)).toEqual([]);
  });

  it('reports pointers that name no field of the schemas, and unknown states, transitions, references', () => {
    const problems = lintWith((m) => {
      const n = notice(m, 'recognition-notice');
      n.docNo = '/docNumber';
      n.entries.states = ['recognised', 'famous'];
      n.entries.item.brand = { record: '/brandName', path: '/center/title' };
      n.entries.item.town = { path: '/applicant/registeredTown', reference: 'villages' };
      n.entries.item.extra = '/applicant/name';
      if (n.period) n.period.transition = 'recognise';
    }).map((p) => `${p.path} ${p.message}`);
    expect(problems).toEqual([
      '/documents/4/notice/docNo 文书“认定名单通知”的发文字号指向数据结构中不存在的字段：/docNumber',
      '/documents/4/notice/entries/states/1 文书“认定名单通知”的名单引用了不存在的状态「famous」',
      '/documents/4/notice/entries/item/brand 名单字段“brand”引用了申报表中不存在的字段：/center/title',
      '/documents/4/notice/entries/item/brand 名单字段“brand”引用了登记表单中不存在的字段：/brandName',
      '/documents/4/notice/entries/item/town 名单字段“town”引用了未定义的参考数据“villages”',
      '/documents/4/notice/entries/item/extra 文书“认定名单通知”的名单字段指向数据结构中不存在的字段：/centers/0/extra',
      '/documents/4/notice/period/transition 办理事项「认定」不进入状态「publicity」，不能作为期间的起点',
    ]);
  });
});
