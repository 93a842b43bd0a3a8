import { programmeBundlePath } from './api/paths';
import { staffListFilters, staffListPath } from './pages/staff-list-query';
import { parseHash } from './router';

/**
 * The GET requests the page at `hash` makes first, so that they can start before the portal's
 * code has loaded (main.tsx) rather than after it and the session check: the programme's bundle
 * for every programme page, and the list itself on the staff list.
 */
export function firstRequests(hash: string): string[] {
  const { parts, query } = parseHash(hash);
  const [p, id, section, sub, subId] = parts;
  if (p !== 'p' || !id) return [];
  const paths = [programmeBundlePath(id)];
  if (section === 'staff' && sub === 'applications' && !subId)
    paths.push(staffListPath(id, staffListFilters(query)));
  return paths;
}
