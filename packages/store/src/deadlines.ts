/**
 * Deadlines: due instants set when an application enters a state (the end of 公示), acted on by
 * the scheduler. They live in the database, not in timers, so a deadline that passes while the
 * server is stopped is acted on at the next start — once, even with several server processes:
 * the scheduler takes due rows with `listDueDeadlines` (row locks, SKIP LOCKED) and marks them
 * done in the same transaction.
 */
import { iso, isoOrNull, num, strOrNull } from './rows';
import { serialId } from './serial';
import type { DeadlineRecord, OpenDeadline, Queryable } from './types';

const COLUMNS = `d.id::text AS id, d.application_id, d.state, d.transition, d.due_at, d.note, d.article,
  d.created_at, d.done_at, d.outcome, d.attempts, d.last_error`;

function toDeadline(r: Record<string, unknown>): DeadlineRecord {
  return {
    id: String(r.id),
    applicationId: String(r.application_id),
    state: String(r.state),
    transition: String(r.transition),
    due: iso(r.due_at),
    note: String(r.note),
    article: strOrNull(r.article),
    createdAt: iso(r.created_at),
    doneAt: isoOrNull(r.done_at),
    outcome: strOrNull(r.outcome),
    attempts: num(r.attempts),
    lastError: strOrNull(r.last_error),
  };
}

/** What `clearOpenDeadlines` records as the outcome unless told otherwise. */
export const CLEARED = 'cleared';

export interface NewDeadline {
  applicationId: string;
  state: string;
  transition: string;
  /** ISO 8601 instant. */
  due: string;
  note?: string;
  article?: string | null;
}

export async function addDeadline(q: Queryable, d: NewDeadline): Promise<DeadlineRecord> {
  const [row] = await q.query(
    `INSERT INTO deadlines AS d (application_id, state, transition, due_at, note, article)
     VALUES ($1, $2, $3, $4::timestamptz, $5, $6) RETURNING ${COLUMNS}`,
    [d.applicationId, d.state, d.transition, d.due, d.note ?? '', d.article ?? null],
  );
  if (!row) throw new Error('addDeadline: INSERT 未返回记录');
  return toDeadline(row);
}

/**
 * Ends an application's open deadlines (it left their state): they are kept, done, with
 * `outcome`. Returns those it ended.
 */
export async function clearOpenDeadlines(
  q: Queryable,
  applicationId: string,
  outcome: string = CLEARED,
): Promise<DeadlineRecord[]> {
  const rows = await q.query(
    `UPDATE deadlines AS d SET done_at = now(), outcome = $2
      WHERE d.application_id = $1 AND d.done_at IS NULL RETURNING ${COLUMNS}`,
    [applicationId, outcome],
  );
  return rows.map(toDeadline).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/** An application's deadlines, open and done, in the order they were set. */
export async function listDeadlines(q: Queryable, applicationId: string): Promise<DeadlineRecord[]> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM deadlines d WHERE d.application_id = $1 ORDER BY d.id`, [
    applicationId,
  ]);
  return rows.map(toDeadline);
}

/**
 * The open deadlines due at `now` (default: the database's clock), locked until the caller's
 * transaction ends; rows another transaction holds are skipped, not waited for, so two
 * schedulers take disjoint sets. Call it inside `db.transaction` and end each deadline there
 * (`completeDeadline` or `failDeadline`). The least-tried come first, so deadlines whose guard
 * keeps failing (an objection still open at the end of 公示) cannot starve the others.
 */
export async function listDueDeadlines(
  q: Queryable,
  opts: { now?: string | Date; limit: number },
): Promise<DeadlineRecord[]> {
  const now = opts.now === undefined ? null : opts.now instanceof Date ? opts.now.toISOString() : opts.now;
  const limit = Math.max(1, Math.floor(opts.limit));
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM deadlines d
      WHERE d.done_at IS NULL AND d.due_at <= coalesce($1::timestamptz, now())
      ORDER BY d.attempts, d.due_at, d.id
      LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows.map(toDeadline);
}

/** Marks an open deadline done; undefined when there is none with that id or it is already done. */
export async function completeDeadline(
  q: Queryable,
  id: string | number,
  outcome: string,
): Promise<DeadlineRecord | undefined> {
  const key = serialId(id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `UPDATE deadlines AS d SET done_at = now(), outcome = $2
      WHERE d.id = $1 AND d.done_at IS NULL RETURNING ${COLUMNS}`,
    [key, outcome],
  );
  return row ? toDeadline(row) : undefined;
}

/**
 * Records a failed attempt on an open deadline (it stays open and due, shown as overdue):
 * one more attempt and the error. Undefined when there is no such open deadline.
 */
export async function failDeadline(
  q: Queryable,
  id: string | number,
  error: string,
): Promise<DeadlineRecord | undefined> {
  const key = serialId(id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `UPDATE deadlines AS d SET attempts = d.attempts + 1, last_error = $2
      WHERE d.id = $1 AND d.done_at IS NULL RETURNING ${COLUMNS}`,
    [key, error],
  );
  return row ? toDeadline(row) : undefined;
}

/**
 * A programme's open deadlines, soonest first, with their applications (the "what is due"
 * list). `year` narrows to one year's applications; `dueBefore` to those due by then.
 */
export async function listOpenDeadlines(
  q: Queryable,
  f: { programId: string; year?: number; dueBefore?: string | Date; limit?: number },
): Promise<OpenDeadline[]> {
  const dueBefore = f.dueBefore instanceof Date ? f.dueBefore.toISOString() : (f.dueBefore ?? null);
  const limit = Math.min(1000, Math.max(1, Math.floor(f.limit ?? 200)));
  const rows = await q.query(
    `SELECT ${COLUMNS}, a.program_id, a.year, a.title, a.receipt_no, a.state AS application_state,
            o.name AS org_name
       FROM deadlines d JOIN applications a ON a.id = d.application_id
       JOIN organizations o ON o.id = a.org_id
      WHERE d.done_at IS NULL AND a.program_id = $1 AND ($2::integer IS NULL OR a.year = $2)
        AND ($3::timestamptz IS NULL OR d.due_at <= $3::timestamptz)
      ORDER BY d.due_at, d.id LIMIT $4`,
    [f.programId, f.year ?? null, dueBefore, limit],
  );
  return rows.map((r) => ({
    ...toDeadline(r),
    programId: String(r.program_id),
    year: num(r.year),
    title: String(r.title),
    orgName: String(r.org_name),
    receiptNo: strOrNull(r.receipt_no),
    applicationState: String(r.application_state),
  }));
}
