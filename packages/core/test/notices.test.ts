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
  type CentreNoticeSource,
  type CentreNoticeYear,
  centreNoticeDocument,
  centreNoticeEntries,
  derivedOf,
  deriveNotice,
  failedIndicators,
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
const readExample = (name: string) =>
  JSON.parse(readFileSync(join(SHIPPED_DIR, '..', '..', 'examples', name), 'utf8'));
const FAILURE_EXAMPLE = readExample('failure-notice.json');
const REVOCATION_EXAMPLE = readExample('revocation-announcement.json');

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

  it('a notice of centres is not made from applications', () => {
    const spec = structuredClone(publicity.spec);
    spec.entries.from = 'centres';
    const r = noticeEntries(program, 'publicity-notice', spec, [application(1, 'publicity')]);
    expect(r.entries).toEqual([]);
    expect(r.problems).toEqual(['名单来源“centres”不是申报，无法从申报生成']);
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

// ---------------------------------------------------------------------------------------------
// Notices of recognised centres (第十三条 通告, 第十五条 撤销公告)

const failure = docOf('failure-notice');
const revocation = docOf('revocation-announcement');

/** A stored assessment: `trainingSessions` (and, if asked, the 展厅功能) unmet. */
function assessment(passed: boolean, o: { functions?: boolean } = {}) {
  const indicators = [
    {
      id: 'softwareRevenue',
      title: '运营单位全年软件和信息技术服务业收入',
      unit: '万元',
      bar: 1500,
      actual: 1620.5,
      met: true,
    },
    { id: 'trainingSessions', title: '人才培训', unit: '场', bar: 12, actual: passed ? 12 : 10, met: passed },
  ];
  if (o.functions)
    indicators.push({
      id: 'hallFunctions',
      title: '人工智能赋能业务体验展厅功能',
      unit: '项',
      bar: ['case-display', 'product-experience', 'training'] as never,
      actual: ['case-display'] as never,
      met: false,
    });
  return { article: '第十二条', passed: passed && !o.functions, indicators };
}

const year = (
  y: number,
  passed: boolean | null,
  o: { missed?: boolean; functions?: boolean } = {},
): CentreNoticeYear => ({
  year: y,
  passed,
  missed: o.missed ?? false,
  assessment: passed === null ? null : assessment(passed, o),
  // 2027-04-10 10:00 in 东莞 (UTC+8)
  assessedAt: passed === null ? null : `${y + 1}-04-10T02:00:00.000Z`,
});

function centre(n: number, over: Partial<CentreNoticeSource> = {}): CentreNoticeSource {
  return {
    id: `c-${n}`,
    receiptNo: `DGAI-2026-000${n}`,
    orgUscc: PUBLICITY_EXAMPLE.centers[n].creditCode,
    names: [{ brand: `第${n}创新中心`, operator: `东莞市第${n}科技有限公司`, fromDate: '2026-10-20' }],
    years: [],
    ...over,
  };
}

describe('第十三条: the 通告 lists the centres whose first assessment failed', () => {
  const centres = [
    centre(3, { years: [year(2026, false)] }),
    centre(1, {
      years: [year(2026, false, { functions: true })],
      // renamed after the assessment (2027-04-10): the 通告 names it as assessed
      names: [
        { brand: '第1创新中心', operator: '东莞市第1科技有限公司', fromDate: '2026-10-20' },
        { brand: '第1创新中心（新名）', operator: '东莞市第1科技有限公司', fromDate: '2027-05-01' },
      ],
    }),
    centre(2, { years: [year(2026, true)] }),
    centre(4, { years: [year(2026, false), year(2027, false)] }),
    centre(5, { years: [year(2026, null, { missed: true })] }),
  ];

  it('lists first-year failures in 申报编号 order with each failed indicator (title, unit, goal, actual)', () => {
    const r = centreNoticeEntries(program, failure, 2026, centres);
    expect(r.problems).toEqual([]);
    expect(r.sources).toEqual(['c-1', 'c-3', 'c-4']);
    expect(r.entries[0]).toEqual({
      brand: '第1创新中心',
      operator: '东莞市第1科技有限公司',
      creditCode: PUBLICITY_EXAMPLE.centers[1].creditCode,
      failedIndicators: [
        { title: '人才培训', unit: '场', target: 12, actual: 10 },
        { title: '人工智能赋能业务体验展厅功能', unit: '项', target: 3, actual: 1 },
      ],
    });
  });

  it('the second consecutive failure is a revocation (第十四条（三）), not a 通告', () => {
    const r = centreNoticeEntries(program, failure, 2027, centres);
    expect(r.entries).toEqual([]);
  });

  it('the derived 通告 with the staff part is valid against the document schema', () => {
    const derived = deriveNotice(program, failure, 2026, { centres });
    expect(derived.problems).toEqual([]);
    expect(Object.keys(derived.parts).sort()).toEqual(['/centers', '/year']);
    const { centers: _c, year: _y, ...staff } = FAILURE_EXAMPLE;
    const data = mergeNotice(failure.spec, staff, derived.parts);
    expect(program.validate({ file: failure.entry.dataSchema }, data).errors).toEqual([]);
    expect(staffSchema(program, failure).required).toEqual(['assessor', 'date', 'issuedDate']);
  });

  it('an empty year is a problem, not an exception', () => {
    expect(deriveNotice(program, failure, 2030, { centres }).problems).toEqual([
      '名单为空：2030年度没有须予通告的创新中心',
    ]);
  });

  it('the failure flag names the 通告 by the notice spec (select: notice)', () => {
    expect(centreNoticeDocument(program, 'notice')).toEqual({
      id: 'failure-notice',
      title: '首年绩效考核不达标通告',
    });
    expect(centreNoticeDocument(program, 'revoked')?.id).toBe('revocation-announcement');
  });

  it('failed indicators read the stored assessment; met ones are left out', () => {
    expect(failedIndicators(assessment(true))).toEqual([]);
    expect(failedIndicators(null)).toEqual([]);
  });
});

describe('第十五条: the 撤销公告 lists the centres revoked in the year', () => {
  const revoked = (ground: number, decidedOn: string) => ({ ground, reason: '理由', decidedOn });
  const centres = [
    centre(1, { revocation: revoked(3, '2026-11-20') }),
    centre(2, {
      revocation: revoked(2, '2026-05-10'),
      // renamed before the decision, and again after it: the name in force on 2026-05-10
      names: [
        { brand: '第2创新中心', operator: '东莞市第2科技有限公司', fromDate: '2026-01-20' },
        { brand: '第2创新中心（二名）', operator: '东莞市第2智能有限公司', fromDate: '2026-04-01' },
        { brand: '第2创新中心（三名）', operator: '东莞市第2智能有限公司', fromDate: '2026-06-01' },
      ],
    }),
    centre(3, { revocation: revoked(6, '2026-12-01') }),
    centre(4, { revocation: revoked(1, '2027-01-05') }),
    centre(5),
  ];

  it('in order of decision, with the brand and operator at the time, the ground and the ban of banFor', () => {
    const r = centreNoticeEntries(program, revocation, 2026, centres);
    expect(r.problems).toEqual([]);
    expect(r.sources).toEqual(['c-2', 'c-1', 'c-3']);
    expect(r.entries).toEqual([
      {
        brand: '第2创新中心（二名）',
        operator: '东莞市第2智能有限公司',
        creditCode: PUBLICITY_EXAMPLE.centers[2].creditCode,
        groundId: 2,
        groundText: '未按规定参加绩效考核',
        groundArticle: '第十四条第（二）项',
        banText: '两年内不得重新申请认定（至2028年5月9日）',
        banUntil: '2028-05-09',
      },
      {
        brand: '第1创新中心',
        operator: '东莞市第1科技有限公司',
        creditCode: PUBLICITY_EXAMPLE.centers[1].creditCode,
        groundId: 3,
        groundText: '连续两年绩效考核不达标',
        groundArticle: '第十四条第（三）项',
        banText: '不得重新申请认定',
      },
      // ground (六) bars nothing: no ban fields, and that is no problem
      expect.not.objectContaining({ banText: expect.anything() }),
    ]);
  });

  it('the derived 公告 with the staff part is valid against the document schema', () => {
    const derived = deriveNotice(program, revocation, 2026, { centres });
    expect(derived.problems).toEqual([]);
    const { centers: _c, ...staff } = REVOCATION_EXAMPLE;
    const data = mergeNotice(revocation.spec, staff, derived.parts);
    expect(program.validate({ file: revocation.entry.dataSchema }, data).errors).toEqual([]);
    expect(noticeSummary(revocation, 2026, data).title).toBe(
      '关于撤销部分东莞市人工智能应用创新中心称号的公告',
    );
  });
});

describe('program lint of centre notices', () => {
  function lintWith(change: (m: ProgramManifest) => void): string[] {
    const manifest = structuredClone(program.manifest);
    change(manifest);
    const files = new Map(program.files);
    files.set('program.json', JSON.stringify(manifest));
    return lintProgram(loadProgram(files)).map((p) => `${p.path} ${p.message}`);
  }

  it('a list of centres says which centres, reads the centre view and takes no records, states or period', () => {
    const problems = lintWith((m) => {
      const d = m.documents?.find((x) => x.id === 'revocation-announcement');
      const n = d?.notice;
      if (!n) throw new Error('notice');
      delete n.entries.select;
      n.entries.states = ['recognised'];
      n.entries.item.brand = '/center/name';
      n.entries.item.operator = { record: '/operator' };
    });
    expect(problems).toEqual([
      '/documents/7/notice/entries/select 文书“撤销创新中心称号公告”的名单取自创新中心，须用 select 指明取哪些创新中心',
      '/documents/7/notice/entries/states 文书“撤销创新中心称号公告”的名单取自创新中心，不按申报状态选取',
      '/documents/7/notice/entries/item/brand 名单字段“brand”引用了创新中心视图中不存在的字段：/center/name',
      '/documents/7/notice/entries/item/operator 名单字段“operator”取自创新中心，不能读取登记记录（record）',
      '/documents/7/notice/entries/item/operator 名单字段“operator”未指定取值位置（path）',
    ]);
  });
});
