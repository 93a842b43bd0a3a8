import { addDays, format, getDay, parseISO } from 'date-fns';
import type { CalendarFile } from '../program/program';

/** ISO calendar date (YYYY-MM-DD) arithmetic on local dates; no time zone can shift a day. */
export const toIso = (d: Date): string => format(d, 'yyyy-MM-dd');
export const fromIso = (s: string): Date => parseISO(s.slice(0, 10));
export const plusDays = (iso: string, n: number): string => toIso(addDays(fromIso(iso), n));

export type CalendarLookup = (year: number) => CalendarFile | undefined;

export type DayKind = 'workday' | 'weekend' | 'holiday';

export interface DayInfo {
  kind: DayKind;
  holiday?: string;
}

/** Why working-day arithmetic cannot be done for a year. */
export function calendarProblem(lookup: CalendarLookup, year: number): string | undefined {
  const cal = lookup(year);
  if (!cal) return `没有${year}年的节假日日历，无法按工作日计算`;
  if (!cal.official) return `${year}年节假日安排尚未正式公布（日历未标记为正式），无法按工作日计算`;
  return undefined;
}

/** Kind of day by the official calendar: 调休 workdays override weekends. */
export function dayInfo(lookup: CalendarLookup, iso: string): DayInfo {
  const cal = lookup(Number(iso.slice(0, 4)));
  const holiday = cal?.holidays.find((h) => h.date === iso);
  if (holiday) return { kind: 'holiday', holiday: holiday.name };
  if (cal?.workdays.includes(iso)) return { kind: 'workday' };
  const dow = getDay(fromIso(iso));
  return dow === 0 || dow === 6 ? { kind: 'weekend' } : { kind: 'workday' };
}
