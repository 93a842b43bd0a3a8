// Dates as GB/T 9704 writes them: 2026年1月1日, Arabic numerals, no leading zeros.
import { zonedParts } from '@shenbao/core';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

/**
 * Reads an ISO date or date-time. A date-time with an offset is moved into `timeZone`
 * (the programme's zone) so that a deadline of 17:30 in Shanghai stays on its day;
 * without a zone the wall-clock date as written is kept.
 */
export function dateParts(value: unknown, timeZone?: string): DateParts | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : zoned(value, timeZone);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const d = ISO_DATE.exec(s);
  if (d) return checked({ year: Number(d[1]), month: Number(d[2]), day: Number(d[3]) });
  const t = ISO_DATE_TIME.exec(s);
  if (!t) return undefined;
  if (t[7] && timeZone) {
    const date = new Date(s);
    if (!Number.isNaN(date.getTime())) return zoned(date, timeZone);
  }
  return checked({
    year: Number(t[1]),
    month: Number(t[2]),
    day: Number(t[3]),
    hour: Number(t[4]),
    minute: Number(t[5]),
  });
}

function checked(p: DateParts): DateParts | undefined {
  if (p.month < 1 || p.month > 12 || p.day < 1) return undefined;
  const last = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day > last ? undefined : p;
}

function zoned(date: Date, timeZone = 'UTC'): DateParts | undefined {
  const p = zonedParts(date, timeZone);
  return p && { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute };
}

/** 2026-01-01 → 2026年1月1日; with `time` → 2026年3月20日17:30. Unreadable input is returned as text. */
export function cnDate(value: unknown, options: { timeZone?: string; time?: boolean } = {}): string {
  if (value == null || value === '') return '';
  const p = dateParts(value, options.timeZone);
  if (!p) return String(value);
  const date = `${p.year}年${p.month}月${p.day}日`;
  if (options.time && p.hour !== undefined && p.minute !== undefined) {
    return `${date}${p.hour}:${String(p.minute).padStart(2, '0')}`;
  }
  return date;
}

/** 2026年1月1日至2026年1月7日 (the 公示时间 form); a missing end leaves the start alone. */
export function cnDateRange(
  from: unknown,
  to: unknown,
  options: { timeZone?: string; separator?: string } = {},
) {
  const a = cnDate(from, options);
  const b = cnDate(to, options);
  if (!a || !b) return a || b;
  return `${a}${options.separator ?? '至'}${b}`;
}
