// Whether an application's data passes its year's checks decides how its documents print
// (blanks as ____ in a draft) and whether a submitted one may print at all. The answer only
// changes with the data (its version) or the targets, so it is kept for the next download:
// validating a full application costs milliseconds of the request thread, rendering does not.

import type { ApplicationRecord } from '@shenbao/store';
import type { LoadedProgram } from '../program-registry';
import type { YearTargetsValue } from './year-targets';

export interface Validity {
  valid: boolean;
  reasons: { path: string; message: string }[];
}

export class ValidityCache {
  private readonly entries = new Map<string, Validity>();

  constructor(private readonly capacity = 1000) {}

  check(lp: LoadedProgram, application: ApplicationRecord, year: YearTargetsValue): Validity {
    const key = `${application.id}\u0000${application.version}\u0000${year.stamp}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const result = lp.program.validate({ form: application.form, targets: year.targets }, application.data);
    const validity = {
      valid: result.valid,
      reasons: result.errors.map((e) => ({ path: e.path, message: e.message })),
    };
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, validity);
    return validity;
  }
}
