/**
 * Instants from the server (ISO, any offset) as people in the programme's time zone read them:
 * `2026年3月20日 17:30`. The zone is the programme's (program.json `timezone`), never the
 * browser's: an applicant abroad sees the deadline the bureau set (undefined: the browser's zone).
 */
export function zonedText(
  iso: string | null | undefined,
  timeZone: string | undefined,
  seconds = false,
): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const time = `${Number(parts.hour)}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
  return `${Number(parts.year)}年${Number(parts.month)}月${Number(parts.day)}日 ${time}`;
}
