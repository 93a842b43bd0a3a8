/**
 * At start, every year in a programme's `targets.files` that the database lacks is inserted as
 * published, audited with the actor `system`. A year already in the database is left alone:
 * staff edits there win over the shipped file. Safe when several processes start at once.
 */
import { appendAudit, type Database, seedPublishedTargets } from '@shenbao/store';
import type { ProgramRegistry } from './program-registry';

export async function seedTargets(db: Database, programs: ProgramRegistry): Promise<string[]> {
  const seeded: string[] = [];
  for (const [pid, { program }] of programs) {
    for (const year of program.targetYears()) {
      const data = program.targets(year);
      if (data === undefined) continue;
      const inserted = await db.transaction(async (tx) => {
        if (!(await seedPublishedTargets(tx, pid, year, data))) return false;
        await appendAudit(tx, {
          actorId: null,
          actorRole: 'system',
          ip: null,
          entity: 'targets',
          entityId: `${pid}/${year}`,
          action: 'seed',
          patch: [{ op: 'add', path: '/published', value: data }],
        });
        return true;
      });
      if (inserted) seeded.push(`${pid}/${year}`);
    }
  }
  return seeded;
}
