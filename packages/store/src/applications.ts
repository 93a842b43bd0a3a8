/**
 * Applications (申报): one per organisation, programme, form and year; every write carries the
 * version it was based on, so no one's work is silently overwritten.
 */
import { randomUUID } from 'node:crypto';
import { iso, isoOrNull, json, num, strOrNull } from './rows';
import type {
  ApplicationFilter,
  ApplicationRecord,
  ApplicationSort,
  ApplicationSummary,
  AuditInput,
  Page,
  Queryable,
  SavedVersion,
  User,
  VersionedWrite,
} from './types';
import { toUser, userColumnsOf } from './users';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const SUMMARY_COLUMNS = `a.id, a.program_id, a.form, a.year, a.org_id, o.name AS org_name, o.uscc AS org_uscc,
  a.state, a.version, a.receipt_no, a.submitted_at, a.title, a.town, a.created_at, a.updated_at`;

function toSummary(r: Record<string, unknown>): ApplicationSummary {
  return {
    id: String(r.id),
    programId: String(r.program_id),
    form: String(r.form),
    year: num(r.year),
    orgId: String(r.org_id),
    orgName: String(r.org_name),
    orgUscc: String(r.org_uscc),
    state: String(r.state),
    version: num(r.version),
    receiptNo: strOrNull(r.receipt_no),
    submittedAt: isoOrNull(r.submitted_at),
    title: String(r.title),
    town: strOrNull(r.town),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toRecord(r: Record<string, unknown>): ApplicationRecord {
  return { ...toSummary(r), data: r.data };
}

/** Runs a statement on `applications a` that returns whole rows, joined with the organisation. */
async function joined(q: Queryable, cte: string, params: readonly unknown[]): Promise<ApplicationRecord[]> {
  const rows = await q.query(
    `WITH a AS (${cte}) SELECT ${SUMMARY_COLUMNS}, a.data FROM a JOIN organizations o ON o.id = a.org_id`,
    params,
  );
  return rows.map(toRecord);
}

export interface NewApplication {
  programId: string;
  form: string;
  year: number;
  orgId: string;
  data: unknown;
  title: string;
  town: string | null;
  userId: string | null;
}

export type CreateApplicationResult =
  | { ok: true; value: ApplicationRecord }
  | { ok: false; conflict: 'exists'; existingId: string };

/** A new draft; the organisation's existing one for that programme, form and year is a conflict. */
export async function createApplication(q: Queryable, a: NewApplication): Promise<CreateApplicationResult> {
  const [created] = await joined(
    q,
    `INSERT INTO applications (id, program_id, form, year, org_id, data, title, town, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
     ON CONFLICT (org_id, program_id, form, year) DO NOTHING RETURNING *`,
    [randomUUID(), a.programId, a.form, a.year, a.orgId, json(a.data), a.title, a.town, a.userId],
  );
  if (created) return { ok: true, value: created };
  const [existing] = await q.query<{ id: string }>(
    'SELECT id FROM applications WHERE org_id = $1 AND program_id = $2 AND form = $3 AND year = $4',
    [a.orgId, a.programId, a.form, a.year],
  );
  if (!existing) throw new Error('createApplication: 冲突的申报已不存在');
  return { ok: false, conflict: 'exists', existingId: existing.id };
}

export async function getApplication(q: Queryable, id: string): Promise<ApplicationRecord | undefined> {
  const [row] = await joined(q, 'SELECT * FROM applications WHERE id = $1', [id]);
  return row;
}

/** The columns a list may be sorted by, as the API names them (a whitelist: never SQL from a caller). */
export const APPLICATION_SORTS: readonly ApplicationSort[] = [
  'updated_at',
  'submitted_at',
  'receipt_no',
  'title',
  'town',
  'state',
];

// Text sorts compare code points (COLLATE "C") so both backends order alike whatever the
// cluster's locale; the indexes of 0005_lists.sql are built the same way.
const SORT_SQL: Record<ApplicationSort, string> = {
  updated_at: 'a.updated_at',
  submitted_at: 'a.submitted_at',
  receipt_no: 'a.receipt_no COLLATE "C"',
  title: 'a.title COLLATE "C"',
  town: 'a.town COLLATE "C"',
  state: 'a.state COLLATE "C"',
};

/**
 * ORDER BY for a filter: the chosen column, then the id in the same direction, so a page is the
 * same page on every request and one index (0005_lists.sql) serves both directions. Empty values
 * sort as the greatest (last ascending, first descending). `state` follows `stateOrder` (the
 * procedure's order) when given.
 */
function orderBy(filter: ApplicationFilter, p: (v: unknown) => string): string {
  // The bureau's side (which never sees drafts) defaults to the newest submission first, from
  // its index; an applicant's few applications to the newest change.
  const sort: ApplicationSort =
    filter.sort && Object.hasOwn(SORT_SQL, filter.sort)
      ? filter.sort
      : filter.excludeStates?.length
        ? 'submitted_at'
        : 'updated_at';
  const timed = sort === 'updated_at' || sort === 'submitted_at';
  const dir = (
    filter.order === 'asc' || filter.order === 'desc' ? filter.order : timed ? 'desc' : 'asc'
  ).toUpperCase();
  const column =
    sort === 'state' && filter.stateOrder?.length
      ? `array_position(${p([...filter.stateOrder])}::text[], a.state)`
      : SORT_SQL[sort];
  return `ORDER BY ${column} ${dir}, a.id ${dir}`;
}

/**
 * The FROM … WHERE of a filter and its parameters. Free text matches literally (strpos, not
 * LIKE), so `%`, `_` and `\` match themselves; every value is a parameter.
 */
function filtered(filter: ApplicationFilter, o: { withState: boolean }) {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.programId !== undefined) where.push(`a.program_id = ${p(filter.programId)}`);
  if (filter.year !== undefined) where.push(`a.year = ${p(filter.year)}`);
  if (o.withState && filter.state !== undefined) where.push(`a.state = ${p(filter.state)}`);
  if (filter.excludeStates?.length) where.push(`NOT (a.state = ANY(${p(filter.excludeStates)}::text[]))`);
  if (filter.town !== undefined) where.push(`a.town = ${p(filter.town)}`);
  if (filter.orgId !== undefined) where.push(`a.org_id = ${p(filter.orgId)}`);
  if (filter.reviewerId !== undefined)
    where.push(
      `EXISTS (SELECT 1 FROM review_assignments r WHERE r.application_id = a.id AND r.user_id = ${p(filter.reviewerId)})`,
    );
  if (filter.programs !== undefined && !filter.programs.includes('*'))
    where.push(`a.program_id = ANY(${p(filter.programs)}::text[])`);
  const text = filter.q?.trim();
  if (text) {
    const needle = p(text.toLowerCase());
    where.push(
      `(strpos(lower(a.title), ${needle}) > 0 OR strpos(lower(o.name), ${needle}) > 0
        OR strpos(lower(o.uscc), ${needle}) > 0 OR strpos(lower(coalesce(a.receipt_no, '')), ${needle}) > 0)`,
    );
  }
  const cond = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const from = `FROM applications a JOIN organizations o ON o.id = a.org_id${cond}`;
  // Counting and ordering need the organisation only to match text against its name (every application
  // has exactly one): without text, counts read the applications alone.
  const leanFrom = text ? from : `FROM applications a${cond}`;
  return { from, leanFrom, params, p };
}

/** A page of summaries, sorted as the filter says (default: newest submission first on the bureau's side, newest change first otherwise), with the total. */
export async function listApplications(
  q: Queryable,
  filter: ApplicationFilter,
): Promise<Page<ApplicationSummary>> {
  const { from, leanFrom, params, p } = filtered(filter, { withState: true });
  const pageSize = clampInt(filter.pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const page = clampInt(filter.page, 1, 1, Number.MAX_SAFE_INTEGER);
  const [count] = await q.query<{ n: unknown }>(`SELECT count(*) AS n ${leanFrom}`, params);
  const rows = await q.query(
    `SELECT ${SUMMARY_COLUMNS} ${from} ${orderBy(filter, p)}
     LIMIT ${pageSize} OFFSET ${p((page - 1) * pageSize)}`,
    params,
  );
  return { items: rows.map(toSummary), total: num(count?.n ?? 0), page, pageSize };
}

/**
 * How many applications the filter finds in each state, leaving out the filter's own `state`
 * (what a list's state tabs show: 待形式审查 12 · 征求意见 3 …). One GROUP BY; states with none are absent.
 */
export async function countApplicationsByState(
  q: Queryable,
  filter: ApplicationFilter,
): Promise<Record<string, number>> {
  const { leanFrom, params } = filtered(filter, { withState: false });
  const rows = await q.query<{ state: string; n: unknown }>(
    `SELECT a.state, count(*) AS n ${leanFrom} GROUP BY a.state`,
    params,
  );
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.state)] = num(r.n);
  return out;
}

