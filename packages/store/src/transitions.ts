/**
 * An application's timeline: every transition taken, with who took it in which procedure role,
 * what was recorded and the reason given. The state itself moves with `setApplicationState`
 * (applications.ts), in the same transaction as the row written here.
 */
import { iso, json, strOrNull } from './rows';
import type { Queryable, TransitionRecord } from './types';

const COLUMNS = `t.id::text AS id, t.application_id, t.transition, t.from_state, t.to_state, t.actor_id,
  u.name AS actor_name, t.actor_role, t.record, t.reason, t.at`;

function toTransition(r: Record<string, unknown>): TransitionRecord {
  return {
    id: String(r.id),
    applicationId: String(r.application_id),
    transition: String(r.transition),
    from: String(r.from_state),
    to: String(r.to_state),
    actorId: strOrNull(r.actor_id),
    actorName: strOrNull(r.actor_name),
    actorRole: String(r.actor_role),
    record: r.record ?? null,
    reason: strOrNull(r.reason),
    at: iso(r.at),
  };
}

export interface NewTransition {
  applicationId: string;
  transition: string;
  from: string;
  to: string;
  /** null for the scheduler. */
  actorId: string | null;
  actorRole: string;
  record?: unknown;
  reason?: string | null;
  /** When it happened by the business clock (ISO); default the database's now(). */
  at?: string;
}

export async function recordTransition(q: Queryable, t: NewTransition): Promise<TransitionRecord> {
  const [row] = await q.query(
    `WITH t AS (
       INSERT INTO transitions (application_id, transition, from_state, to_state, actor_id, actor_role, record, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, coalesce($9::timestamptz, now())) RETURNING *
     ) SELECT ${COLUMNS} FROM t LEFT JOIN users u ON u.id = t.actor_id`,
    [
      t.applicationId,
      t.transition,
      t.from,
      t.to,
      t.actorId,
      t.actorRole,
      json(t.record ?? undefined),
      t.reason ?? null,
      t.at ?? null,
    ],
  );
  if (!row) throw new Error('recordTransition: INSERT 未返回记录');
  return toTransition(row);
}

/** An application's timeline, oldest first. */
export async function listTransitions(q: Queryable, applicationId: string): Promise<TransitionRecord[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM transitions t LEFT JOIN users u ON u.id = t.actor_id
      WHERE t.application_id = $1 ORDER BY t.id`,
    [applicationId],
  );
  return rows.map(toTransition);
}
