import { useEffect, useState } from 'react';

export interface Route {
  /** Path segments after `#/`. */
  parts: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [path = '', q = ''] = h.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

/** Hash routes: the server serves one index.html, the page picks what to show. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

const e = encodeURIComponent;
const withQuery = (path: string, q?: Record<string, string | number | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q ?? {})) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
};

export const href = {
  home: () => '#/',
  login: (next?: string) => withQuery('#/login', { next }),
  register: (next?: string) => withQuery('#/register', { next }),
  mine: () => '#/mine',
  apply: (p: string, year?: number) => withQuery(`#/p/${e(p)}/apply`, { year }),
  form: (p: string, f: string) => `#/p/${e(p)}/form/${e(f)}`,
  review: (p: string, f?: string, year?: number) => withQuery(`#/p/${e(p)}/review`, { form: f, year }),
  receipt: (id: string) => `#/receipt/${e(id)}`,
  progress: (id: string) => `#/progress/${e(id)}`,
  /** 我的创新中心: a recognised application's centre, as its operator sees it. */
  myCentre: (id: string) => `#/centre/${e(id)}`,
  messages: () => '#/messages',
  reviewerQueue: () => '#/reviewer',
  reviewForm: (id: string) => `#/reviewer/${e(id)}`,
  targets: (p: string, year?: number) => withQuery(`#/p/${e(p)}/staff/targets`, { year }),
  staffList: (p: string, q?: Record<string, string | number | undefined>) =>
    withQuery(`#/p/${e(p)}/staff/applications`, q),
  staffApplication: (p: string, id: string) => `#/p/${e(p)}/staff/applications/${e(id)}`,
  notices: (p: string, year?: number) => withQuery(`#/p/${e(p)}/staff/notices`, { year }),
  notice: (p: string, id: string) => `#/p/${e(p)}/staff/notices/${e(id)}`,
  centres: (p: string, year?: number) => withQuery(`#/p/${e(p)}/staff/centres`, { year }),
  centre: (p: string, id: string) => `#/p/${e(p)}/staff/centres/${e(id)}`,
  dashboard: (p: string, year?: number) => withQuery(`#/p/${e(p)}/staff/dashboard`, { year }),
};

/** The current page, to come back to after logging in. */
export function currentHash(): string {
  return window.location.hash || '#/';
}

/** Only our own hash routes are followed after login (never another site). */
export function safeNext(next: string | null): string {
  return next && /^#\/[^\s]*$/.test(next) && !next.startsWith('#//') ? next : href.home();
}
