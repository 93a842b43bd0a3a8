/** The procedure's guards, records, reasons, messages and deadlines, named after the measures. */
import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt, SHIPPED_DIR } from '../../../test/support/programs';
import {
  aggregateScores,
  type DecideInput,
  type Decision,
  deadlineFor,
  decide,
  type Effect,
  type Program,
  reviewScore,
  type SchemaNode,
} from '../src';

const dg = () => programAt(SHIPPED_DIR);
const mini = () => programAt(MINI_DIR);
const NOW = new Date('2026-09-24T02:00:00Z');

const act = (program: Program, input: Partial<DecideInput> & Pick<DecideInput, 'state' | 'transitionId'>) =>
  decide(program, { roles: ['bureau'], document: {}, now: NOW, ...input });

const effect = <T extends Effect['type']>(d: Decision, type: T): Extract<Effect, { type: T }> | undefined => {
  if (!d.ok) throw new Error(d.message);
  return d.effects.find((e): e is Extract<Effect, { type: T }> => e.type === type);
};

const opinion = (negativeList: boolean) => ({
  department: negativeList ? '市生态环境局' : '市市场监督管理局',
  negativeList,
  opinion: negativeList ? '存在不予资助情形' : '无不同意见',
});

describe('第九条（二）: 征求意见 against the 不予资助 negative list', () => {
  const pass = (opinions: unknown[]) =>
    act(dg(), {
      state: 'consultation',
      transitionId: 'consultation-pass',
      document: { history: { opinion: opinions } },
    });
  const reject = (opinions: unknown[]) =>
    act(dg(), {
      state: 'consultation',
      transitionId: 'consultation-reject',
      document: { history: { opinion: opinions } },
      reason: '该单位近两年存在单次处罚10万元以上的环境违法行为',
    });

  it('does not pass before any department has answered', () => {
    expect(pass([])).toMatchObject({
      ok: false,
      status: 422,
      code: 'GUARD',
      reasons: ['尚未登记任何部门意见'],
    });
  });
  it('passes to 评审 when every opinion is clear', () => {
    expect(pass([opinion(false), opinion(false)])).toMatchObject({ ok: true, to: 'review' });
  });
  it('does not pass when one opinion finds the applicant on the negative list', () => {
    expect(pass([opinion(false), opinion(true)])).toMatchObject({
      ok: false,
      code: 'GUARD',
      reasons: ['有1个部门意见指出该单位存在不予资助范围所列情形，不能进入评审'],
    });
  });
  it('rejects with its reason only on a negative-list opinion', () => {
    expect(reject([opinion(false)])).toMatchObject({
      ok: false,
      reasons: ['没有部门意见指出该单位存在不予资助范围所列情形'],
    });
    const d = reject([opinion(true)]);
    expect(d).toMatchObject({ ok: true, to: 'rejected' });
    expect(effect(d, 'notify')?.text).toBe(
      '很遗憾，您的申报「东莞市人工智能应用创新中心认定」征求意见不予支持（属于不予资助范围）。理由：该单位近两年存在单次处罚10万元以上的环境违法行为',
    );
  });
  it('an opinion is recorded without leaving 征求意见 (its deadlines stay)', () => {
    const d = act(dg(), {
      state: 'consultation',
      transitionId: 'opinion',
      document: { record: { ...opinion(false), date: '2026-06-10' } },
    });
    expect(d).toMatchObject({ ok: true, from: 'consultation', to: 'consultation', effects: [] });
  });
  it('an opinion that names the negative list must say what it found', () => {
    const d = act(dg(), {
      state: 'consultation',
      transitionId: 'opinion',
      document: { record: { ...opinion(true), date: '2026-06-10' } },
    });
    expect(d).toMatchObject({
      ok: false,
      status: 400,
      code: 'RECORD',
      errors: [{ path: '/finding', message: '「所列情形的具体内容」为必填项' }],
    });
  });
});

