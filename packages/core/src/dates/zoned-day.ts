import { zonedParts } from '../formats/date-time';

/**
 * The instant a calendar day (YYYY-MM-DD) begins in a time zone: 2026-10-01 in Asia/Shanghai
 * is 2026-09-30T16:00:00.000Z. Undefined for an unknown zone or an unreadable date.
 */
export function zonedDayStart(isoDate: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = wall;
  // The zone's offset at the guess moves the guess; twice settles any offset change on that day.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(t), timeZone);
    if (!p) return undefined;
    t += wall - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  }
  return new Date(t);
}
