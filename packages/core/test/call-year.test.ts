import { staleCallProblems } from '@shenbao/core';
import { describe, expect, it } from 'vitest';
import { readJson, shipped } from '../../../test/support/programs';

type Targets = { year: number; call: { title: string; opens: string; closes: string; contact: string } };
const y2026 = (): Targets => readJson<Targets>('schemas/ai-innovation-center/targets/2026.json');
/** 2026's targets as staff would turn them into 2027's: a new title and the call dates given. */
function rewritten2027(opens: string, closes: string): Targets {
  const next = y2026();
  next.year = 2027;
  next.call = { ...next.call, title: '2027年东莞市人工智能应用创新中心遴选认定', opens, closes };
  return next;
}

describe('第七条: a new year copied from the last one says what must change', () => {
  it('refuses the old title and call dates in the old year, naming each field', () => {
    const copy = { ...y2026(), year: 2027 };
    const problems = staleCallProblems(shipped(), 2027, copy, { year: 2026, data: y2026() });
    expect(problems.map((p) => p.path).sort()).toEqual(['/call/closes', '/call/opens', '/call/title']);
    expect(problems.find((p) => p.path === '/call/title')?.message).toContain('「通知名称」仍是2026年度');
    expect(problems.find((p) => p.path === '/call/opens')?.message).toMatch(
      /「申报开始时间」（2026年3月12日.*）在2026年/,
    );
  });

  it('accepts a year whose title and dates were rewritten (the contact may stay)', () => {
    const next = rewritten2027('2027-03-01T09:00:00+08:00', '2027-03-31T17:30:00+08:00');
    expect(staleCallProblems(shipped(), 2027, next, { year: 2026, data: y2026() })).toEqual([]);
    expect(staleCallProblems(shipped(), 2026, y2026(), undefined)).toEqual([]);
  });

  it('accepts call dates typed on purpose in the year before (a December call for the next year)', () => {
    const next = rewritten2027('2026-12-01T09:00:00+08:00', '2026-12-31T17:30:00+08:00');
    expect(staleCallProblems(shipped(), 2027, next, { year: 2026, data: y2026() })).toEqual([]);
  });
});