describe('第九条（三）: 评审 by at least three experts', () => {
  const done = (count: number) =>
    act(dg(), { state: 'review', transitionId: 'review-done', document: { reviews: { count } } });
  it('two reviews are not enough', () => {
    expect(done(2)).toMatchObject({ ok: false, status: 422, reasons: ['评审专家评分不足3份（已有2份）'] });
  });
  it('three reviews complete the review', () => {
    expect(done(3)).toMatchObject({ ok: true, to: 'meeting' });
  });
  it('a review rejection also waits for the reviews, and needs its reason', () => {
    const reject = (count: number, reason?: string) =>
      act(dg(), { state: 'review', transitionId: 'review-reject', document: { reviews: { count } }, reason });
    expect(reject(2, '得分排名靠后')).toMatchObject({ ok: false, code: 'GUARD' });
    expect(reject(3)).toMatchObject({ ok: false, status: 400, code: 'REASON' });
    expect(reject(3, '得分排名靠后')).toMatchObject({ ok: true, to: 'rejected' });
  });
});

describe('第九条（五）: 公示 of 7 days, and only without an open objection', () => {
  const ends = (open: number, now = new Date('2026-10-01T00:00:00+08:00')) =>
    act(dg(), {
      state: 'publicity',
      transitionId: 'publicity-ends',
      roles: ['system'],
      now,
      document: {
        objections: { open, upheld: 0, dismissed: 1 },
        deadlines: [{ transition: 'publicity-ends', due: '2026-09-30T16:00:00.000Z' }],
      },
    });
  it('an open objection keeps the application in 公示', () => {
    expect(ends(1)).toMatchObject({ ok: false, status: 422, reasons: ['尚有1件异议未处理'] });
  });
  it('at the end of the period with no open objection it goes to 报请市政府同意', () => {
    expect(ends(0)).toMatchObject({ ok: true, to: 'approval' });
  });
  it('the period is not ended before it is due, even by the bureau', () => {
    expect(ends(0, new Date('2026-09-30T23:59:59+08:00'))).toMatchObject({
      ok: false,
      reasons: ['「公示期满无异议」须待期限届满（2026年10月1日 0:00）后办理'],
    });
  });
  it('an upheld objection takes the applicant off the list, with its reason', () => {
    const d = act(dg(), {
      state: 'publicity',
      transitionId: 'objection-upheld',
      reason: '经核实，申报材料与事实不符',
    });
    expect(d).toMatchObject({ ok: true, to: 'rejected' });
    expect(effect(d, 'clearDeadlines')).toEqual({ type: 'clearDeadlines' });
    expect(effect(d, 'notify')?.text).toContain('理由：经核实，申报材料与事实不符');
  });
});

