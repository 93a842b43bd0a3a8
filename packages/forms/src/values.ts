/** Parsing and display of typed values: numbers, Chinese dates, 万元 amounts, date-times. */

import { cnDate } from '@shenbao/core';

/** `1,234.5` / `１２３` / ` 12 ` → number; undefined when empty; the raw text when not a number. */
export function parseNumber(text: string): number | string | undefined {
  const t = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，,\s]/g, '')
    .replace(/．/g, '.');
  if (t === '') return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return text;
  return Number(t);
}

export function numberText(value: unknown, grouping = false): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === undefined ? '' : String(value);
  if (!grouping) return String(value);
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 6 });
}

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * A date as people in China type it: `2024年3月1日`, `2024-03-01`, `2024/3/1`, `2024.3.1`,
 * `20240301` → `2024-03-01`; undefined for empty; the raw text when it is not a date.
 */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m =
    /^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?$/.exec(t) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return text;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDate(y, mo, d) ? `${m[1]}-${pad(mo)}-${pad(d)}` : text;
}

/** `2024-03-01` → `2024年3月1日` (core's one Chinese date formatter); other text unchanged. */
export function dateText(value: unknown): string {
  return typeof value === 'string' ? cnDate(value) : '';
}

/** UTC offset of a time zone on a day, as `+08:00`. */
export function zoneOffset(timeZone: string, isoDate: string): string {
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    const part = f.formatToParts(new Date(`${isoDate}T12:00:00Z`)).find((p) => p.type === 'timeZoneName');
    const m = /GMT([+-]\d{2}:\d{2})/.exec(part?.value ?? '');
    return m ? (m[1] as string) : 'Z';
  } catch {
    return 'Z';
  }
}

/** `2026年3月20日 17:30` or `2026-03-20 17:30` → `2026-03-20T17:30:00+08:00` in the programme's zone. */
export function parseDateTime(text: string, timeZone: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(.+?)[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(t);
  const date = parseDate(m ? (m[1] as string) : t);
  if (!date || date === (m ? m[1] : t) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return text;
  const [h, mi, s] = m ? [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : [0, 0, 0];
  if (h > 23 || mi > 59 || s > 59) return text;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}${zoneOffset(timeZone, date)}`;
}

/** `2026-03-20T17:30:00+08:00` → `2026年3月20日 17:30` (wall time as written). */
export function dateTimeText(value: unknown): string {
  return typeof value === 'string' ? cnDate(value, { time: true, compact: false }) : '';
}

/** Bytes for people: `1.2 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `HH:mm:ss` in local time, for the “已保存于” indicator. */
export function clockText(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