/**
 * Every summary the filter finds, in its order, `batchSize` at a time (an export of any size):
 * the ids are read in one statement, then the rows batch by batch, so memory holds one batch.
 * A row changed meanwhile comes as it is when its batch is read; one deleted is left out.
 */
export async function* iterateApplications(
  q: Queryable,
  filter: ApplicationFilter,
  batchSize = 500,
): AsyncGenerator<ApplicationSummary[]> {
  const { leanFrom, params, p } = filtered(filter, { withState: true });
  // Sorting needs no organisation column: the ids come from the applications alone unless text is matched.
  const ids = (await q.query<{ id: string }>(`SELECT a.id ${leanFrom} ${orderBy(filter, p)}`, params)).map(
    (r) => String(r.id),
  );
  const size = Math.max(1, Math.floor(batchSize));
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    const rows = await q.query(
      `SELECT ${SUMMARY_COLUMNS} FROM applications a JOIN organizations o ON o.id = a.org_id
        WHERE a.id = ANY($1::text[])`,
      [chunk],
    );
    const byId = new Map(rows.map((r) => [String(r.id), toSummary(r)]));
    yield chunk.flatMap((id) => byId.get(id) ?? []);
  }
}

function clampInt(v: number | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(v)));
}

/** The current record after a write that matched no row (stale version), or undefined when gone. */
async function staleOrMissing(
  q: Queryable,
  id: string,
): Promise<VersionedWrite<ApplicationRecord> | undefined> {
  const current = await getApplication(q, id);
  return current ? { ok: false, current } : undefined;
}

