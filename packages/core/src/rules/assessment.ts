import type { Indicator } from '../generated/program';
import { getPointer, joinPointer } from '../json-pointer';
import { type Program, ProgramLoadError } from '../program/program';
import { enumTitles, walkSchema } from '../validation/schema-walk';

export interface IndicatorResult {
  id: string;
  title: string;
  unit: string;
  target: unknown;
  commitment: unknown;
  /** The value the actual figure is measured against (see `assessment.bar`). */
  bar: unknown;
  actual: unknown;
  /** actual / bar for numeric indicators, rounded to 4 decimals. */
  rate: number | undefined;
  met: boolean;
  reason: string | undefined;
}

export interface AssessmentResult {
  article: string;
  passed: boolean;
  indicators: IndicatorResult[];
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function numericBar(
  rule: string,
  target: number | undefined,
  commitment: number | undefined,
): number | undefined {
  if (rule === 'target') return target;
  if (rule === 'commitment') return commitment ?? target;
  if (target === undefined) return commitment;
  return commitment === undefined ? target : Math.max(target, commitment);
}

function setBar(rule: string, target: unknown, commitment: unknown): unknown[] {
  const t = Array.isArray(target) ? target : [];
  const c = Array.isArray(commitment) ? commitment : [];
  if (rule === 'target') return t;
  if (rule === 'commitment') return c.length > 0 ? c : t;
  return [...new Set([...t, ...c])];
}

function assessIndicator(
  rule: string,
  ind: Indicator,
  target: unknown,
  commitment: unknown,
  actual: unknown,
  label: (value: unknown) => string,
) {
  const base = { id: ind.id, title: ind.title, unit: ind.unit, target, commitment, actual };
  if (ind.kind === 'containsAll') {
    const bar = setBar(rule, target, commitment);
    if (!Array.isArray(actual))
      return { ...base, bar, rate: undefined, met: false, reason: `未填报${ind.title}实际情况` };
    const missing = bar.filter((v) => !actual.includes(v));
    return {
      ...base,
      bar,
      rate: undefined,
      met: missing.length === 0,
      reason: missing.length === 0 ? undefined : `${ind.title}缺少：${missing.map(label).join('、')}`,
    };
  }
  const bar = numericBar(rule, num(target), num(commitment));
  const a = num(actual);
  if (a === undefined)
    return { ...base, bar, rate: undefined, met: false, reason: `未填报${ind.title}实际完成值` };
  if (bar === undefined)
    return { ...base, bar, rate: undefined, met: false, reason: `${ind.title}没有目标值` };
  const rate = bar === 0 ? undefined : Math.round((a / bar) * 10000) / 10000;
  const met = a >= bar;
  return {
    ...base,
    bar,
    rate,
    met,
    reason: met ? undefined : `${ind.title}实际完成${a}${ind.unit}，低于目标${bar}${ind.unit}`,
  };
}

/** What a programme without yearly assessment (no `assessment` in program.json) answers. */
export const NO_ASSESSMENT = '本项目不设年度考核';

/**
 * Yearly performance assessment (第十二条 for the Dongguan programme): each indicator's
 * actual value against the bar set by `assessment.bar` (the year's target, the centre's
 * own commitment, or the higher of the two).
 */
export function assess(
  program: Program,
  selfAssessment: unknown,
  commitments: unknown,
  targets: unknown,
): AssessmentResult {
  const spec = program.manifest.assessment;
  // Callers ask only programmes that assess (the server answers 404 first); asking another is a bug.
  if (!spec) throw new ProgramLoadError(NO_ASSESSMENT, 'program.json');
  const schema = program.formSchema(spec.form);
  const indicators = spec.indicators.map((ind) => {
    const pointer = joinPointer(spec.indicatorsPath ?? '', ind.id, 'actual');
    const node = walkSchema(schema, pointer).at(-1)?.schema;
    const titles = node ? enumTitles(schema, node) : undefined;
    const label = (v: unknown) => titles?.get(String(v)) ?? String(v);
    const target = getPointer(targets, ind.targetFrom);
    const commitment = getPointer(commitments, `/${ind.id}`);
    const actual = getPointer(selfAssessment, pointer);
    return assessIndicator(spec.bar, ind, target, commitment, actual, label);
  });
  return { article: spec.article, passed: indicators.every((i) => i.met), indicators };
}
