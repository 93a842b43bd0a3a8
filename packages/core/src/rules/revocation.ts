import { addYears, subDays } from 'date-fns';
import { fromIso, toIso } from '../dates/calendar';
import { cnIsoDate } from '../formats/cn-date';
import type { ProgramManifest, RevocationGround } from '../generated/program';

export interface BanResult {
  ground: RevocationGround;
  kind: 'none' | 'years' | 'forever';
  /** Last day of the ban, for a ban of years. */
  until: string | undefined;
  /** First day a new application is allowed, for a ban of years. */
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

/** Re-application ban after a revocation on a ground, counted from the decision date. */
export function banFor(
  manifest: ProgramManifest,
  groundId: number,
  decisionDate: string,
): BanResult | undefined {
  const ground = findGround(manifest, groundId);
  if (!ground) return undefined;
  const { ban } = ground;
  if (ban.kind === 'years') {
    const reapply = addYears(fromIso(decisionDate), ban.years ?? 0);
    const until = toIso(subDays(reapply, 1));
    return {
      ground,
      kind: 'years',
      until,
      reapplyFrom: toIso(reapply),
      text: (ban.text ?? '').replace(/\{until\}/g, cnIsoDate(until)),
      article: ban.article,
    };
  }
  return {
    ground,
    kind: ban.kind,
    until: undefined,
    reapplyFrom: undefined,
    text: ban.text ?? '',
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
  if (last.outcome === 'missed')
    return revoke(rules.missedAssessment.ground, `${last.year}年度未按规定参加绩效考核`);
  const n = rules.consecutiveFailures.count;
  const tail = sorted.slice(-n);
  const consecutive =
    tail.length === n &&
    tail.every((y) => y.outcome === 'fail') &&
    tail.every((y, i) => i === 0 || y.year === (tail[i - 1] as YearOutcome).year + 1);
  if (consecutive)
    return revoke(
      rules.consecutiveFailures.ground,
      `连续${n}年绩效考核不达标（${tail.map((y) => y.year).join('、')}年度）`,
    );
  if (sorted.length === 1 && last.outcome === 'fail') {
    const f = rules.firstYearFailure;
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
    reason: last.outcome === 'pass' ? '考核达标' : '考核不达标，但未触发撤销情形',
  };
}
