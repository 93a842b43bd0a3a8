/**
 * Figures for the bureau's dashboard (统计): counts of a programme's applications of one year by
 * 镇街, and the reviewers' scores of those applications. Each is one statement over the same
 * filter on both backends; what the figures mean (state titles, the score's aggregate, buckets,
 * assessment results) is the server's over program.json. Counts by state are
 * `countApplicationsByState` (applications.ts), the lists' own.
 */
import { num, strOrNull } from './rows';
import type { Queryable } from './types';

/** The applications a figure counts: a programme's year, without the states named (the applicant's workspace). */
export interface StatsFilter {
  programId: string;
  year: number;
  excludeStates?: string[];
}

function where(f: StatsFilter): { cond: string; params: unknown[] } {
  return {
    cond: 'a.program_id = $1 AND a.year = $2 AND NOT (a.state = ANY($3::text[]))',
    params: [f.programId, f.year, [...(f.excludeStates ?? [])]],
  };
}

/** How many applications each 镇街 (the `town` column) has; null for those without one. Most first. */
export async function countApplicationsByTown(
  q: Queryable,
  f: StatsFilter,
): Promise<{ town: string | null; count: number }[]> {
  const { cond, params } = where(f);
  const rows = await q.query<{ town: unknown; n: unknown }>(
    `SELECT a.town, count(*) AS n FROM applications a WHERE ${cond}
      GROUP BY a.town ORDER BY count(*) DESC, a.town COLLATE "C" NULLS LAST`,
    params,
  );
  return rows.map((r) => ({ town: strOrNull(r.town), count: num(r.n) }));
}

/**
 * The reviewers' scores of each application the filter finds that has any (one per reviewer,
 * the latest they saved), ordered by application. Reviews without a score are left out.
 */
export async function listReviewScores(
  q: Queryable,
  f: StatsFilter,
): Promise<{ applicationId: string; scores: number[] }[]> {
  const { cond, params } = where(f);
  // float8: node-postgres gives numeric as a string, both drivers give float8 as a number.
  const rows = await q.query<{ application_id: unknown; score: unknown }>(
    `SELECT r.application_id, r.score::float8 AS score FROM reviews r JOIN applications a ON a.id = r.application_id
      WHERE ${cond} AND r.score IS NOT NULL ORDER BY r.application_id, r.reviewer_id`,
    params,
  );
  const out: { applicationId: string; scores: number[] }[] = [];
  for (const r of rows) {
    const id = String(r.application_id);
    const last = out.at(-1);
    if (last?.applicationId === id) last.scores.push(Number(r.score));
    else out.push({ applicationId: id, scores: [Number(r.score)] });
  }
  return out;
}
