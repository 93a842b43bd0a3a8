import { describe, expect, it } from 'vitest';
import { example, shipped } from '../../../test/support/programs';
import { documentApplies, eligibility } from '../src';

type Section = Record<string, unknown>;
interface App {
  applicant: Section;
  team: Section;
  hall: Section;
  capability: Section;
  ecosystem: Section;
  commitments: Section;
  attachments: unknown;
}

const targets2026 = () => shipped().targets(2026);
const run = (app: unknown, targets = targets2026()) => eligibility(shipped(), app, targets);
const condition = (app: unknown, article: string, targets?: unknown) => {
  const r = run(app, targets ?? targets2026());
  const c = [...r.conditions, ...r.materials].find((x) => x.article === article);
  if (!c) throw new Error(`no result for ${article}`);
  return c;
};

describe('eligibility of the example applications', () => {
  it('examples/application.json meets every condition of 第六条 and every material of 第八条', () => {
    const r = run(example('application.json'));
    expect(r.conditions.map((c) => c.article)).toEqual([
      '第六条（一）',
      '第六条（二）',
      '第六条（三）',
      '第六条（四）',
      '第六条（五）',
      '第六条（六）',
      '第六条（七）',
    ]);
    expect(r.materials.map((c) => c.article)).toEqual([
      '第八条（一）',
      '第八条（二）',
      '第八条（三）',
      '第八条（四）',
      '第八条（五）',
    ]);
    expect(r.met).toBe(true);
    for (const c of [...r.conditions, ...r.materials]) expect(c).toMatchObject({ met: true, reasons: [] });
  });

  it('examples/application-hall-committed.json meets them all through the commitment letter', () => {
    expect(run(example('application-hall-committed.json')).met).toBe(true);
  });

  it('an empty draft is not eligible and says why, without throwing', () => {
    const r = run({});
    expect(r.met).toBe(false);
    for (const c of r.conditions) expect(c.reasons.length).toBeGreaterThan(0);
    expect(r.conditions[0]?.reasons[0]).toMatch(/未填写/);
  });
});

describe('第六条（一）: registered in Dongguan, independent legal person, law-abiding, sound finances', () => {
  it('is not met for a code registered outside Dongguan', () => {
    const app = example<App>('application.json');
    app.applicant.creditCode = '914403001922038216';
    expect(condition(app, '第六条（一）').reasons).toEqual([
      '统一社会信用代码显示登记机关不在东莞市（第3–6位应为4419）',
    ]);
  });
  it('is not met for a code whose check character fails', () => {
    const app = example<App>('application.json');
    app.applicant.creditCode = '91441900MA5H7K2Q4Q';
    expect(condition(app, '第六条（一）').reasons[0]).toBe('「统一社会信用代码」校验位错误');
  });
  it('is not met without an independent legal person, with a serious-dishonesty listing, or unsound finances', () => {
    const app = example<App>('application.json');
    app.applicant.independentLegalPerson = false;
    app.applicant.seriousDishonesty = true;
    app.applicant.financeSystemSound = false;
    expect(condition(app, '第六条（一）').reasons).toHaveLength(3);
  });
});

describe('第六条（二）: business in 信息传输、软件和信息技术服务业, as narrowed by the call', () => {
  it('is not met for division 63 under the 2026 call (64–65 only)', () => {
    const app = example<App>('application.json');
    app.applicant.industryCode = '6311';
    expect(condition(app, '第六条（二）').reasons).toEqual([
      '主营行业代码 6311 不属于本年度认定通知要求的行业大类（64、65）',
    ]);
  });
  it('is met for division 63 under a call that allows 63–65', () => {
    const app = example<App>('application.json');
    app.applicant.industryCode = '6311';
    const targets = { ...(targets2026() as object), eligibleIndustryDivisions: ['63', '64', '65'] };
    expect(condition(app, '第六条（二）', targets).met).toBe(true);
  });
});

describe('第六条（三）: a stable operating team of some size', () => {
  it('is not met below the year minimum of local members', () => {
    const app = example<App>('application.json');
    app.team.localCount = 4;
    expect(condition(app, '第六条（三）').reasons[0]).toBe('本地运营团队 4 人，少于本年度要求的 10 人');
  });
  it('counts only listed members insured in Dongguan', () => {
    const app = example<App>('application.json');
    for (const m of app.team.members as { localSocialInsurance: boolean }[]) m.localSocialInsurance = false;
    expect(condition(app, '第六条（三）').reasons[0]).toContain('少于要求的 5 人');
  });
});

