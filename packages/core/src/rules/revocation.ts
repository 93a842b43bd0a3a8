import { addMonths, addYears, subDays } from 'date-fns';
import { fromIso, plusDays, toIso } from '../dates/calendar';
import { cnIsoDate } from '../formats/cn-date';
import type { Ban, ProgramManifest, RevocationGround } from '../generated/program';

export type BanKind = Ban['kind'];

export interface BanResult {
  ground: RevocationGround;
  kind: BanKind;
  /** Last day of the ban, for a ban of years, of months or until a date. */
  until: string | undefined;
  /** First day a new application is allowed, for a ban that ends. */
  reapplyFrom: string | undefined;
  /** Wording for the announcement (from program.json), with the end date filled in. */
  text: string;
  article: string | undefined;
}

export function findGround(manifest: ProgramManifest, id: number): RevocationGround | undefined {
  return manifest.procedure.revocation.grounds.find((g) => g.id === id);
}

/** How documents cite a ground: the revocation article and the ground's item, 第十四条第（三）项. */
export function groundArticle(manifest: ProgramManifest, ground: RevocationGround): string {
  return `${manifest.procedure.revocation.article}第${ground.item}项`;
}

/**
 * The first day a new application is allowed after a ban decided on `decisionDate`: the same
 * day N years or months later (a day the month lacks falls back to its last day, so a ban of
 * one month decided on 01-31 ends on the last day of February), or the day after a fixed
 * last day. Undefined for a ban that never ends or a ban without its length.
 */
function reapplyDay(ban: Ban, decisionDate: string): string | undefined {
  const decided = fromIso(decisionDate);
  if (ban.kind === 'years' && ban.years) return toIso(addYears(decided, ban.years));
  if (ban.kind === 'months' && ban.months) return toIso(addMonths(decided, ban.months));
  if (ban.kind === 'until' && ban.until) return plusDays(ban.until, 1);
  return undefined;
}

/** Re-application ban after a revocation on a ground, counted from the decision date. */
export function banFor(
  manifest: ProgramManifest,
  groundId: number,
  decisionDate: string,
): BanResult | undefined {
  const ground = findGround(manifest, groundId);
  if (!ground) return undefined;
  const { ban } = ground;
  const reapplyFrom = reapplyDay(ban, decisionDate);
  const until = reapplyFrom === undefined ? undefined : toIso(subDays(fromIso(reapplyFrom), 1));
  return {
    ground,
    kind: ban.kind,
    until,
    reapplyFrom,
    text: until === undefined ? (ban.text ?? '') : (ban.text ?? '').replace(/\{until\}/g, cnIsoDate(until)),
    article: ban.article,
  };
}

export type AssessmentOutcome = 'pass' | 'fail' | 'missed';

export interface YearOutcome {
  year: number;
  outcome: AssessmentOutcome;
}

export interface ConsequenceResult {
  action: 'none' | 'notice' | 'revoke';
  ground: RevocationGround | undefined;
  article: string | undefined;
  reason: string;
}

/**
 * What the assessment history of a centre calls for: a missed assessment or N consecutive
 * failures → revocation on the configured ground; a failure in the first assessment after
 * recognition → a public notice (第十三条 for the Dongguan programme).
 */
export function assessmentConsequence(
  manifest: ProgramManifest,
  history: readonly YearOutcome[],
): ConsequenceResult {
  const rules = manifest.procedure.consequences;
  const sorted = [...history].sort((a, b) => a.year - b.year);
  const last = sorted[sorted.length - 1];
  if (!last) return { action: 'none', ground: undefined, article: undefined, reason: '尚无绩效考核记录' };
  const revoke = (groundId: number, reason: string): ConsequenceResult => {
    const ground = findGround(manifest, groundId);
    return {
      action: 'revoke',
      ground,
      article: ground ? groundArticle(manifest, ground) : undefined,
      reason,
    };
  };
  // A consequence the programme does not set (or a programme without assessment) revokes nothing.
  if (last.outcome === 'missed' && rules?.missedAssessment)
    return revoke(rules.missedAssessment.ground, `${last.year}年度未按规定参加绩效考核`);
  const failures = rules?.consecutiveFailures;
  const n = failures?.count ?? 0;
  const tail = sorted.slice(-n);
  const consecutive =
    failures !== undefined &&
    tail.length === n &&
    tail.every((y) => y.outcome === 'fail') &&
    tail.every((y, i) => i === 0 || y.year === (tail[i - 1] as YearOutcome).year + 1);
  if (consecutive)
    return revoke(failures.ground, `连续${n}年绩效考核不达标（${tail.map((y) => y.year).join('、')}年度）`);
  if (sorted.length === 1 && last.outcome === 'fail') {
    const f = rules?.firstYearFailure;
    if (f === undefined)
      return { action: 'none', ground: undefined, article: undefined, reason: `${last.year}年度考核不达标` };
    if (f.action === 'revoke' && f.ground !== undefined) return revoke(f.ground, '首年绩效考核不达标');
    return {
      action: f.action === 'notice' ? 'notice' : 'none',
      ground: undefined,
      article: f.article,
      reason: `${last.year}年度为首年绩效考核，考核不达标`,
    };
  }
  return {
    action: 'none',
    ground: undefined,
    article: undefined,
    reason:
      last.outcome === 'pass'
        ? '考核达标'
        : last.outcome === 'missed'
          ? '未参加考核，但未触发撤销情形'
          : '考核不达标，但未触发撤销情形',
  };
}
