/** 第十五条: re-application bans decided after a revocation. */
import { randomUUID } from 'node:crypto';
import { iso, strOrNull } from './rows';
import type { BanRecord, Queryable } from './types';

// Dates leave the database as text: node-postgres would turn a date into a local-midnight Date.
const COLUMNS = `id, program_id, org_id, ground, decided_on::text AS decided_on, until::text AS until, kind,
  reason, created_at`;

function toBan(r: Record<string, unknown>): BanRecord {
  return {
    id: String(r.id),
    programId: String(r.program_id),
    orgId: String(r.org_id),
    ground: Number(r.ground),
    decidedOn: String(r.decided_on),
    until: strOrNull(r.until),
    kind: String(r.kind) as BanRecord['kind'],
    reason: String(r.reason),
    createdAt: iso(r.created_at),
  };
}

export interface NewBan {
  programId: string;
  orgId: string;
  ground: number;
  /** YYYY-MM-DD */
  decidedOn: string;
  /** Last banned day (YYYY-MM-DD); null for 'forever' and 'none'. */
  until: string | null;
  kind: BanRecord['kind'];
  reason: string;
  userId: string | null;
}

export async function createBan(q: Queryable, b: NewBan): Promise<BanRecord> {
  const [row] = await q.query(
    `INSERT INTO bans (id, program_id, org_id, ground, decided_on, until, kind, reason, created_by)
     VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9) RETURNING ${COLUMNS}`,
    [randomUUID(), b.programId, b.orgId, b.ground, b.decidedOn, b.until, b.kind, b.reason, b.userId],
  );
  if (!row) throw new Error('createBan: INSERT 未返回记录');
  return toBan(row);
}

/** A programme's bans (or one organisation's), latest decision first. */
export async function listBans(q: Queryable, f: { programId: string; orgId?: string }): Promise<BanRecord[]> {
  const rows =
    f.orgId === undefined
      ? await q.query(
          `SELECT ${COLUMNS} FROM bans WHERE program_id = $1 ORDER BY decided_on DESC, created_at DESC`,
          [f.programId],
        )
      : await q.query(
          `SELECT ${COLUMNS} FROM bans WHERE program_id = $1 AND org_id = $2 ORDER BY decided_on DESC, created_at DESC`,
          [f.programId, f.orgId],
        );
  return rows.map(toBan);
}
