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

/** Hash routes: the app is a static folder, served from anywhere. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const href = {
  home: () => '#/',
  apply: (p: string, q = '') => `#/p/${encodeURIComponent(p)}/apply${q}`,
  form: (p: string, f: string) => `#/p/${encodeURIComponent(p)}/form/${encodeURIComponent(f)}`,
  review: (p: string, f?: string) =>
    `#/p/${encodeURIComponent(p)}/review${f ? `?form=${encodeURIComponent(f)}` : ''}`,
  targets: (p: string) => `#/p/${encodeURIComponent(p)}/staff/targets`,
};
