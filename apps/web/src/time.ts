import { cnDateTime } from '@shenbao/core';

/**
 * Instants from the server (ISO, any offset) as people in the programme's time zone read them:
 * `2026年3月20日 17:30` (core's formatter; undefined zone: the browser's).
 */
export function zonedText(
  iso: string | null | undefined,
  timeZone: string | undefined,
  seconds = false,
): string {
  return iso ? cnDateTime(iso, timeZone, { seconds }) : '';
}
