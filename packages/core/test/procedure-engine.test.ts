/**
 * Every transition of both programmes, for every state and every role: allowed exactly when the
 * state is one of its `from` states and the role one of its `roles`, refused otherwise. The
 * expectations are computed from program.json, so a new transition cannot go untested; what a
 * transition needs to pass its guard comes from the fixtures below, and a transition with a
 * record form without an example record fails here until one is added.
 */
import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt, SHIPPED_DIR } from '../../../test/support/programs';
import { allowedTransitions, decide, type GuardDocument, type Program, rolesOf } from '../src';

/** A valid record for each record form of each programme. */
const RECORDS: Record<string, Record<string, unknown>> = {
  corrections: {
    corrections: [
      { subject: '营业执照', opinion: '请上传加盖公章的清晰扫描件' },
      { subject: '体验展厅照片', opinion: '缺少展厅内景照片' },
    ],
  },
  opinion: { department: '市生态环境局', date: '2026-06-10', negativeList: false, opinion: '无不同意见' },
  'publicity-start': { meetingDate: '2026-09-22', startDate: '2026-09-24' },
  recognition: {
    brand: '松山湖人工智能应用创新中心',
    operator: '东莞某智能科技有限公司',
    date: '2026-10-20',
  },
  revisions: { items: ['请补充能源审计报告'] },
  recommendation: { district: 'A01', opinion: '同意推荐', date: '2026-09-10' },
  publicity: { startDate: '2026-09-24' },
};

const clear = { department: '市市场监督管理局', negativeList: false, opinion: '无不同意见' };
const negative = { department: '市生态环境局', negativeList: true, finding: '近两年存在单次处罚10万元以上' };

/** What the guard needs beyond the ordinary document, for the transitions whose guards read the history. */
const PASSING: Record<string, Partial<GuardDocument>> = {
  'consultation-pass': { history: { opinion: [clear, clear] } },
  'consultation-reject': { history: { opinion: [clear, negative] } },
};

const ordinary: GuardDocument = {
  application: {},
  history: {},
  reviews: { count: 3, score: 85, scores: [80, 85, 90] },
  objections: { open: 0, upheld: 0, dismissed: 1 },
};

const NOW = new Date('2026-09-24T02:00:00Z');

function attempt(program: Program, state: string, transitionId: string, roles: string[]) {
  const t = program.manifest.procedure.transitions.find((x) => x.id === transitionId);
  return decide(program, {
    state,
    transitionId,
    roles,
    document: {
      ...ordinary,
      ...PASSING[transitionId],
      ...(t?.record ? { record: RECORDS[t.record] } : {}),
    },
    reason: t?.reason ? '经审议，理由如下' : undefined,
    now: NOW,
  });
}

describe.each([
  ['东莞市人工智能应用创新中心认定', SHIPPED_DIR],
  ['示例市绿色工厂认定', MINI_DIR],
])('%s: every transition × state × role', (_name, dir) => {
  const program = programAt(dir);
  const proc = program.manifest.procedure;

  it('has an example record for every record form its transitions use', () => {
    for (const t of proc.transitions) if (t.record) expect(RECORDS[t.record], t.record).toBeDefined();
  });

  it.each(proc.transitions.map((t) => [t.id, t] as const))('%s', (_id, t) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const state of proc.states)
      for (const role of proc.roles) {
        const d = attempt(program, state.id, t.id, [role.id]);
        const key = `${state.id} × ${role.id}`;
        outcomes.push(`${key}: ${d.ok ? `ok → ${d.to}` : `${d.status} ${d.code}`}`);
        const mayAct = t.roles.includes(role.id);
        const fromHere = t.from.includes(state.id);
        expected.push(`${key}: ${!mayAct ? '403 ROLE' : !fromHere ? '409 ILLEGAL' : `ok → ${t.to}`}`);
      }
    expect(outcomes).toEqual(expected);
  });

  it.each(proc.transitions.map((t) => [t.id, t] as const))('%s: what an allowed step does', (_id, t) => {
    const d = attempt(program, t.from[0] as string, t.id, [t.roles[0] as string]);
    if (!d.ok) throw new Error(d.message);
    const types = d.effects.map((e) => e.type);
    const leaves = t.to !== t.from[0];
    expect(types.includes('clearDeadlines')).toBe(leaves);
    const target = proc.states.find((s) => s.id === t.to);
    expect(types.includes('deadline')).toBe(leaves && target?.deadline !== undefined);
    expect(types.includes('notify')).toBe(t.notify === 'applicant');
    expect(d.effects.find((e) => e.type === 'documents')).toEqual(
      t.documents ? { type: 'documents', ids: t.documents } : undefined,
    );
    for (const e of d.effects) if (e.type === 'notify') expect(e.text).not.toMatch(/[{}]/);
  });

  it('refuses every transition to an actor holding no role', () => {
    for (const t of proc.transitions)
      expect(attempt(program, t.from[0] as string, t.id, [])).toMatchObject({ ok: false, status: 403 });
  });

  it('offers in each state exactly the transitions from it that the role may take', () => {
    for (const state of proc.states)
      for (const role of proc.roles)
        expect(allowedTransitions(program, state.id, [role.id]).map((t) => t.id)).toEqual(
          proc.transitions
            .filter((t) => t.from.includes(state.id) && t.roles.includes(role.id))
            .map((t) => t.id),
        );
  });

  it('offers nothing in a final state', () => {
    for (const s of proc.states.filter((x) => x.final))
      expect(
        allowedTransitions(
          program,
          s.id,
          proc.roles.map((r) => r.id),
        ),
      ).toEqual([]);
  });

  it('an unknown transition is 404, naming it', () => {
    expect(attempt(program, proc.initial, 'teleport', [proc.roles[0]?.id as string])).toMatchObject({
      ok: false,
      status: 404,
      code: 'UNKNOWN_TRANSITION',
      message: '没有名为「teleport」的办理事项',
    });
  });
});

