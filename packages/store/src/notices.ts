/**
 * Notices (公示, 认定名单通知 …): drafts staff edit (versioned like applications), published once
 * with their data and HTML frozen, corrected by a new notice that supersedes the old one. The
 * source rows a notice's entries are made from are read here too (applications of a year in
 * given states, with the latest record of the transitions the notice reads).
 */
import { iso, isoOrNull, json, num, strOrNull } from './rows';
import { serialId } from './serial';
import type { NoticeListItem, NoticeRecord, NoticeState, Queryable } from './types';

const LIST_COLUMNS = `id::text AS id, program_id, document_id, year, title, summary, state, version,
  supersedes::text AS supersedes, superseded_by::text AS superseded_by, created_by, created_at, updated_at,
  published_by, published_at`;
const COLUMNS = `${LIST_COLUMNS}, data, html`;

function toListItem(r: Record<string, unknown>): NoticeListItem {
  return {
    id: String(r.id),
    programId: String(r.program_id),
    documentId: String(r.document_id),
    year: num(r.year),
    title: String(r.title),
    summary: (r.summary ?? {}) as Record<string, unknown>,
    state: String(r.state) as NoticeState,
    version: num(r.version),
    supersedes: strOrNull(r.supersedes),
    supersededBy: strOrNull(r.superseded_by),
    createdBy: strOrNull(r.created_by),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    publishedBy: strOrNull(r.published_by),
    publishedAt: isoOrNull(r.published_at),
  };
}

function toRecord(r: Record<string, unknown>): NoticeRecord {
  return { ...toListItem(r), data: r.data, html: strOrNull(r.html) };
}

export interface NewNotice {
  programId: string;
  documentId: string;
  year: number;
  title: string;
  data: unknown;
  summary: Record<string, unknown>;
  userId: string | null;
}

export async function createNotice(q: Queryable, n: NewNotice): Promise<NoticeRecord> {
  const [row] = await q.query(
    `INSERT INTO notices (program_id, document_id, year, title, data, summary, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING ${COLUMNS}`,
    [n.programId, n.documentId, n.year, n.title, json(n.data), json(n.summary), n.userId],
  );
  if (!row) throw new Error('createNotice: INSERT 未返回记录');
  return toRecord(row);
}

export async function getNotice(q: Queryable, id: string | number): Promise<NoticeRecord | undefined> {
  const key = serialId(id);
  if (key === undefined) return undefined;
  const [row] = await q.query(`SELECT ${COLUMNS} FROM notices WHERE id = $1`, [key]);
  return row ? toRecord(row) : undefined;
}

/** A programme's notices (of a year when given), newest first; `programs` limits to those (`*` = all). */
export async function listNotices(
  q: Queryable,
  f: {
    programId?: string;
    year?: number;
    documentId?: string;
    state?: NoticeState;
    programs?: readonly string[];
  },
): Promise<NoticeListItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.programId !== undefined) where.push(`program_id = ${p(f.programId)}`);
  if (f.year !== undefined) where.push(`year = ${p(f.year)}`);
  if (f.documentId !== undefined) where.push(`document_id = ${p(f.documentId)}`);
  if (f.state !== undefined) where.push(`state = ${p(f.state)}`);
  if (f.programs !== undefined && !f.programs.includes('*'))
    where.push(`program_id = ANY(${p([...f.programs])}::text[])`);
  const rows = await q.query(
    `SELECT ${LIST_COLUMNS} FROM notices${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT 1000`,
    params,
  );
  return rows.map(toListItem);
}

/** Published notices for the public list and the feeds, newest publication first. */
export async function listPublishedNotices(q: Queryable, limit = 100): Promise<NoticeListItem[]> {
  const n = Math.min(Math.max(Math.floor(limit), 1), 1000);
  const rows = await q.query(
    `SELECT ${LIST_COLUMNS} FROM notices WHERE state = 'published'
      ORDER BY published_at DESC, id DESC LIMIT ${n}`,
  );
  return rows.map(toListItem);
}

/** The last published notice of a programme's document (to prefill a new one from). */
export async function lastPublishedNotice(
  q: Queryable,
  programId: string,
  documentId: string,
): Promise<NoticeRecord | undefined> {
  const [row] = await q.query(
    `SELECT ${COLUMNS} FROM notices WHERE program_id = $1 AND document_id = $2 AND state = 'published'
      ORDER BY published_at DESC, id DESC LIMIT 1`,
    [programId, documentId],
  );
  return row ? toRecord(row) : undefined;
}

export type NoticeWrite =
  | { ok: true; record: NoticeRecord }
  /** Stale version, or not a draft any more: the current record says which. */
  | { ok: false; current: NoticeRecord };

