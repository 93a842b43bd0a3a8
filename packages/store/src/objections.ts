/**
 * 公示 objections (异议): recorded by staff with who raised it, when and what; decided once,
 * upheld or dismissed, with a reason. A second decision is a conflict the caller reports, not
 * an exception.
 */
import { iso, isoOrNull, num, strOrNull } from './rows';
import { serialId } from './serial';
import type { ObjectionCounts, ObjectionDecision, ObjectionRecord, Queryable } from './types';

// Dates leave the database as text: node-postgres would turn a date into a local-midnight Date.
const COLUMNS = `id::text AS id, application_id, raised_by, raised_at::text AS raised_at, content, decision,
  decision_reason, decided_by, decided_at, recorded_by, recorded_at`;

function toObjection(r: Record<string, unknown>): ObjectionRecord {
  return {
    id: String(r.id),
    applicationId: String(r.application_id),
    raisedBy: String(r.raised_by),
    raisedAt: String(r.raised_at),
    content: String(r.content),
    decision: strOrNull(r.decision) as ObjectionDecision | null,
    decisionReason: strOrNull(r.decision_reason),
    decidedBy: strOrNull(r.decided_by),
    decidedAt: isoOrNull(r.decided_at),
    recordedBy: strOrNull(r.recorded_by),
    recordedAt: iso(r.recorded_at),
  };
}

export interface NewObjection {
  applicationId: string;
  raisedBy: string;
  /** YYYY-MM-DD */
  raisedAt: string;
  content: string;
  /** The staff member recording it. */
  userId: string | null;
}

export async function addObjection(q: Queryable, o: NewObjection): Promise<ObjectionRecord> {
  const [row] = await q.query(
    `INSERT INTO objections (application_id, raised_by, raised_at, content, recorded_by)
     VALUES ($1, $2, $3::date, $4, $5) RETURNING ${COLUMNS}`,
    [o.applicationId, o.raisedBy, o.raisedAt, o.content, o.userId],
  );
  if (!row) throw new Error('addObjection: INSERT 未返回记录');
  return toObjection(row);
}

export async function getObjection(q: Queryable, id: string | number): Promise<ObjectionRecord | undefined> {
  const key = serialId(id);
  if (key === undefined) return undefined;
  const [row] = await q.query(`SELECT ${COLUMNS} FROM objections WHERE id = $1`, [key]);
  return row ? toObjection(row) : undefined;
}

export type DecideObjectionResult =
  | { ok: true; record: ObjectionRecord }
  | { ok: false; conflict: 'decided'; current: ObjectionRecord };

/**
 * Decides an open objection. One already decided comes back as a conflict with its decision
 * (it is not changed); undefined when there is no such objection.
 */
export async function decideObjection(
  q: Queryable,
  d: { id: string | number; decision: ObjectionDecision; reason: string; userId: string | null },
): Promise<DecideObjectionResult | undefined> {
  const key = serialId(d.id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `UPDATE objections SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = now()
      WHERE id = $1 AND decision IS NULL RETURNING ${COLUMNS}`,
    [key, d.decision, d.reason, d.userId],
  );
  if (row) return { ok: true, record: toObjection(row) };
  const current = await getObjection(q, key);
  return current ? { ok: false, conflict: 'decided', current } : undefined;
}

/** An application's objections in the order they were recorded. */
export async function listObjections(q: Queryable, applicationId: string): Promise<ObjectionRecord[]> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM objections WHERE application_id = $1 ORDER BY id`, [
    applicationId,
  ]);
  return rows.map(toObjection);
}

/** How many of an application's objections are open, upheld and dismissed. */
export async function countObjections(q: Queryable, applicationId: string): Promise<ObjectionCounts> {
  const [row] = await q.query(
    `SELECT count(*) FILTER (WHERE decision IS NULL) AS open,
            count(*) FILTER (WHERE decision = 'upheld') AS upheld,
            count(*) FILTER (WHERE decision = 'dismissed') AS dismissed
       FROM objections WHERE application_id = $1`,
    [applicationId],
  );
  return { open: num(row?.open ?? 0), upheld: num(row?.upheld ?? 0), dismissed: num(row?.dismissed ?? 0) };
}
