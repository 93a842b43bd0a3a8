import { describe, expect, it } from 'vitest';
import { example, shipped } from '../../../test/support/programs';
import { banStands, isoDateIn, submissionVerdict } from '../src';

const inWindow = new Date('2026-03-15T10:00:00+08:00');
const ctx = (over: Partial<Parameters<typeof submissionVerdict>[2]> = {}) => ({
  targets: shipped().targets(2026),
  at: inWindow,
  orgUscc: '91441900MA5H7K2Q4P',
  ...over,
});
type App = { applicant: Record<string, unknown>; commitments: Record<string, unknown> } & Record<
  string,
  unknown
>;
const app = (): App => structuredClone(example('application.json')) as App;

describe('submission verdict: the one decision browser and server both use', () => {
  it('accepts examples/application.json inside the 2026 call window', () => {
    expect(submissionVerdict(shipped(), app(), ctx())).toEqual({ ok: true, reasons: [] });
  });

  it('refuses after the call closed, naming the closing time in Beijing time', () => {
    const v = submissionVerdict(shipped(), app(), ctx({ at: new Date('2026-03-20T17:31:00+08:00') }));
    expect(v.ok).toBe(false);
    expect(v.reasons).toContainEqual({ kind: 'window', message: '申报已于2026年3月20日 17:30截止' });
  });

  it('refuses before the call opens', () => {
    const v = submissionVerdict(shipped(), app(), ctx({ at: new Date('2026-03-11T23:59:00+08:00') }));
    expect(v.reasons.map((r) => r.message)).toContain('申报尚未开始（2026年3月12日 0:00开始）');
  });

  it('第十五条: a ban of years stands until its last day, a ban for ever always', () => {
    const years = { kind: 'years' as const, until: '2026-05-09', reason: '自行要求撤销' };
    expect(banStands(years, '2026-05-09')).toBe(true);
    expect(banStands(years, '2026-05-10')).toBe(false);
    expect(banStands({ kind: 'forever', until: null, reason: '伪造资料' }, '2099-01-01')).toBe(true);
    const v = submissionVerdict(
      shipped(),
      app(),
      ctx({ bans: [{ kind: 'forever', until: null, reason: '伪造资料、弄虚作假' }] }),
    );
    expect(v.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'ban',
        article: '第十五条',
        message: expect.stringContaining('不得重新申请认定'),
      }),
    );
  });

  it('refuses an application for another enterprise than the account’s', () => {
    const v = submissionVerdict(shipped(), app(), ctx({ orgUscc: '91441900MA4UJ0YQ1X' }));
    expect(v.reasons).toContainEqual(
      expect.objectContaining({ kind: 'organization', path: '/applicant/creditCode' }),
    );
  });

  it('refuses an invalid field with its path and Chinese message', () => {
    const a = app();
    a.applicant.foundedDate = '2026-02-30';
    const v = submissionVerdict(shipped(), a, ctx());
    expect(v.reasons).toContainEqual(
      expect.objectContaining({ kind: 'field', path: '/applicant/foundedDate' }),
    );
  });

  it('第八条（二）: refuses when a required material is missing, citing the article', () => {
    const a = app() as App & { attachments: { category: string }[] };
    a.attachments = a.attachments.filter((f) => f.category !== 'team-evidence');
    const v = submissionVerdict(shipped(), a, ctx());
    expect(v.reasons.filter((r) => r.kind === 'field')).toEqual([]);
    expect(v.reasons).toContainEqual(expect.objectContaining({ kind: 'material', article: '第八条（二）' }));
  });

  it('refuses structurally hostile data before anything reads it', () => {
    const hostile = JSON.parse('{"applicant":{"constructor":{"x":1}}}');
    expect(submissionVerdict(shipped(), hostile, ctx()).reasons[0]?.kind).toBe('structure');
  });

  it('dates the ban check in the programme’s time zone', () => {
    expect(isoDateIn(new Date('2026-05-09T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-05-10');
  });
});