async function currentOr(q: Queryable, id: string): Promise<NoticeWrite | undefined> {
  const current = await getNotice(q, id);
  return current ? { ok: false, current } : undefined;
}

/** Saves a draft's data (the version it was based on must be the current one). */
export async function saveNotice(
  q: Queryable,
  w: { id: string; version: number; data: unknown; title: string; summary: Record<string, unknown> },
): Promise<NoticeWrite | undefined> {
  const key = serialId(w.id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `UPDATE notices SET data = $3::jsonb, title = $4, summary = $5::jsonb, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING ${COLUMNS}`,
    [key, w.version, json(w.data), w.title, json(w.summary)],
  );
  return row ? { ok: true, record: toRecord(row) } : currentOr(q, key);
}

/**
 * Publishes a draft: its data and HTML are frozen from now on. A correction's publication marks
 * the notice it supersedes in the same statement.
 */
export async function publishNotice(
  q: Queryable,
  w: {
    id: string;
    version: number;
    data: unknown;
    html: string;
    title: string;
    summary: Record<string, unknown>;
    userId: string | null;
  },
): Promise<NoticeWrite | undefined> {
  const key = serialId(w.id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `WITH pub AS (
       UPDATE notices SET state = 'published', data = $3::jsonb, html = $4, title = $5, summary = $6::jsonb,
         published_by = $7, published_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING *
     ), old AS (
       UPDATE notices o SET superseded_by = pub.id, updated_at = now() FROM pub
        WHERE o.id = pub.supersedes RETURNING o.id
     )
     SELECT ${COLUMNS} FROM pub`,
    [key, w.version, json(w.data), w.html, w.title, json(w.summary), w.userId],
  );
  return row ? { ok: true, record: toRecord(row) } : currentOr(q, key);
}

export type CorrectNoticeResult =
  | { ok: true; record: NoticeRecord }
  | { ok: false; conflict: 'not-published'; current: NoticeRecord }
  | { ok: false; conflict: 'exists'; existingId: string };

/**
 * A correction of a published notice: a new draft with its data that supersedes it (one per
 * notice; a second call answers with the existing correction). Undefined when there is no such notice.
 */
export async function correctNotice(
  q: Queryable,
  c: { id: string; userId: string | null },
): Promise<CorrectNoticeResult | undefined> {
  const key = serialId(c.id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `INSERT INTO notices (program_id, document_id, year, title, data, summary, supersedes, created_by)
     SELECT program_id, document_id, year, title, data, summary, id, $2 FROM notices
      WHERE id = $1 AND state = 'published'
     ON CONFLICT (supersedes) WHERE supersedes IS NOT NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [key, c.userId],
  );
  if (row) return { ok: true, record: toRecord(row) };
  const current = await getNotice(q, key);
  if (!current) return undefined;
  if (current.state !== 'published') return { ok: false, conflict: 'not-published', current };
  const [existing] = await q.query<{ id: string }>(
    'SELECT id::text AS id FROM notices WHERE supersedes = $1',
    [key],
  );
  if (!existing) throw new Error('correctNotice: 更正稿已不存在');
  return { ok: false, conflict: 'exists', existingId: existing.id };
}

/** An application as a notice reads it: state, data and the latest record of each named transition. */
export interface NoticeSourceRow {
  id: string;
  state: string;
  receiptNo: string | null;
  data: unknown;
  records: Record<string, unknown>;
}

/** The applications of a programme's year in `states` (all states when absent), in 申报编号 order. */
export async function listNoticeSources(
  q: Queryable,
  s: {
    programId: string;
    year: number;
    form?: string;
    states?: readonly string[];
    transitions: readonly string[];
  },
): Promise<NoticeSourceRow[]> {
  const rows = await q.query(
    `SELECT a.id, a.state, a.receipt_no, a.data,
        (SELECT coalesce(jsonb_object_agg(t.transition, t.record), '{}'::jsonb) FROM (
           SELECT DISTINCT ON (transition) transition, record FROM transitions
            WHERE application_id = a.id AND transition = ANY($5::text[])
            ORDER BY transition, id DESC) t) AS records
       FROM applications a
      WHERE a.program_id = $1 AND a.year = $2 AND ($3::text IS NULL OR a.form = $3)
        AND ($4::text[] IS NULL OR a.state = ANY($4::text[]))
      ORDER BY a.receipt_no NULLS LAST, a.id`,
    [s.programId, s.year, s.form ?? null, s.states ? [...s.states] : null, [...s.transitions]],
  );
  return rows.map((r) => ({
    id: String(r.id),
    state: String(r.state),
    receiptNo: strOrNull(r.receipt_no),
    data: r.data,
    records: (r.records ?? {}) as Record<string, unknown>,
  }));
}
