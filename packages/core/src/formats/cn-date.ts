// Chinese dates, the one formatter for every package: GB/T 9704 writes 2026年1月1日 (Arabic
// numerals, no leading zeros), a time as 17:30. Documents, forms, messages and pages all call it.
import { zonedParts } from './date-time';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/**
 * Reads an ISO date or date-time. With `instant`, a Date or a date-time with an offset is moved
 * into `timeZone` (undefined: the runtime's), so a deadline of 17:30 in Shanghai stays on its
 * day; otherwise the wall clock as written is kept.
 */
function readParts(value: unknown, timeZone: string | undefined, instant: boolean): DateParts | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : zoned(value, timeZone);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const d = ISO_DATE.exec(s);
  if (d) return checked({ year: Number(d[1]), month: Number(d[2]), day: Number(d[3]) });
  const t = ISO_DATE_TIME.exec(s);
  if (!t) return undefined;
  if (t[7] && instant) {
    const date = new Date(s);
    if (!Number.isNaN(date.getTime())) return zoned(date, timeZone);
  }
  return checked({
    year: Number(t[1]),
    month: Number(t[2]),
    day: Number(t[3]),
    hour: Number(t[4]),
    minute: Number(t[5]),
    second: Number(t[6] ?? 0),
  });
}

function checked(p: DateParts): DateParts | undefined {
  if (p.month < 1 || p.month > 12 || p.day < 1) return undefined;
  const last = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day > last ? undefined : p;
}

function zoned(date: Date, timeZone: string | undefined): DateParts | undefined {
  const p = zonedParts(date, timeZone);
  return p && { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** An ISO date or date-time's fields; a date-time with an offset lands in `timeZone` when given. */
export function dateParts(value: unknown, timeZone?: string): DateParts | undefined {
  return readParts(value, timeZone, timeZone !== undefined);
}

interface TimeStyle {
  /** Add the time of a date-time (a bare date has none). */
  time?: boolean;
  seconds?: boolean;
  /** No space between date and time, as GB/T 9704 documents write it. */
  compact?: boolean;
}

function format(p: DateParts, style: TimeStyle): string {
  const date = `${p.year}年${p.month}月${p.day}日`;
  if (!style.time || p.hour === undefined || p.minute === undefined) return date;
  const seconds = style.seconds ? `:${String(p.second ?? 0).padStart(2, '0')}` : '';
  return `${date}${style.compact ? '' : ' '}${p.hour}:${String(p.minute).padStart(2, '0')}${seconds}`;
}

/**
 * 2026-01-01 → 2026年1月1日; with `time` → 2026年3月20日17:30 (`compact` unless said otherwise).
 * Missing input is blank; unreadable input is returned as text.
 */
export function cnDate(value: unknown, options: { timeZone?: string } & TimeStyle = {}): string {
  if (value == null || value === '') return '';
  const p = dateParts(value, options.timeZone);
  return p ? format(p, { compact: true, ...options }) : String(value);
}

/** 2026-09-24 → 2026年9月24日; other input as given. */
export function cnIsoDate(iso: string): string {
  return cnDate(iso);
}

/**
 * An instant as people in `timeZone` (the programme's; undefined: the runtime's) read it:
 * `2026年3月20日 17:30` (with `seconds`: `17:30:05`; `compact`: no space). Unreadable input is
 * returned as given.
 */
export function cnDateTime(
  at: string | Date,
  timeZone?: string,
  opts: { seconds?: boolean; compact?: boolean } = {},
): string {
  const p = readParts(at, timeZone, true);
  return p ? format(p, { time: true, ...opts }) : String(at);
}

/** 2026年1月1日至2026年1月7日 (the 公示时间 form); a missing end leaves the start alone. */
export function cnDateRange(
  from: unknown,
  to: unknown,
  options: { timeZone?: string; separator?: string } = {},
): string {
  const a = cnDate(from, options);
  const b = cnDate(to, options);
  if (!a || !b) return a || b;
  return `${a}${options.separator ?? '至'}${b}`;
}
