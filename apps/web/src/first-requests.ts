import { programmeBundlePath, targetYearsPath } from './api/paths';
import { staffListFilters, staffListPath } from './pages/staff-list-query';
import { parseHash } from './router';

/** Whether the page at this address is a form page (apply, or another of the programme's forms). */
export function isFormPage(hash: string): boolean {
  const [p, id, section] = parseHash(hash).parts;
  return p === 'p' && !!id && (section === 'apply' || section === 'form');
}

/**
 * The GET requests the page at `hash` makes first, so that they can start before the portal's
 * code has loaded (main.tsx) rather than after it and the session check: the programme's bundle
 * for every programme page, the list itself on the staff list, and the years of targets on a
 * form page (which asks for them with the programme).
 */
export function firstRequests(hash: string): string[] {
  const { parts, query } = parseHash(hash);
  const [p, id, section, sub, subId] = parts;
  if (p !== 'p' || !id) return [];
  const paths = [programmeBundlePath(id)];
  if (section === 'staff' && sub === 'applications' && !subId)
    paths.push(staffListPath(id, staffListFilters(query)));
  if (isFormPage(hash)) paths.push(targetYearsPath(id));
  return paths;
}
