import { programmeBundlePath, targetsPath, targetYearsPath } from './api/paths';
import type { TargetsYearSummary } from './api/types';
import { staffListFilters, staffListPath } from './pages/staff-list-query';
import { parseHash } from './router';
import { formYear } from './targets-api';

/** The form the page at this address shows, as the router gives it to the form page (app.tsx). */
export interface FormRoute {
  programId: string;
  /** Undefined on `apply`: the programme's own choice (its eligibility or submission form). */
  form: string | undefined;
  query: URLSearchParams;
}

/** The form page at this address (apply, or another of the programme's forms), if it is one. */
export function formRoute(hash: string): FormRoute | undefined {
  const { parts, query } = parseHash(hash);
  const [p, id, section, sub] = parts;
  if (p !== 'p' || !id || (section !== 'apply' && section !== 'form')) return undefined;
  return { programId: id, form: section === 'form' ? sub : undefined, query };
}

/** Whether the page at this address is a form page (apply, or another of the programme's forms). */
export function isFormPage(hash: string): boolean {
  return formRoute(hash) !== undefined;
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

/**
 * What the page at `hash` asks next once the early answer to `path` is in: a form page, given its
 * years of targets, asks for the year it will be filled for (the form's own choice, `formYear`).
 */
export function followUpRequests(hash: string, path: string, answer: unknown): string[] {
  const { parts, query } = parseHash(hash);
  const id = parts[1];
  if (!id || !isFormPage(hash) || path !== targetYearsPath(id) || !Array.isArray(answer)) return [];
  const year = formYear(answer as TargetsYearSummary[], query);
  return year === undefined ? [] : [targetsPath(id, year)];
}
