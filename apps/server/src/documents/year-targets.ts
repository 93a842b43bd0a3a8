// The targets a year's documents are checked against: the published ones in the database
// (what the form and the submission check use), else the programme's shipped file. The same
// object is handed out until staff publish again, so core's per-targets schema cache (keyed by
// the object) compiles the year's schema once, not on every document.

import type { Database } from '@shenbao/store';
import { getTargets } from '@shenbao/store';
import type { LoadedProgram } from '../program-registry';

export class YearTargets {
  private readonly cache = new Map<string, { stamp: string; targets: unknown }>();

  constructor(private readonly db: Database) {}

  /** Undefined when the year has neither published targets nor a targets file. */
  async get(lp: LoadedProgram, year: number): Promise<unknown> {
    const record = await getTargets(this.db, lp.program.id, year);
    if (!record || record.published === null) return lp.program.targets(year);
    const key = `${lp.program.id}@${year}`;
    const stamp = `${record.version}:${record.publishedAt ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.targets;
    this.cache.set(key, { stamp, targets: record.published });
    return record.published;
  }
}
