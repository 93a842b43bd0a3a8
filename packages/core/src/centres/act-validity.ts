import { withinValidity } from '../dates/validity';
import type { ProgramManifest } from '../generated/program';

export interface ActValidity {
  /** Whether the act may go ahead. */
  allowed: boolean;
  /** Why not, or what to warn about (outside the measures' validity); undefined when within. */
  reason: string | undefined;
}

/**
 * Whether an act dated `date` may be done under the measures (第十八条 for the Dongguan
 * programme): within their validity always; outside it refused, or done with a warning when
 * program.json says `validity.outside: "warn"` (the default is to refuse).
 */
export function actValidity(manifest: ProgramManifest, date: string): ActValidity {
  const v = withinValidity(manifest.validity, date);
  if (v.within) return { allowed: true, reason: undefined };
  return { allowed: manifest.validity.outside === 'warn', reason: v.reason };
}
