import { useEffect, useSyncExternalStore } from 'react';
import { procedureApi } from './api';

/** The organisation's unread messages, for the header (one count for the whole page). */
let unread: number | undefined;
const listeners = new Set<() => void>();

function set(n: number | undefined): void {
  unread = n;
  for (const l of listeners) l();
}

/** Asks the server again (after reading a message, on opening a page). */
export function refreshUnread(): Promise<void> {
  return procedureApi.messages({ pageSize: 1 }).then(
    (p) => set(p.unread),
    () => undefined,
  );
}

export function setUnread(n: number): void {
  set(n);
}

/** How often the header asks again while a page stays open (ms). */
const POLL_MS = 60_000;

/** The count while an applicant is logged in (`active`), refreshed on each page change and every minute. */
export function useUnread(active: boolean): number | undefined {
  useEffect(() => {
    if (!active) {
      set(undefined);
      return;
    }
    void refreshUnread();
    const on = (): void => void refreshUnread();
    window.addEventListener('hashchange', on);
    const timer = setInterval(on, POLL_MS);
    return () => {
      window.removeEventListener('hashchange', on);
      clearInterval(timer);
    };
  }, [active]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unread,
    () => unread,
  );
}