describe('第六条（四）: a hall built or committed, with the required functions', () => {
  it('is not met when a function is missing, naming it in Chinese', () => {
    const app = example<App>('application.json');
    app.hall.functions = ['case-display', 'training'];
    expect(condition(app, '第六条（四）').reasons).toEqual(['展厅缺少以下功能：产品体验']);
  });
  it('is not met below the minimum area', () => {
    const app = example<App>('application.json');
    app.hall.area = 120;
    expect(condition(app, '第六条（四）').reasons).toEqual(['展厅面积 120 平方米，少于要求的 200 平方米']);
  });
  it('is not met when a committed hall is planned after the measures expire (第十八条)', () => {
    const app = example<App>('application-hall-committed.json');
    app.hall.plannedDate = '2029-06-30';
    expect(condition(app, '第六条（四）').reasons[0]).toContain('2028-12-31');
  });
});

describe('第六条（五）: AI products, manufacturing solutions, successful cases', () => {
  it('counts only cases with manufacturing clients', () => {
    const app = example<App>('application.json');
    (app.capability.cases as { clientIndustry: string }[])[0]!.clientIndustry = '65';
    expect(condition(app, '第六条（五）').reasons).toEqual([
      '服务制造业企业的成功案例 2 个，少于要求的 3 个',
    ]);
  });
  it('needs at least one product and one solution', () => {
    const app = example<App>('application.json');
    app.capability.products = [];
    app.capability.solutions = [];
    expect(condition(app, '第六条（五）').reasons).toHaveLength(2);
  });
});

describe('第六条（六）: technical support units with a listed capability and an authorisation', () => {
  it('names the support unit that lacks a capability or an authorisation', () => {
    const app = example<App>('application.json');
    const units = app.ecosystem.supportUnits as Record<string, unknown>[];
    units.push({
      ...structuredClone(units[0]),
      capabilities: [],
      authorization: { document: '', scope: 'x' },
    });
    expect(condition(app, '第六条（六）').reasons).toEqual([
      '第2家技术支撑单位未勾选第六条（六）所列能力',
      '第2家技术支撑单位缺少品牌、产品或服务授权文件',
    ]);
  });
});

describe('第六条（七）: yearly commitments at least the year targets', () => {
  it('lists every commitment below its minimum', () => {
    const app = example<App>('application.json');
    app.commitments.softwareRevenue = 500;
    app.commitments.trainingSessions = 1;
    app.commitments.hallFunctions = ['case-display'];
    expect(condition(app, '第六条（七）').reasons).toEqual([
      '承诺软件和信息技术服务业收入 500 万元，低于要求的 1000 万元',
      '承诺的展厅功能缺少：产品体验、人员培训',
      '承诺人才培训 1 场，低于要求的 6 场',
    ]);
  });
  it('reads the minimums from the targets, not from code', () => {
    const app = example<App>('application.json');
    const raised = structuredClone(targets2026()) as {
      commitments: { softwareRevenue: { minimum: number } };
    };
    raised.commitments.softwareRevenue.minimum = 99_999;
    expect(condition(app, '第六条（七）', raised).reasons[0]).toContain('99999');
  });
});

describe('第八条: materials', () => {
  it('（二） needs team evidence', () => {
    const app = example<App>('application.json');
    app.attachments = (app.attachments as unknown as { category: string }[]).filter(
      (a) => a.category !== 'team-evidence',
    ) as never;
    expect(condition(app, '第八条（二）').met).toBe(false);
  });
  it('（三） needs hall evidence for a built hall and the commitment letter for a committed one', () => {
    const built = example<App>('application.json');
    built.attachments = (built.attachments as unknown as { category: string }[]).filter(
      (a) => a.category !== 'hall-evidence',
    ) as never;
    expect(condition(built, '第八条（三）').reasons[0]).toContain('展厅已建成');
    const committed = example<App>('application-hall-committed.json');
    committed.attachments = [] as never;
    expect(condition(committed, '第八条（三）').reasons[0]).toContain('承诺书');
  });
  it('the hall commitment letter document applies only to a committed hall', () => {
    expect(documentApplies(shipped(), 'hall-commitment', example('application-hall-committed.json'))).toBe(
      true,
    );
    expect(documentApplies(shipped(), 'hall-commitment', example('application.json'))).toBe(false);
    expect(documentApplies(shipped(), 'application-book', example('application.json'))).toBe(true);
  });
});
