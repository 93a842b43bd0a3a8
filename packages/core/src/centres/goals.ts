import { getPointer } from '../json-pointer';
import type { Program } from '../program/program';

/** One way a centre's yearly goals fall short of the year's published minimum. */
export interface GoalProblem {
  /** The assessment indicator (program.json `assessment.indicators[].id`). */
  indicator: string;
  title: string;
  unit: string;
  /** The year's minimum (a number, or the list of required items). */
  minimum: unknown;
  given: unknown;
  /** JSON pointer into the goals (`/softwareRevenue`). */
  path: string;
  message: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Whether a centre's goals for a year (第十一条 for the Dongguan programme: its own commitment
 * per indicator) reach the minimum the year's published targets set — the minimum is read where
 * the assessment reads its target (`targetFrom`), so the goals and the assessment measure the
 * same thing. Goals are `{ <indicator id>: value }`; a goal may exceed the minimum, never fall
 * below it. An indicator without a minimum in the targets takes any value of its kind.
 */
export function goalProblems(program: Program, goals: unknown, targets: unknown): GoalProblem[] {
  const spec = program.manifest.assessment;
  const problems: GoalProblem[] = [];
  const given = goals !== null && typeof goals === 'object' && !Array.isArray(goals) ? goals : {};
  // A programme without yearly assessment has no indicators: every goal is an unknown one.
  const indicators = spec?.indicators ?? [];
  const known = new Set(indicators.map((i) => i.id));
  for (const key of Object.keys(given))
    if (!known.has(key))
      problems.push({
        indicator: key,
        title: key,
        unit: '',
        minimum: undefined,
        given: (given as Record<string, unknown>)[key],
        path: `/${key}`,
        message: `「${key}」不是本项目的绩效指标`,
      });
  for (const ind of indicators) {
    const value = (given as Record<string, unknown>)[ind.id];
    const minimum = getPointer(targets, ind.targetFrom);
    const base = {
      indicator: ind.id,
      title: ind.title,
      unit: ind.unit,
      minimum,
      given: value,
      path: `/${ind.id}`,
    };
    if (ind.kind === 'containsAll') {
      const required = Array.isArray(minimum) ? minimum : [];
      if (!Array.isArray(value)) {
        problems.push({ ...base, message: `请填写「${ind.title}」的年度绩效目标` });
        continue;
      }
      const missing = required.filter((r) => !value.includes(r));
      if (missing.length > 0)
        problems.push({
          ...base,
          message: `「${ind.title}」的年度绩效目标须包含本年度要求的全部${required.length}${ind.unit}（缺${missing.length}${ind.unit}）`,
        });
      continue;
    }
    const v = num(value);
    if (v === undefined || v < 0) {
      problems.push({ ...base, message: `请填写「${ind.title}」的年度绩效目标（${ind.unit}）` });
      continue;
    }
    const min = num(minimum);
    if (min !== undefined && v < min)
      problems.push({
        ...base,
        message: `「${ind.title}」的年度绩效目标${v}${ind.unit}低于本年度最低要求${min}${ind.unit}`,
      });
  }
  return problems;
}
