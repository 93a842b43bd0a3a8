/** A programme's yearly targets: the draft staff edit and the published version in force. */
import { iso, isoOrNull, json, num } from './rows';
import type { Queryable, TargetsRecord, VersionedWrite } from './types';

const COLUMNS = 'program_id, year, draft, published, version, published_at, updated_at';

function toTargets(r: Record<string, unknown>): TargetsRecord {
  return {
    programId: String(r.program_id),
    year: num(r.year),
    draft: r.draft ?? null,
    published: r.published ?? null,
    version: num(r.version),
    publishedAt: isoOrNull(r.published_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function getTargets(
  q: Queryable,
  programId: string,
  year: number,
): Promise<TargetsRecord | undefined> {
  const [row] = await q.query(`SELECT ${COLUMNS} FROM targets WHERE program_id = $1 AND year = $2`, [
    programId,
    year,
  ]);
  return row ? toTargets(row) : undefined;
}

/** Every year of a programme, earliest first. */
export async function listTargets(q: Queryable, programId: string): Promise<TargetsRecord[]> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM targets WHERE program_id = $1 ORDER BY year`, [
    programId,
  ]);
  return rows.map(toTargets);
}

async function staleOrMissing(
  q: Queryable,
  programId: string,
  year: number,
): Promise<VersionedWrite<TargetsRecord> | undefined> {
  const current = await getTargets(q, programId, year);
  return current ? { ok: false, current } : undefined;
}

/**
 * Saves a year's draft. Version 0 creates the year (stale when it already exists); any other
 * version must be the current one. Undefined when the year does not exist (and version ≠ 0).
 */
export async function saveTargetsDraft(
  q: Queryable,
  w: { programId: string; year: number; data: unknown; version: number; userId: string | null },
): Promise<VersionedWrite<TargetsRecord> | undefined> {
  const rows =
    w.version === 0
      ? await q.query(
          `INSERT INTO targets (program_id, year, draft, updated_by) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (program_id, year) DO NOTHING RETURNING ${COLUMNS}`,
          [w.programId, w.year, json(w.data), w.userId],
        )
      : await q.query(
          `UPDATE targets SET draft = $3::jsonb, updated_by = $4, version = version + 1, updated_at = now()
           WHERE program_id = $1 AND year = $2 AND version = $5 RETURNING ${COLUMNS}`,
          [w.programId, w.year, json(w.data), w.userId, w.version],
        );
  const [row] = rows;
  return row ? { ok: true, record: toTargets(row) } : staleOrMissing(q, w.programId, w.year);
}

/**
 * The draft becomes the published targets (draft cleared, publishedAt set). Not ok when the
 * version is stale — or when there is no draft to publish (then `current.version` equals the
 * version sent and `current.draft` is null). Undefined when the year does not exist.
 */
export async function publishTargets(
  q: Queryable,
  w: { programId: string; year: number; version: number; userId: string | null },
): Promise<VersionedWrite<TargetsRecord> | undefined> {
  const [row] = await q.query(
    `UPDATE targets SET published = draft, draft = NULL, published_at = now(), updated_by = $4,
       version = version + 1, updated_at = now()
     WHERE program_id = $1 AND year = $2 AND version = $3 AND draft IS NOT NULL RETURNING ${COLUMNS}`,
    [w.programId, w.year, w.version, w.userId],
  );
  return row ? { ok: true, record: toTargets(row) } : staleOrMissing(q, w.programId, w.year);
}

/** Inserts a year as published (the programme's shipped targets at start); false when the year exists. */
export async function seedPublishedTargets(
  q: Queryable,
  programId: string,
  year: number,
  data: unknown,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO targets (program_id, year, published, published_at) VALUES ($1, $2, $3::jsonb, now())
     ON CONFLICT (program_id, year) DO NOTHING RETURNING 1 AS x`,
    [programId, year, json(data)],
  );
  return rows.length > 0;
}
