import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt, readJson, SHIPPED_DIR } from '../../../test/support/programs';
import {
  assess,
  assessmentConsequence,
  banFor,
  eligibility,
  lintProgram,
  loadProgram,
  majorChangeNotice,
  type Program,
  ProgramLoadError,
  publicityPeriod,
} from '../src';

/** A copy of a programme's file map with some files replaced or removed. */
function variant(p: Program, changes: Record<string, unknown | undefined>): Program {
  const files = new Map(p.files);
  for (const [path, value] of Object.entries(changes)) {
    if (value === undefined) files.delete(path);
    else files.set(path, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return loadProgram(files);
}

const shipped = () => programAt(SHIPPED_DIR);
const mini = () => programAt(MINI_DIR);

describe('programme loading and lint', () => {
  it('the shipped programme lints clean', () => {
    expect(lintProgram(shipped())).toEqual([]);
  });

  it('a missing or ill-formed program.json is a load error in Chinese naming the file', () => {
    expect(() => loadProgram(new Map())).toThrow(ProgramLoadError);
    expect(() => loadProgram(new Map([['program.json', '{oops']]))).toThrow(/program\.json 不是合法的 JSON/);
  });

  it('reports all problems in one list: missing file, bad UI scope, bad rule path, invalid targets', () => {
    const p = shipped();
    const manifest = structuredClone(p.manifest);
    manifest.eligibility.conditions[0]!.checks[0]!.path = '/applicant/creditKode';
    const ui = structuredClone(p.json('application.uischema.json')) as {
      elements: { elements: { scope?: string }[] }[];
    };
    ui.elements[0]!.elements[0] = {
      type: 'Control',
      scope: '#/properties/applicant/properties/nmae',
    } as never;
    const targets = structuredClone(p.targets(2026)) as Record<string, unknown>;
    delete targets.commitments;
    const broken = variant(p, {
      'program.json': manifest,
      'application.uischema.json': ui,
      'targets/2026.json': targets,
      'reference/dongguan-towns.json': undefined,
    });
    const messages = lintProgram(broken).map((x) => `${x.file}#${x.path} ${x.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('引用的文件不存在：reference/dongguan-towns.json'),
        expect.stringContaining('界面定义引用了不存在的字段：#/properties/applicant/properties/nmae'),
        expect.stringContaining('检查引用了表单中不存在的字段：/applicant/creditKode'),
        expect.stringMatching(/targets\/2026\.json#\/commitments 「年度绩效承诺下限」为必填项/),
      ]),
    );
  });

  it('reports a schema that is not valid JSON Schema or uses an unknown format', () => {
    const p = shipped();
    const schema = structuredClone(p.formSchema('review')) as { properties: Record<string, unknown> };
    schema.properties.comment = { type: 'string', format: 'no-such-format' };
    const problems = lintProgram(variant(p, { 'review.schema.json': schema }));
    expect(problems.some((x) => x.file === 'review.schema.json' && /无法编译/.test(x.message))).toBe(true);
  });

  it('reports a schema that breaks the draft-07 meta-schema', () => {
    const p = shipped();
    const schema = structuredClone(p.formSchema('review')) as { properties: Record<string, unknown> };
    schema.properties.comment = { type: 'strnig' };
    const problems = lintProgram(variant(p, { 'review.schema.json': schema }));
    expect(
      problems.some((x) => x.file === 'review.schema.json' && /不是合法的 JSON Schema/.test(x.message)),
    ).toBe(true);
  });

  it('reports a manifest that breaks the manifest schema, and stops there', () => {
    const p = shipped();
    const manifest = structuredClone(p.manifest) as unknown as Record<string, unknown>;
    delete manifest.procedure;
    const problems = lintProgram(variant(p, { 'program.json': manifest }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('清单结构错误');
  });

  it('reports a consequence that names a ground that does not exist', () => {
    const p = shipped();
    const manifest = structuredClone(p.manifest);
    const failures = manifest.procedure.consequences?.consecutiveFailures;
    if (!failures) throw new Error('the shipped programme sets consecutive failures');
    failures.ground = 9;
    expect(lintProgram(variant(p, { 'program.json': manifest })).map((x) => x.message)).toContain(
      '引用了不存在的撤销情形：9',
    );
  });

  it('every document the manifest lists has its template, data schema and HTML on disk', () => {
    for (const d of shipped().manifest.documents ?? []) {
      expect(shipped().has(d.template), d.template).toBe(true);
      expect(shipped().has(d.dataSchema), d.dataSchema).toBe(true);
      if (d.html) expect(shipped().has(d.html), d.html).toBe(true);
    }
  });
});

describe('a second programme runs on the same code (nothing of the first is hard-coded)', () => {
  const app = () => readJson('test/fixtures/programs/mini-grant-application.json') as Record<string, unknown>;

  it('loads and lints clean', () => {
    expect(mini().manifest.id).toBe('mini-grant');
    expect(lintProgram(mini())).toEqual([]);
  });

  it('validates with its own forms, formats and year overlay', () => {
    expect(mini().validate({ form: 'apply', year: 2025 }, app()).valid).toBe(true);
    const low = { ...app(), energySaving: 5, company: { ...(app().company as object), district: 'Z99' } };
    expect(mini().validate({ form: 'apply', year: 2025 }, low).errors).toEqual([
      { path: '/company/district', keyword: 'format', message: '「所在区」不是示例市的区' },
      { path: '/energySaving', keyword: 'minimum', message: '「单位产值能耗下降率（%）」不能小于8' },
    ]);
  });

  it('checks its own conditions', () => {
    const r = eligibility(mini(), { ...app(), energySaving: 5 }, mini().targets(2025));
    expect(r.conditions.map((c) => [c.article, c.met])).toEqual([
      ['第五条（一）', true],
      ['第五条（二）', false],
    ]);
    expect(r.conditions[1]?.reasons).toEqual(['节能率 5% 低于要求的 8%']);
  });

  it('uses its own publicity rule: 10 working days, not counting the first day', () => {
    const r = publicityPeriod(mini().manifest.procedure.publicity, '2026-09-24', () =>
      shipped().calendar(2026),
    );
    expect(r).toMatchObject({ ok: true, end: '2026-10-15', length: 10 });
  });

  it('uses its own single revocation ground with a three-year ban', () => {
    expect(mini().manifest.procedure.revocation.grounds).toHaveLength(1);
    expect(banFor(mini().manifest, 1, '2026-05-10')).toMatchObject({
      until: '2029-05-09',
      text: '三年内不得申请（至2029年5月9日）',
    });
    expect(banFor(mini().manifest, 3, '2026-05-10')).toBeUndefined();
  });

  it('uses its own consequences: three failures, not two, and no first-year notice', () => {
    const m = mini().manifest;
    expect(assessmentConsequence(m, [{ year: 2026, outcome: 'fail' }]).action).toBe('none');
    expect(
      assessmentConsequence(m, [
        { year: 2026, outcome: 'fail' },
        { year: 2027, outcome: 'fail' },
      ]).action,
    ).toBe('none');
    expect(
      assessmentConsequence(m, [
        { year: 2026, outcome: 'fail' },
        { year: 2027, outcome: 'fail' },
        { year: 2028, outcome: 'fail' },
      ]).action,
    ).toBe('revoke');
  });

  it('uses its own major-change notice of 15 days and its own assessment bar', () => {
    expect(majorChangeNotice(mini().manifest.procedure.majorChange, '2026-03-16', '2026-03-01').timely).toBe(
      true,
    );
    const r = assess(
      mini(),
      { indicators: { energySaving: { actual: 7 } } },
      { energySaving: 20 },
      mini().targets(2025),
    );
    expect(r.indicators[0]).toMatchObject({ bar: 8, met: false });
  });
});
