/** A centre's brand and operator from a date on (the recognition's, then each rename's). */
export interface CentreNamed {
  brand: string;
  operator: string;
  /** YYYY-MM-DD; null for a recognition record without a date. */
  fromDate: string | null;
}

/**
 * The name in force on `day` (YYYY-MM-DD): the last one that took effect on or before it.
 * `names` are in the order they took effect, the recognition's first; a later document names
 * the centre as it was called then, while the history keeps every name.
 */
export function nameOn<T extends CentreNamed>(names: readonly T[], day: string): T {
  let current = names[0] as T;
  for (const n of names.slice(1)) if (n.fromDate !== null && n.fromDate <= day) current = n;
  return current;
}
