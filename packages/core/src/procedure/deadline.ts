import { plusDays } from '../dates/calendar';
import { publicityPeriod } from '../dates/publicity-period';
import { zonedDayStart } from '../dates/zoned-day';
import { cnIsoDate } from '../formats/cn-date';
import { isIsoDate } from '../formats/date';
import type { ProcedureState, PublicityRule } from '../generated/program';
import { getPointer } from '../json-pointer';
import type { Program } from '../program/program';
import { isoDateIn } from '../rules/submission';
import { labelFor } from '../validation/schema-walk';
import { type GuardDocument, guardSchema } from './guard-document';

export type DeadlineResult =
  | {
      ok: true;
      state: string;
      /** The transition fired when due. */
      transition: string;
      /** First and last counted day of the period (YYYY-MM-DD). */
      start: string;
      end: string;
      /** Start of the day after `end` in the programme's time zone, as an ISO instant (UTC). */
      due: string;
      note: string;
      article: string | undefined;
      warnings: string[];
    }
  | { ok: false; reason: string };

/** The counting rule of a state's deadline: the programme's publicity rule, or N days of a unit. */
function ruleOf(program: Program, state: ProcedureState): PublicityRule | undefined {
  const spec = state.deadline;
  if (!spec) return undefined;
  if (spec.rule === 'publicity') return program.manifest.procedure.publicity;
  if (spec.days === undefined) return undefined;
  return {
    article: spec.article ?? '',
    length: spec.days,
    unit: spec.unit ?? 'calendar',
    includeStartDay: spec.includeStartDay ?? false,
  };
}

/** The business date a start value names: a date as is, an instant in the programme's zone. */
function startDate(value: unknown, timeZone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isIsoDate(value)) return value;
  const t = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(t) ? isoDateIn(new Date(t), timeZone) : undefined;
}

const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/**
 * The deadline a state sets when it is entered, counted by core's publicity rule (calendar or
 * working days by the programme's holiday calendars) from the date the document holds at
 * `deadline.from`. Undefined when the state has no deadline.
 */
export function deadlineFor(
  program: Program,
  stateId: string,
  document: GuardDocument,
  enteredBy?: string,
): DeadlineResult | undefined {
  const proc = program.manifest.procedure;
  const state = proc.states.find((s) => s.id === stateId);
  const spec = state?.deadline;
  if (!state || !spec) return undefined;
  const rule = ruleOf(program, state);
  if (!rule) return { ok: false, reason: `「${state.title}」的期限未设置计算规则` };
  const tz = program.manifest.timezone;
  const start = startDate(getPointer(document, spec.from), tz);
  if (!start) {
    const t = proc.transitions.find((x) => x.id === enteredBy);
    return {
      ok: false,
      reason: `无法计算「${state.title}」的期限：未填写${labelFor(guardSchema(program, t), spec.from)}`,
    };
  }
  const period = publicityPeriod(rule, start, (y) => program.calendar(y));
  if (!period.ok) return { ok: false, reason: `无法计算「${state.title}」的期限：${period.reason}` };
  const first = rule.includeStartDay ? start : plusDays(start, 1);
  const due = zonedDayStart(plusDays(period.end, 1), tz);
  if (!due) return { ok: false, reason: `无法计算「${state.title}」的期限：未知的时区 ${tz}` };
  const vars = { start: cnIsoDate(first), end: cnIsoDate(period.end), state: state.title };
  return {
    ok: true,
    state: state.id,
    transition: spec.fire,
    start: first,
    end: period.end,
    due: due.toISOString(),
    note: fill(spec.note ?? '{state}期限{start}至{end}', vars),
    article: spec.article ?? (rule.article || undefined),
    // The holiday warnings speak of a 公示期; other periods do not carry them.
    warnings: spec.rule === 'publicity' ? period.warnings : [],
  };
}