/** One draft save: the data, the version it is based on, and what the row must be. */
export interface DraftSave {
  id: string;
  version: number;
  data: unknown;
  title: string;
  town: string | null;
  userId: string | null;
  /** The row must belong to this organisation. */
  orgId?: string;
  /** The row must be in one of these states. */
  states?: readonly string[];
  /** Written with the save, in the same statement. */
  audit?: Pick<AuditInput, 'actorId' | 'actorRole' | 'ip' | 'action' | 'patch'>;
}

/** Separates state ids inside one text value (they are identifiers; never contain it). */
const STATE_SEPARATOR = '\u001f';

/**
 * Saves several drafts in ONE statement (one round trip, one implicit transaction, one commit):
 * each row is updated when its version, organisation and state match, and its audit entry is
 * written by the same statement, so an entry exists exactly when its save does. The result has
 * one element per save, in order: the new version, or undefined when the row did not match
 * (stale, not its own, read-only or gone — the caller reads the row to say which). The same
 * application twice in one batch: one of the two is saved, the other is stale.
 */
export async function saveDrafts(
  q: Queryable,
  saves: readonly DraftSave[],
): Promise<(SavedVersion | undefined)[]> {
  if (saves.length === 0) return [];
  const col = <T>(f: (s: DraftSave, n: number) => T): T[] => saves.map((s, n) => f(s, n));
  const rows = await q.query(
    `WITH i AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[])
         AS i(id, version, data, title, town, user_id, org_id, states, actor_id, actor_role, ip, action, patch, n)
     ), upd AS (
       UPDATE applications a SET data = i.data::jsonb, title = i.title, town = i.town, updated_by = i.user_id,
         version = a.version + 1, updated_at = now()
       FROM i
       WHERE a.id = i.id AND a.version = i.version AND (i.org_id IS NULL OR a.org_id = i.org_id)
         AND (i.states IS NULL OR a.state = ANY(string_to_array(i.states, E'\\x1f')))
       RETURNING a.id, a.version, a.updated_at, i.n
     ), log AS (
       INSERT INTO audit_log (actor_id, actor_role, ip, entity, entity_id, action, patch)
       SELECT i.actor_id, i.actor_role, i.ip, 'application', upd.id, i.action, i.patch::jsonb
         FROM upd JOIN i ON i.n = upd.n WHERE i.action IS NOT NULL
     )
     SELECT id, version, updated_at, n FROM upd`,
    [
      col((s) => s.id),
      col((s) => s.version),
      col((s) => json(s.data)),
      col((s) => s.title),
      col((s) => s.town),
      col((s) => s.userId),
      col((s) => s.orgId ?? null),
      col((s) => (s.states ? s.states.join(STATE_SEPARATOR) : null)),
      col((s) => s.audit?.actorId ?? null),
      col((s) => s.audit?.actorRole ?? null),
      col((s) => s.audit?.ip ?? null),
      col((s) => s.audit?.action ?? null),
      col((s) => (s.audit?.patch == null ? null : json(s.audit.patch))),
      col((_, n) => n),
    ],
  );
  const out: (SavedVersion | undefined)[] = saves.map(() => undefined);
  for (const row of rows)
    out[Number(row.n)] = { id: String(row.id), version: Number(row.version), updatedAt: iso(row.updated_at) };
  return out;
}

