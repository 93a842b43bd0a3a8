// The targets a year's documents are checked against: the published ones in the database
// (what the form and the submission check use), else the programme's shipped file. The same
// object is handed out until staff publish again, so core's per-targets schema cache (keyed by
// the object) compiles the year's schema once, not on every document.

import type { Database } from '@shenbao/store';
import { getTargets } from '@shenbao/store';
import type { LoadedProgram } from '../program-registry';

export interface YearTargetsValue {
  /** The targets, or undefined when the year has neither published targets nor a targets file. */
  targets: unknown;
  /** Changes whenever the targets do (a key for caching what was decided with them). */
  stamp: string;
}

export class YearTargets {
  private readonly cache = new Map<string, YearTargetsValue>();

  constructor(private readonly db: Database) {}

  async get(lp: LoadedProgram, year: number): Promise<YearTargetsValue> {
    const record = await getTargets(this.db, lp.program.id, year);
    if (!record || record.published === null) return { targets: lp.program.targets(year), stamp: 'file' };
    const key = `${lp.program.id}@${year}`;
    const stamp = `v${record.version}:${record.publishedAt ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit;
    const value = { targets: record.published, stamp };
    this.cache.set(key, value);
    return value;
  }
}
