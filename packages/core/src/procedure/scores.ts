import type { ReviewSpec, ScoreTerm } from '../generated/program';
import { parsePointer } from '../json-pointer';
import type { Program } from '../program/program';
import { evaluateCheck } from '../rules/checks';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * One score out of several reviewers' scores, by the programme's rule: the mean; the mean
 * without one highest and one lowest score (needs at least three); or the median.
 * Undefined when there is nothing (or not enough) to aggregate.
 */
export function aggregateScores(
  rule: ReviewSpec['aggregate'],
  scores: readonly number[],
): number | undefined {
  const xs = scores.filter(finite).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  switch (rule) {
    case 'mean':
      return mean(xs);
    case 'trimmedMean':
      return xs.length < 3 ? undefined : mean(xs.slice(1, -1));
    case 'median': {
      const mid = Math.floor(xs.length / 2);
      return xs.length % 2 === 1 ? (xs[mid] as number) : mean(xs.slice(mid - 1, mid + 1));
    }
  }
}

/** The values a pointer with at most one `*` (every array item or object value) names, with the `*` item. */
function* matches(data: unknown, tokens: string[]): Generator<{ value: unknown; item: unknown }> {
  const star = tokens.indexOf('*');
  const walk = (node: unknown, path: string[]): unknown => {
    let n = node;
    for (const t of path) {
      if (n === null || typeof n !== 'object' || !Object.hasOwn(n, t)) return undefined;
      n = (n as Record<string, unknown>)[t];
    }
    return n;
  };
  if (star < 0) {
    yield { value: walk(data, tokens), item: data };
    return;
  }
  const parent = walk(data, tokens.slice(0, star));
  const items = Array.isArray(parent)
    ? parent
    : parent && typeof parent === 'object'
      ? Object.values(parent)
      : [];
  for (const item of items) yield { value: walk(item, tokens.slice(star + 1)), item };
}

/**
 * The score of one review form by the programme's `review.score` terms (e.g. the indicators'
 * scores plus bonuses minus penalties). Undefined when the programme has no review section.
 */
export function reviewScore(program: Program, data: unknown): number | undefined {
  const spec = program.manifest.procedure.review;
  if (!spec) return undefined;
  const ctx = { program, targets: undefined, schema: program.formSchema(spec.form) };
  const term = (t: ScoreTerm): number => {
    let sum = 0;
    for (const { value, item } of matches(data, parsePointer(t.sum))) {
      if (!finite(value)) continue;
      const counted = (t.where ?? []).every(
        (w) => evaluateCheck(ctx, w, { data: item, base: '' }).length === 0,
      );
      if (counted) sum += value;
    }
    return sum * (t.sign ?? 1);
  };
  // Sums of decimal scores carry binary noise (84.99999999); a sheet never needs more than 6 places.
  return Math.round(spec.score.reduce((total, t) => total + term(t), 0) * 1e6) / 1e6;
}
