/**
 * Puts an application straight into the Dongguan procedure's `recognised` state, as the 认定
 * transition leaves it (state, and the timeline row whose record names brand, operator and date):
 * what tests of centres and notices start from without walking the whole procedure.
 */
import { type Queryable, recordTransition, setApplicationState } from '../../packages/store/src/index';

export async function recogniseInStore(
  db: Queryable,
  application: { id: string; version: number },
  r: { brand: string; operator: string; date: string; receiptNo?: string; submittedAt?: string },
): Promise<void> {
  const moved = await setApplicationState(db, {
    id: application.id,
    version: application.version,
    state: 'recognised',
    ...(r.receiptNo === undefined ? {} : { receiptNo: r.receiptNo }),
    ...(r.submittedAt === undefined ? {} : { submittedAt: r.submittedAt }),
    userId: null,
  });
  if (!moved?.ok) throw new Error('recogniseInStore: the application was not moved to recognised');
  await recordTransition(db, {
    applicationId: application.id,
    transition: 'recognise',
    from: 'approval',
    to: 'recognised',
    actorId: null,
    actorRole: 'bureau',
    record: { brand: r.brand, operator: r.operator, date: r.date },
  });
}
