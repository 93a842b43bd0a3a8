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
