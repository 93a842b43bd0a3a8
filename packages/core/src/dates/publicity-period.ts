import type { PublicityRule } from '../generated/program';
import { type CalendarLookup, calendarProblem, dayInfo, plusDays } from './calendar';

export type PublicityResult =
  | {
      ok: true;
      /** The day the period is counted from (the publication date). */
      start: string;
      /** The first day of the period: `start`, or the day after when the start day is not counted. */
      first: string;
      end: string;
      length: number;
      unit: 'calendar' | 'working';
      article: string;
      warnings: string[];
    }
  | { ok: false; reason: string };

class CalendarMissing extends Error {}

/**
 * End date of a publicity period (公示期). Calendar days count the first day by default
 * (Dongguan practice: 12-18 → 12-24 for "7天"); working days use the official holiday
 * calendar and refuse any year on the way whose calendar is not official.
 */
export function publicityPeriod(
  rule: PublicityRule,
  start: string,
  calendars: CalendarLookup,
): PublicityResult {
  const checked = new Set<number>();
  // Day kind, insisting on an official calendar for every year the count walks through.
  const kindOf = (iso: string) => {
    const year = Number(iso.slice(0, 4));
    if (!checked.has(year)) {
      const problem = calendarProblem(calendars, year);
      if (problem) throw new CalendarMissing(problem);
      checked.add(year);
    }
    return dayInfo(calendars, iso).kind;
  };
  const first = rule.includeStartDay ? start : plusDays(start, 1);
  let end: string;
  try {
    if (rule.unit === 'calendar') {
      end = plusDays(first, rule.length - 1);
      if (rule.rollForwardIfHoliday) while (kindOf(end) !== 'workday') end = plusDays(end, 1);
    } else {
      let day = first;
      let counted = kindOf(day) === 'workday' ? 1 : 0;
      while (counted < rule.length) {
        day = plusDays(day, 1);
        if (kindOf(day) === 'workday') counted++;
      }
      end = day;
    }
  } catch (e) {
    if (e instanceof CalendarMissing) return { ok: false, reason: e.message };
    throw e;
  }
  return {
    ok: true,
    start,
    first,
    end,
    length: rule.length,
    unit: rule.unit,
    article: rule.article,
    // A working-day count steps over holidays by construction: nothing to confirm.
    warnings: rule.unit === 'calendar' ? holidayWarnings(first, end, calendars) : [],
  };
}

/** Calendar-day periods: tell staff when the window contains or ends on a public holiday. */
function holidayWarnings(first: string, end: string, calendars: CalendarLookup): string[] {
  const holidays = new Set<string>();
  for (let d = first; d <= end; d = plusDays(d, 1)) {
    const info = dayInfo(calendars, d);
    if (info.kind === 'holiday' && info.holiday) holidays.add(info.holiday);
  }
  const warnings: string[] = [];
  if (holidays.size > 0) warnings.push(`公示期含法定节假日（${[...holidays].join('、')}），请确认是否顺延`);
  if (dayInfo(calendars, end).kind === 'holiday') warnings.push('公示期最后一日为法定节假日');
  return warnings;
}
