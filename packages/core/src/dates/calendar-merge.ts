import type { HolidayCalendar } from '../generated/calendar';

/**
 * Holiday calendars come in two layers: the national one (国务院办公厅's yearly notice, one
 * shared folder) and a programme's own file, which may add days (a local arrangement) or, for
 * the dates it lists in `overrides`, replace the national arrangement. A date both files
 * arrange differently without being listed is a conflict: the merge still lets the
 * programme's file speak for it (it is the more specific), but lint reports it.
 */

type DayArrangement = { kind: 'holiday'; name: string } | { kind: 'workday' };

function arrangements(cal: HolidayCalendar): Map<string, DayArrangement> {
  const out = new Map<string, DayArrangement>();
  for (const h of cal.holidays) out.set(h.date, { kind: 'holiday', name: h.name });
  for (const d of cal.workdays) out.set(d, { kind: 'workday' });
  return out;
}

const describe = (a: DayArrangement): string => (a.kind === 'holiday' ? `放假（${a.name}）` : '调休上班');

/** The calendar working-day counts use for a year: the national file with the programme's on top. */
export function mergeCalendars(
  national: HolidayCalendar | undefined,
  own: HolidayCalendar | undefined,
): HolidayCalendar | undefined {
  if (!national || !own) return own ?? national;
  const days = arrangements(national);
  for (const [date, a] of arrangements(own)) days.set(date, a);
  const holidays: HolidayCalendar['holidays'] = [];
  const workdays: string[] = [];
  for (const [date, a] of [...days].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (a.kind === 'holiday') holidays.push({ date, name: a.name });
    else workdays.push(date);
  }
  return {
    year: own.year,
    // A programme file cannot make an unpublished national arrangement official (lint says so).
    official: own.official,
    source: [national.source, own.source].filter(Boolean).join('；') || undefined,
    holidays,
    workdays,
  };
}

export interface CalendarConflict {
  /** The date, or undefined for the file as a whole (its `official` flag). */
  date: string | undefined;
  message: string;
}

/** Where a programme's calendar contradicts the national one without saying so in `overrides`. */
export function calendarConflicts(national: HolidayCalendar, own: HolidayCalendar): CalendarConflict[] {
  const out: CalendarConflict[] = [];
  if (national.official !== own.official)
    out.push({
      date: undefined,
      message: `${own.year}年：全国日历${national.official ? '已' : '未'}正式公布，本项目日历却标记为${own.official ? '正式' : '非正式'}`,
    });
  const allowed = new Set(own.overrides ?? []);
  const mine = arrangements(own);
  for (const [date, theirs] of arrangements(national)) {
    const a = mine.get(date);
    if (!a || allowed.has(date)) continue;
    if (describe(a) !== describe(theirs))
      out.push({
        date,
        message: `${date}：全国日历为${describe(theirs)}，本项目日历为${describe(a)}（有意改变的，请把该日期列入 overrides）`,
      });
  }
  return out;
}
