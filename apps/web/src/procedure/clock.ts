import { isoDateIn } from '@shenbao/core';
import { dateText } from '@shenbao/forms';
import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` while the page shows it (a countdown). */
export function useNow(everyMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** The day of an instant in the programme's time zone, as `2026年9月24日`. */
export function zonedDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateText(isoDateIn(d, timeZone));
}

/** What is left until `due`: `3天4小时12分`, `4小时12分5秒` in the last day; undefined once due. */
export function remainingText(due: string, now: Date): string | undefined {
  const ms = Date.parse(due) - now.getTime();
  if (!(ms > 0)) return undefined;
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return days > 0 ? `${days}天${hours}小时${minutes}分` : `${hours}小时${minutes}分${seconds}秒`;
}
