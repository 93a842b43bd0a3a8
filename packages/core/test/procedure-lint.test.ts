/** `program lint` on the procedure: each problem on a small broken copy of a programme, in memory. */
import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt, SHIPPED_DIR } from '../../../test/support/programs';
import { type LintProblem, lintProgram, loadProgram, type Program, type ProgramManifest } from '../src';

type Procedure = ProgramManifest['procedure'];

/** Lint problems of a copy of the programme whose procedure `change` has broken. */
function lintBroken(change: (p: Procedure, m: ProgramManifest) => void, dir = SHIPPED_DIR): LintProblem[] {
  const program: Program = programAt(dir);
  const manifest = structuredClone(program.manifest);
  change(manifest.procedure, manifest);
  const files = new Map(program.files);
  files.set('program.json', JSON.stringify(manifest));
  return lintProgram(loadProgram(files));
}

const messages = (problems: LintProblem[]) => problems.map((p) => p.message);
const t = (p: Procedure, id: string) => {
  const found = p.transitions.find((x) => x.id === id);
  if (!found) throw new Error(id);
  return found;
};
const s = (p: Procedure, id: string) => {
  const found = p.states.find((x) => x.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('procedure lint', () => {
  it('both programmes lint clean', () => {
    expect(lintProgram(programAt(SHIPPED_DIR))).toEqual([]);
    expect(lintProgram(programAt(MINI_DIR))).toEqual([]);
  });

  it('reports a state that cannot be reached from the initial state', () => {
    const problems = lintBroken((p) => {
      p.states.push({ id: 'limbo', title: '搁置' });
      p.transitions.push({
        id: 'unpark',
        title: '恢复办理',
        from: ['limbo'],
        to: 'review',
        roles: ['bureau'],
      });
    });
    expect(problems).toEqual([
      {
        file: 'program.json',
        path: '/procedure/states/11',
        message: '状态「搁置」从初始状态「填报中」无法到达',
      },
    ]);
  });

  it('reports an initial state that does not exist', () => {
    expect(messages(lintBroken((p) => (p.initial = 'drafting')))).toContain('初始状态「drafting」不存在');
  });

  it('reports a transition to nowhere and one from nowhere', () => {
    const problems = lintBroken((p) => {
      t(p, 'accept').to = 'consulting';
      t(p, 'withdraw').from = ['submitted', 'consulting'];
    });
    expect(problems).toContainEqual({
      file: 'program.json',
      path: '/procedure/transitions/2/to',
      message: '办理事项「形式审查通过」指向不存在的状态「consulting」',
    });
    expect(problems).toContainEqual({
      file: 'program.json',
      path: '/procedure/transitions/1/from/1',
      message: '办理事项「撤回申报」的起始状态「consulting」不存在',
    });
    // 征求意见 is now reachable from nowhere, and said so.
    expect(messages(problems)).toContain('状态「征求意见」从初始状态「填报中」无法到达');
  });

  it('reports an unknown role', () => {
    expect(messages(lintBroken((p) => (t(p, 'accept').roles = ['clerk'])))).toEqual([
      '办理事项「形式审查通过」的办理角色「clerk」未在 procedure.roles 中定义',
    ]);
  });

  it('reports an unknown record form', () => {
    expect(messages(lintBroken((p) => (t(p, 'return').record = 'correction')))).toContain(
      '办理事项「退回补正」登记的表单「correction」未在 forms 中定义',
    );
  });

  it('reports an unknown document', () => {
    expect(messages(lintBroken((p) => (t(p, 'shortlist').documents = ['publicity'])))).toEqual([
      '办理事项「局务会议审议通过，进入公示」产生的文书「publicity」未在 documents 中定义',
    ]);
  });

  it('reports a deadline that fires an unknown transition', () => {
    expect(messages(lintBroken((p) => (s(p, 'publicity').deadline!.fire = 'publicity-end')))).toEqual([
      '状态「公示」的期限到期时执行的事项「publicity-end」不存在',
    ]);
  });

  it('reports a deadline that fires a transition not leaving its state', () => {
    const problems = lintBroken((p) => {
      s(p, 'publicity').deadline!.fire = 'recognise';
      t(p, 'recognise').roles = ['bureau', 'system'];
    });
    expect(messages(problems)).toEqual(['状态「公示」的期限到期时执行的「认定」不是离开该状态的办理事项']);
  });

  it('reports a deadline-fired transition that the system may not take', () => {
    expect(messages(lintBroken((p) => (t(p, 'publicity-ends').roles = ['bureau'])))).toEqual([
      '「公示期满无异议」由状态「公示」的期限到期自动执行，但其办理角色中没有系统角色（account 为 system）',
    ]);
  });

  it('reports a deadline start date that the entering transition does not record', () => {
    expect(lintBroken((p) => (s(p, 'publicity').deadline!.from = '/record/start'))).toEqual([
      {
        file: 'program.json',
        path: '/procedure/states/7/deadline/from',
        message:
          '进入「公示」的「局务会议审议通过，进入公示」不提供期限的起始日期 /record/start（/procedure/transitions/10）',
      },
    ]);
  });

  it('reports a deadline with no counting rule, or with two', () => {
    expect(messages(lintBroken((p) => delete s(p, 'publicity').deadline!.rule))).toEqual([
      '状态「公示」的期限须设置 rule 或 days',
    ]);
    expect(messages(lintBroken((p) => (s(p, 'publicity').deadline!.days = 7)))).toEqual([
      '状态「公示」的期限设置了 rule，不能再设置 days 或 unit',
    ]);
  });

  it('reports a final state with an outgoing transition', () => {
    expect(messages(lintBroken((p) => (t(p, 'approval-reject').from = ['approval', 'rejected'])))).toEqual([
      '终止状态「未通过」不能再有办理事项，但「报请市政府未获同意」从它出发',
    ]);
  });

  it('reports a state that is not final but cannot be left', () => {
    const problems = lintBroken((p) => {
      p.states.push({ id: 'parked', title: '暂缓审议', step: 'meeting' });
      p.transitions.push({
        id: 'park',
        title: '暂缓审议',
        from: ['meeting'],
        to: 'parked',
        roles: ['bureau'],
      });
    });
    expect(messages(problems)).toEqual(['状态「暂缓审议」不是终止状态，却没有可以离开它的办理事项']);
  });

  it('reports a missing submission transition, and a second one', () => {
    expect(messages(lintBroken((p) => delete t(p, 'submit').kind))).toEqual([
      '没有 kind 为 submission 的办理事项（申报单位提交申报）',
    ]);
    expect(messages(lintBroken((p) => (t(p, 'withdraw').kind = 'submission')))).toEqual([
      'kind 为 submission 的办理事项只能有一个：提交申报、撤回申报',
    ]);
    expect(messages(lintBroken((p) => (t(p, 'submit').roles = ['bureau'])))).toEqual([
      '提交申报「提交申报」须由申报单位角色办理',
    ]);
  });

  it('reports duplicate ids and an unknown step', () => {
    const problems = lintBroken((p) => {
      p.states.push({ ...s(p, 'review') });
      s(p, 'meeting').step = 'board';
    });
    expect(messages(problems)).toEqual([
      '状态编号重复：review',
      '状态「待局务会议审议」所属环节「board」不在 procedure.steps 中',
    ]);
  });

  it('reports a guard path that the guard document does not have', () => {
    expect(lintBroken((p) => (t(p, 'consultation-pass').guard![0]!.path = '/history/opinions'))).toEqual([
      {
        file: 'program.json',
        path: '/procedure/transitions/7/guard/0/path',
        message: '检查引用了表单中不存在的字段：/history/opinions',
      },
    ]);
    expect(
      messages(lintBroken((p) => (t(p, 'consultation-reject').guard![0]!.where![0]!.path = '/negativelist'))),
    ).toEqual(['检查引用了表单中不存在的字段：/history/opinion/0/negativelist']);
  });

  it('reports an unknown placeholder in a message, and a notification with no message at all', () => {
    expect(messages(lintBroken((p) => (t(p, 'return').message = '请补正：{correction}')))).toEqual([
      '办理事项「退回补正」的通知模板含未知占位符 {correction}',
    ]);
    const problems = lintBroken((p) => delete p.defaultMessage, MINI_DIR);
    expect(messages(problems)).toContain(
      '办理事项「区工信办推荐」要通知申报单位，但没有 message，procedure 也没有 defaultMessage',
    );
  });

  it('reports a review section that cannot work', () => {
    const problems = lintBroken((p) => {
      const r = p.review!;
      r.states = ['reviewing'];
      r.minReviewers = 2;
      r.score = [{ sum: '/scores/*/points' }, { sum: '/*/a/*' }];
    });
    expect(messages(problems)).toEqual([
      '评审状态「reviewing」不存在',
      '去掉一个最高分和一个最低分后平均（trimmedMean）至少需要3份评分，minReviewers 为2',
      '评分项 /scores/*/points 在评分表中不存在',
      '评分项 /*/a/* 只能含一个 *',
    ]);
    expect(messages(lintBroken((p) => (p.review!.form = 'score-sheet')))).toEqual([
      '评审表「score-sheet」未在 forms 中定义',
    ]);
  });

  it('a procedure missing its states fails the manifest schema', () => {
    expect(messages(lintBroken((p) => delete (p as Partial<Procedure>).states))[0]).toContain('清单结构错误');
  });
});
