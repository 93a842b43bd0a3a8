import { useSyncExternalStore } from 'react';
import { ApiError, anonymousCsrf, api, onCsrfRefresh, setCsrfToken } from './client';
import type { Org, Role, SessionInfo, User } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; error?: string }
  | { status: 'user'; user: User; org: Org | null };

/** Who is logged in, for the whole page: one observable, read with `useSession()`. */
let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

function adopt(info: SessionInfo): SessionInfo {
  setCsrfToken(info.csrfToken);
  set({ status: 'user', user: info.user, org: info.org });
  return info;
}

let started: Promise<void> | undefined;

/** Asks the server who this browser is (once); anonymous when it says 401. */
export function loadSession(): Promise<void> {
  started ??= api.get<SessionInfo>('/api/auth/me').then(
    (info) => {
      adopt(info);
    },
    (e: ApiError) => {
      setCsrfToken(undefined);
      set({ status: 'anonymous', error: e.status === 401 ? undefined : e.message });
    },
  );
  return started;
}

// A refused token: the session's own when logged in, else a new anonymous one.
onCsrfRefresh(async () => {
  try {
    const info = await api.get<SessionInfo>('/api/auth/me');
    adopt(info);
    return info.csrfToken;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      set({ status: 'anonymous' });
      return anonymousCsrf();
    }
    return undefined;
  }
});

export function currentSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
    () => state,
  );
}

export async function login(login: string, password: string): Promise<SessionInfo> {
  await anonymousCsrf();
  return adopt(await api.post<SessionInfo>('/api/auth/login', { login, password }));
}

export interface Registration {
  uscc: string;
  orgName: string;
  contact: string;
  mobile: string;
  password: string;
}

export async function register(body: Registration): Promise<SessionInfo> {
  await anonymousCsrf();
  return adopt(await api.post<SessionInfo>('/api/auth/register', body));
}

const beforeLogout = new Set<() => Promise<unknown>>();

/** Work to finish while the session still exists (an open form saves what is not saved yet). */
export function onBeforeLogout(fn: () => Promise<unknown>): () => void {
  beforeLogout.add(fn);
  return () => beforeLogout.delete(fn);
}

export async function logout(): Promise<void> {
  await Promise.allSettled([...beforeLogout].map((fn) => fn()));
  try {
    await api.post('/api/auth/logout');
  } finally {
    setCsrfToken(undefined);
    set({ status: 'anonymous' });
  }
}

/** The server said 401 in the middle of work: the session is gone (not a logout of our own). */
export function sessionExpired(): void {
  if (state.status !== 'user') return;
  setCsrfToken(undefined);
  set({ status: 'anonymous', error: '登录已过期，请重新登录' });
}

export const ROLE_NAMES: Record<Role, string> = {
  applicant: '申报单位',
  staff: '主管部门',
  reviewer: '评审专家',
  admin: '系统管理员',
};

/** Staff who work on this programme (all programmes: `'*'`). */
export function isStaffOf(s: SessionState, programId: string): boolean {
  return (
    s.status === 'user' &&
    s.user.role === 'staff' &&
    (s.user.programs.includes('*') || s.user.programs.includes(programId))
  );
}
