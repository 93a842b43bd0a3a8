import { useEffect, useState } from 'react';
import { publishedTargets } from '../targets-api';
import type { CentreView, CentreYear } from './api';

/** Each year's published targets (the goals' minimums, the self-assessment's schema), by year. */
export function useYearTargets(programId: string, years: number[]): Map<number, unknown> | undefined {
  const [targets, setTargets] = useState<Map<number, unknown>>();
  const key = years.join(',');
  useEffect(() => {
    let live = true;
    const list = key ? key.split(',').map(Number) : [];
    Promise.all(
      list.map((y) =>
        publishedTargets(programId, y).then(
          (t) => [y, t?.data] as const,
          () => [y, undefined] as const,
        ),
      ),
    ).then((pairs) => {
      if (live) setTargets(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [programId, key]);
  return targets;
}

const blankYear = (year: number): CentreYear => ({
  year,
  goals: null,
  goalsSetRole: null,
  goalsSetAt: null,
  submittedAt: null,
  assessment: null,
  passed: null,
  assessedAt: null,
  missed: false,
  missedAt: null,
  consequence: null,
});

/**
 * The years a centre answers for: each from its recognition year to this one (inside the
 * measures' validity), those with nothing recorded yet shown blank, newest first.
 */
export function answerableYears(centre: CentreView, lastValidYear: number, thisYear: number): CentreYear[] {
  const have = new Map(centre.years.map((y) => [y.year, y]));
  const last = Math.min(lastValidYear, Math.max(thisYear, centre.year));
  for (let y = centre.year; y <= last; y++) if (!have.has(y)) have.set(y, blankYear(y));
  return [...have.values()].sort((a, b) => b.year - a.year);
}