describe('deadlines: the due instant is the start of the day after the period, in Asia/Shanghai', () => {
  it('第九条（五）: 7 calendar days with the first day counted — from 2026-09-24, due 2026-10-01 00:00 Beijing time', () => {
    const d = act(dg(), {
      state: 'meeting',
      transitionId: 'shortlist',
      document: { record: { meetingDate: '2026-09-22', startDate: '2026-09-24' } },
    });
    expect(effect(d, 'deadline')).toEqual({
      type: 'deadline',
      state: 'publicity',
      transition: 'publicity-ends',
      due: '2026-09-30T16:00:00.000Z',
      note: '公示期2026年9月24日至2026年9月30日',
      article: '第九条（五）',
      warnings: ['公示期含法定节假日（中秋节），请确认是否顺延'],
    });
    expect(effect(d, 'documents')).toEqual({ type: 'documents', ids: ['publicity-notice'] });
  });

  it('第八条 (second programme): 10 working days, the first day not counted — from 2026-09-24 over 国庆, due 2026-10-16 00:00', () => {
    const d = act(mini(), {
      state: 'decision',
      transitionId: 'publicise',
      document: { record: { startDate: '2026-09-24' } },
    });
    expect(effect(d, 'deadline')).toMatchObject({
      transition: 'publicity-ends',
      due: '2026-10-15T16:00:00.000Z',
      note: '公示期2026年9月25日至2026年10月15日',
      article: '第八条',
    });
  });

  it('第八条 (second programme): working days are refused in a year without an official calendar', () => {
    const d = act(mini(), {
      state: 'decision',
      transitionId: 'publicise',
      document: { record: { startDate: '2027-03-01' } },
    });
    expect(d).toMatchObject({ ok: false, status: 422, code: 'GUARD' });
    expect(!d.ok && d.message).toContain('2027年节假日安排尚未正式公布');
  });

  it('第七条 (second programme): the district has 10 calendar days from the business day of submission', () => {
    // 01:00 on 10 September in Beijing is still 9 September in UTC: the programme's day counts.
    const d = decide(mini(), {
      state: 'draft',
      transitionId: 'apply',
      roles: ['enterprise'],
      document: {},
      now: new Date('2026-09-09T17:00:00Z'),
    });
    expect(effect(d, 'deadline')).toEqual({
      type: 'deadline',
      state: 'precheck',
      transition: 'precheck-overdue',
      due: '2026-09-20T16:00:00.000Z',
      note: '区工信办预审期限2026年9月11日至2026年9月20日',
      article: '第七条',
    });
  });

  it('a deadline without its start date names the missing field', () => {
    expect(deadlineFor(dg(), 'publicity', { record: {} }, 'shortlist')).toEqual({
      ok: false,
      reason: '无法计算「公示」的期限：未填写「公示开始日期」',
    });
  });

  it('a start given as an instant counts from its day in the programme time zone', () => {
    const r = deadlineFor(dg(), 'publicity', { record: { startDate: '2026-09-23T16:30:00Z' } });
    expect(r).toMatchObject({ ok: true, start: '2026-09-24', end: '2026-09-30' });
  });

  it('a state without a deadline sets none', () => {
    expect(deadlineFor(dg(), 'review', {})).toBeUndefined();
  });
});

describe('第九条（一）: 形式审查 — corrections listed at once (一次性告知)', () => {
  const ret = (record: unknown) =>
    act(dg(), { state: 'submitted', transitionId: 'return', document: { record } });
  it('lists every correction in the message to the applicant', () => {
    const d = ret({
      corrections: [
        { subject: '营业执照', opinion: '请上传加盖公章的清晰扫描件' },
        { subject: '体验展厅照片', opinion: '缺少展厅内景照片' },
      ],
    });
    expect(d).toMatchObject({ ok: true, to: 'returned' });
    expect(effect(d, 'notify')).toEqual({
      type: 'notify',
      audience: 'applicant',
      text: '您的申报「东莞市人工智能应用创新中心认定」需要补正，请按以下意见一次性补正后重新提交：营业执照：请上传加盖公章的清晰扫描件；体验展厅照片：缺少展厅内景照片',
    });
  });
  it('refuses an empty list, and an item without its opinion, with Chinese errors and field paths', () => {
    expect(ret({ corrections: [] })).toMatchObject({
      ok: false,
      status: 400,
      code: 'RECORD',
      errors: [{ path: '/corrections', message: '「补正事项（一次性告知）」至少需要1项' }],
    });
    expect(ret(undefined)).toMatchObject({ ok: false, code: 'RECORD', errors: [{ path: '/corrections' }] });
    const d = ret({ corrections: [{ subject: '营业执照', opinion: '' }] });
    expect(d).toMatchObject({
      ok: false,
      message: '「补正意见（一次性告知）」填写有误：「补正事项（一次性告知）」第1项「补正意见」不能为空',
      errors: [
        { path: '/corrections/0/opinion', message: '「补正事项（一次性告知）」第1项「补正意见」不能为空' },
      ],
    });
  });
  it('refuses a record on a transition that records nothing', () => {
    expect(
      act(dg(), { state: 'submitted', transitionId: 'accept', document: { record: { x: 1 } } }),
    ).toMatchObject({
      ok: false,
      status: 400,
      code: 'RECORD',
      message: '「形式审查通过」无需登记内容',
    });
  });
  it('a rejection at 形式审查 needs its reason (说明理由), blank is not a reason', () => {
    for (const reason of [undefined, '', '   '])
      expect(act(dg(), { state: 'submitted', transitionId: 'precheck-reject', reason })).toEqual({
        ok: false,
        status: 400,
        code: 'REASON',
        message: '请填写「形式审查不通过」的理由',
      });
  });
});