/**
 * Saves one draft's data (see `saveDrafts`); undefined when there is no such application. When
 * no row matches, the current record comes back so the caller can say why.
 */
export async function saveApplicationData(
  q: Queryable,
  w: DraftSave,
): Promise<{ ok: true; record: SavedVersion } | { ok: false; current: ApplicationRecord } | undefined> {
  // Only the new version comes back: returning the whole record (its data again, joined with
  // the organisation) doubled PostgreSQL's work per autosave in the server benchmark.
  const [saved] = await saveDrafts(q, [w]);
  return saved ? { ok: true, record: saved } : staleOrMissing(q, w.id);
}

/**
 * Moves an application to another state. `receiptNo` and `submittedAt`: a value sets the
 * column, null clears it, undefined leaves it. Undefined when there is no such application.
 */
export async function setApplicationState(
  q: Queryable,
  w: {
    id: string;
    version: number;
    state: string;
    receiptNo?: string | null;
    submittedAt?: string | null;
    userId: string | null;
  },
): Promise<VersionedWrite<ApplicationRecord> | undefined> {
  const [record] = await joined(
    q,
    `UPDATE applications SET state = $3,
       receipt_no = CASE WHEN $4::boolean THEN $5 ELSE receipt_no END,
       submitted_at = CASE WHEN $6::boolean THEN $7::timestamptz ELSE submitted_at END,
       updated_by = $8, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING *`,
    [
      w.id,
      w.version,
      w.state,
      w.receiptNo !== undefined,
      w.receiptNo ?? null,
      w.submittedAt !== undefined,
      w.submittedAt ?? null,
      w.userId,
    ],
  );
  return record ? { ok: true, record } : staleOrMissing(q, w.id);
}

/**
 * The next 申报编号 of a programme's year, e.g. `DGAI-2026-0001`. The counter row is locked
 * until the caller's transaction ends, and rolls back with it: numbers are gap-free when it is
 * called in the transaction that stores the number.
 */
export async function nextReceiptNo(
  q: Queryable,
  programId: string,
  year: number,
  prefix: string,
): Promise<string> {
  const [row] = await q.query(
    `INSERT INTO receipt_counters AS c (program_id, year, next) VALUES ($1, $2, 2)
     ON CONFLICT (program_id, year) DO UPDATE SET next = c.next + 1
     RETURNING next - 1 AS n`,
    [programId, year],
  );
  return `${prefix}-${year}-${String(num(row?.n)).padStart(4, '0')}`;
}

/** Assigns a reviewer; false when already assigned. */
export async function assignReviewer(
  q: Queryable,
  appId: string,
  userId: string,
  by: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO review_assignments (application_id, user_id, assigned_by) VALUES ($1, $2, $3)
     ON CONFLICT (application_id, user_id) DO NOTHING RETURNING 1 AS x`,
    [appId, userId, by],
  );
  return rows.length > 0;
}

/** An application's assigned reviewers, in the order they were assigned, with whether each has submitted a review. */
export async function listAssignedReviewers(
  q: Queryable,
  appId: string,
): Promise<{ user: User; assignedAt: string; reviewed: boolean }[]> {
  const rows = await q.query(
    `SELECT ${userColumnsOf('u')}, a.assigned_at, (r.reviewer_id IS NOT NULL) AS reviewed
       FROM review_assignments a
       JOIN users u ON u.id = a.user_id
       LEFT JOIN reviews r ON r.application_id = a.application_id AND r.reviewer_id = a.user_id
      WHERE a.application_id = $1
      ORDER BY a.assigned_at, u.login`,
    [appId],
  );
  return rows.map((r) => ({
    user: toUser(r),
    assignedAt: iso(r.assigned_at),
    reviewed: r.reviewed === true,
  }));
}

/**
 * Withdraws a reviewer's assignment while no review of theirs is in: 'removed', 'reviewed'
 * (their review stands, so the assignment does) or 'absent'.
 */
export async function unassignReviewer(
  q: Queryable,
  appId: string,
  userId: string,
): Promise<'removed' | 'reviewed' | 'absent'> {
  const rows = await q.query(
    `DELETE FROM review_assignments a
      WHERE a.application_id = $1 AND a.user_id = $2
        AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.application_id = $1 AND r.reviewer_id = $2)
      RETURNING 1 AS x`,
    [appId, userId],
  );
  if (rows.length > 0) return 'removed';
  return (await isAssigned(q, appId, userId)) ? 'reviewed' : 'absent';
}

export async function isAssigned(q: Queryable, appId: string, userId: string): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 AS x FROM review_assignments WHERE application_id = $1 AND user_id = $2',
    [appId, userId],
  );
  return rows.length > 0;
}
