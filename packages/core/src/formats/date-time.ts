/**
 * An instant as people in a time zone read it. The zone is the programme's (program.json
 * `timezone`), never the reader's: an applicant abroad sees the deadline the bureau set.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar fields of `at` in `timeZone` (undefined zone: the runtime's); undefined for an unknown zone. */
export function zonedParts(at: Date, timeZone?: string): ZonedParts | undefined {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      return undefined;
    }
    formatters.set(key, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year as number,
    month: p.month as number,
    day: p.day as number,
    hour: p.hour as number,
    minute: p.minute as number,
    second: p.second as number,
  };
}

/**
 * `2026年3月20日 17:30` (with `seconds`: `17:30:05`; `compact`: no space, as GB/T 9704 documents
 * write it). An unreadable instant is returned as given.
 */
export function cnDateTime(
  at: string | Date,
  timeZone?: string,
  opts: { seconds?: boolean; compact?: boolean } = {},
): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const p = Number.isNaN(d.getTime()) ? undefined : zonedParts(d, timeZone);
  if (!p) return String(at);
  const mm = String(p.minute).padStart(2, '0');
  const time = `${p.hour}:${mm}${opts.seconds ? `:${String(p.second).padStart(2, '0')}` : ''}`;
  return `${p.year}年${p.month}月${p.day}日${opts.compact ? '' : ' '}${time}`;
}