describe('第九条（五）: 认定 records the centre', () => {
  it('tells the applicant its brand and date, and produces the recognition notice', () => {
    const d = act(dg(), {
      state: 'approval',
      transitionId: 'recognise',
      document: {
        record: {
          brand: '松山湖人工智能应用创新中心',
          operator: '东莞某智能科技有限公司',
          date: '2026-10-20',
        },
      },
      vars: { application: 'DGAI-2026-0001' },
    });
    expect(d).toMatchObject({ ok: true, to: 'recognised' });
    expect(effect(d, 'notify')?.text).toBe(
      '您的申报「DGAI-2026-0001」已获认定，创新中心名称：松山湖人工智能应用创新中心，认定日期：2026年10月20日。',
    );
    expect(effect(d, 'documents')?.ids).toEqual(['recognition-notice']);
  });
  it('the default message names the transition and the new state', () => {
    const d = act(dg(), { state: 'submitted', transitionId: 'accept' });
    expect(effect(d, 'notify')?.text).toBe(
      '您的申报「东莞市人工智能应用创新中心认定」：形式审查通过，当前状态：征求意见。',
    );
  });
});

describe('aggregateScores: one score from several experts', () => {
  it('mean', () => {
    expect(aggregateScores('mean', [80, 85, 90, 95])).toBe(87.5);
  });
  it('trimmedMean drops one highest and one lowest score', () => {
    expect(aggregateScores('trimmedMean', [60, 85, 80, 90, 100])).toBe(85);
    expect(aggregateScores('trimmedMean', [70, 80, 95])).toBe(80);
  });
  it('trimmedMean needs at least three scores', () => {
    expect(aggregateScores('trimmedMean', [80, 90])).toBeUndefined();
  });
  it('median, of an odd and an even count', () => {
    expect(aggregateScores('median', [90, 80, 85])).toBe(85);
    expect(aggregateScores('median', [95, 80, 90, 85])).toBe(87.5);
  });
  it('nothing to aggregate gives no score', () => {
    expect(aggregateScores('mean', [])).toBeUndefined();
  });
});

describe('reviewScore: one review sheet scored by the programme terms', () => {
  it('sums the indicator scores, adds bonuses and subtracts penalties', () => {
    const scores = (dg().formSchema('review').properties as Record<string, SchemaNode>).scores as SchemaNode;
    const full = Object.fromEntries(
      Object.entries(scores.properties as Record<string, SchemaNode>).map(([k, s]) => [
        k,
        { score: ((s.properties as Record<string, SchemaNode>).score as SchemaNode).maximum },
      ]),
    );
    const sheet = {
      scores: full,
      adjustments: [
        { kind: 'bonus', item: '获国家级人工智能奖项', points: 3 },
        { kind: 'penalty', item: '材料装订不规范', points: 2.5 },
      ],
    };
    expect(reviewScore(dg(), sheet)).toBe(100.5);
    expect(reviewScore(dg(), { scores: { teamSize: { score: 6.1 }, hallArea: { score: 7.2 } } })).toBe(13.3);
  });
  it('a programme without expert review scores nothing', () => {
    expect(reviewScore(mini(), {})).toBeUndefined();
  });
});
