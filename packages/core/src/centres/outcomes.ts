import type { ProgramManifest } from '../generated/program';
import {
  type AssessmentOutcome,
  assessmentConsequence,
  type ConsequenceResult,
  type YearOutcome,
} from '../rules/revocation';

/** A centre's year as far as its consequences go: assessed (passed or not), missed, or neither yet. */
export interface CentreYearResult {
  year: number;
  /** The assessment's verdict; null while not assessed. */
  passed: boolean | null;
  /** Marked as not having taken part in the assessment (no self-assessment submitted). */
  missed: boolean;
}

/** The outcome a year counts as in the assessment history, or undefined while it has none. */
export function yearOutcome(y: CentreYearResult): AssessmentOutcome | undefined {
  if (y.missed) return 'missed';
  if (y.passed === null) return undefined;
  return y.passed ? 'pass' : 'fail';
}

/**
 * What a centre's results up to and including `year` call for now (core's
 * `assessmentConsequence` over the years that have an outcome): nothing, a public notice
 * (first-year failure) or a revocation on a ground (missed, consecutive failures).
 */
export function centreConsequence(
  manifest: ProgramManifest,
  years: readonly CentreYearResult[],
  year: number,
): ConsequenceResult {
  const history: YearOutcome[] = [];
  for (const y of years) {
    if (y.year > year) continue;
    const outcome = yearOutcome(y);
    if (outcome) history.push({ year: y.year, outcome });
  }
  return assessmentConsequence(manifest, history);
}