describe('the refusal messages name the state, the transition and the roles', () => {
  const p = () => programAt(SHIPPED_DIR);
  it('an illegal transition: 当前状态「…」不能执行「…」', () => {
    expect(attempt(p(), 'draft', 'accept', ['bureau'])).toMatchObject({
      status: 409,
      code: 'ILLEGAL',
      message: '当前状态「填报中」不能执行「形式审查通过」',
    });
  });
  it('a role that may not act: 「…」须由…办理', () => {
    expect(attempt(p(), 'submitted', 'accept', ['applicant'])).toMatchObject({
      status: 403,
      code: 'ROLE',
      message: '「形式审查通过」须由市工业和信息化局办理',
    });
    expect(attempt(p(), 'publicity', 'publicity-ends', ['applicant'])).toMatchObject({
      message: '「公示期满无异议」须由系统（到期自动处理）或市工业和信息化局办理',
    });
  });
});

describe('rolesOf: which procedure roles an account holds', () => {
  const dg = () => programAt(SHIPPED_DIR);
  const mini = () => programAt(MINI_DIR);
  it('an applicant holds the applicant roles of each programme', () => {
    expect(rolesOf(dg(), { role: 'applicant', programs: [] })).toEqual(['applicant']);
    expect(rolesOf(mini(), { role: 'applicant', programs: [] })).toEqual(['enterprise']);
  });
  it('staff listing the programme (or *) hold all its staff roles', () => {
    expect(rolesOf(dg(), { role: 'staff', programs: ['ai-innovation-center'] })).toEqual(['bureau']);
    expect(rolesOf(mini(), { role: 'staff', programs: ['*'] })).toEqual(['district', 'bureau']);
  });
  it('staff listing <programme>:<role> hold that role only', () => {
    expect(rolesOf(mini(), { role: 'staff', programs: ['mini-grant:district'] })).toEqual(['district']);
    expect(rolesOf(mini(), { role: 'staff', programs: ['mini-grant:enterprise'] })).toEqual([]);
  });
  it('staff of another programme hold none', () => {
    expect(
      rolesOf(dg(), { role: 'staff', programs: ['mini-grant', 'ai-innovation-center:bureaux'] }),
    ).toEqual([]);
  });
  it('reviewers hold the reviewer roles of their programmes; the scheduler the system roles; admins none', () => {
    expect(rolesOf(dg(), { role: 'reviewer', programs: ['ai-innovation-center'] })).toEqual(['expert']);
    expect(rolesOf(mini(), { role: 'reviewer', programs: ['mini-grant'] })).toEqual([]);
    expect(rolesOf(dg(), { role: 'system', programs: [] })).toEqual(['system']);
    expect(rolesOf(mini(), { role: 'system', programs: [] })).toEqual(['scheduler']);
    expect(rolesOf(dg(), { role: 'admin', programs: ['*'] })).toEqual([]);
  });
});
