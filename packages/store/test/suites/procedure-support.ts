/** An application to hang procedure records on, in a programme of its own when asked. */
import { type ApplicationRecord, createApplication, type Database, type Organization } from '../../src/index';

export async function newApplication(
  db: Database,
  org: Organization,
  over: Partial<{ programId: string; year: number; title: string }> = {},
): Promise<ApplicationRecord> {
  const r = await createApplication(db, {
    programId: over.programId ?? 'ai-innovation-center',
    form: 'application',
    year: over.year ?? 2026,
    orgId: org.id,
    data: {},
    title: over.title ?? `${org.name}申请书`,
    town: '松山湖',
    userId: null,
  });
  if (!r.ok) throw new Error('application not created');
  return r.value;
}
