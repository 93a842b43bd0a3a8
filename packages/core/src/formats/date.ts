/**
 * Calendar dates `YYYY-MM-DD` that exist (no 2023-02-30). Written with character codes
 * rather than ajv-formats' regex because it runs for every date of every row of a form.
 */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = digit(s, i);
    if (d < 0) return false;
    year = year * 10 + d;
  }
  const m1 = digit(s, 5);
  const m2 = digit(s, 6);
  const d1 = digit(s, 8);
  const d2 = digit(s, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return false;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month - 1] as number));
}

/** The furthest time zone ahead of UTC (UTC+14): no calendar day anywhere is later than its today. */
const FURTHEST_AHEAD_MS = 14 * 3600 * 1000;

/**
 * A date of something that has already happened (a founding, a signature) is not after today.
 * A format has no time zone, so "today" is the latest calendar day anywhere on Earth: a date
 * refused here is in the future wherever the applicant is. Non-dates pass: `date` reports them.
 */
export function isNotFuture(s: string, now: Date = new Date()): boolean {
  if (!isIsoDate(s)) return true;
  return s <= new Date(now.getTime() + FURTHEST_AHEAD_MS).toISOString().slice(0, 10);
}
