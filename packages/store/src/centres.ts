/**
 * Recognised centres year by year (第十条 to 第十八条 for the Dongguan programme). A centre is an
 * application in a state whose outcome is `recognised` (the caller names those states); its id
 * is the application's id and its first brand and operator are the record of the transition
 * that recognised it. Around it: each year's goals, self-assessment and assessment, revocations
 * (proposed, then decided with the ban they caused), renames and reports of major changes.
 * Nothing here changes the application's state: a revoked centre is one with a decided revocation.
 */
import { iso, isoOrNull, json, num, strOrNull } from './rows';
import type {
  CentreChangeRecord,
  CentreNameRecord,
  CentreRevocationRecord,
  CentreSummary,
  CentreYearRecord,
  Queryable,
} from './types';

const boolOrNull = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));

// ---------------------------------------------------------------------------------------------
// Centres

const CENTRE_COLUMNS = `a.id, a.program_id, a.year, a.org_id, o.name AS org_name, o.uscc AS org_uscc, a.state,
  a.title, a.receipt_no, t.record AS recognition, t.at AS recognised_at`;

// The recognising transition: the latest one into a recognised state.
const CENTRE_FROM = `applications a JOIN organizations o ON o.id = a.org_id
  LEFT JOIN LATERAL (
    SELECT tr.record, tr.at FROM transitions tr
     WHERE tr.application_id = a.id AND tr.to_state = ANY($1::text[])
     ORDER BY tr.id DESC LIMIT 1
  ) t ON true`;

function toCentre(r: Record<string, unknown>): CentreSummary {
  return {
    id: String(r.id),
    programId: String(r.program_id),
    year: num(r.year),
    orgId: String(r.org_id),
    orgName: String(r.org_name),
    orgUscc: String(r.org_uscc),
    state: String(r.state),
    title: String(r.title),
    receiptNo: strOrNull(r.receipt_no),
    recognition: r.recognition ?? null,
    recognisedAt: isoOrNull(r.recognised_at),
  };
}

/** A programme's centres (applications in `states`), or one organisation's; oldest recognition first. */
export async function listCentres(
  q: Queryable,
  f: { programId: string; states: readonly string[]; orgId?: string },
): Promise<CentreSummary[]> {
  const rows = await q.query(
    `SELECT ${CENTRE_COLUMNS} FROM ${CENTRE_FROM}
      WHERE a.program_id = $2 AND a.state = ANY($1::text[]) AND ($3::text IS NULL OR a.org_id = $3)
      ORDER BY t.at NULLS LAST, a.receipt_no, a.id`,
    [[...f.states], f.programId, f.orgId ?? null],
  );
  return rows.map(toCentre);
}

/** One centre: the application when it is in one of `states`, else undefined. */
export async function getCentre(
  q: Queryable,
  id: string,
  states: readonly string[],
): Promise<CentreSummary | undefined> {
  const [row] = await q.query(
    `SELECT ${CENTRE_COLUMNS} FROM ${CENTRE_FROM} WHERE a.id = $2 AND a.state = ANY($1::text[])`,
    [[...states], id],
  );
  return row ? toCentre(row) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Years

function toYear(r: Record<string, unknown>): CentreYearRecord {
  return {
    applicationId: String(r.application_id),
    year: num(r.year),
    goals: r.goals ?? null,
    goalsSetBy: strOrNull(r.goals_set_by),
    goalsSetRole: strOrNull(r.goals_set_role) as CentreYearRecord['goalsSetRole'],
    goalsSetAt: isoOrNull(r.goals_set_at),
    selfAssessment: r.self_assessment ?? null,
    submittedBy: strOrNull(r.submitted_by),
    submittedAt: isoOrNull(r.submitted_at),
    assessment: r.assessment ?? null,
    passed: boolOrNull(r.passed),
    assessedBy: strOrNull(r.assessed_by),
    assessedAt: isoOrNull(r.assessed_at),
    missed: Boolean(r.missed),
    missedAt: isoOrNull(r.missed_at),
    consequence: r.consequence ?? null,
    updatedAt: iso(r.updated_at),
  };
}

/** The years of these centres, by centre then year. */
export async function listCentreYears(q: Queryable, ids: readonly string[]): Promise<CentreYearRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q.query(
    'SELECT * FROM centre_years WHERE application_id = ANY($1::text[]) ORDER BY application_id, year',
    [[...ids]],
  );
  return rows.map(toYear);
}

export async function getCentreYear(
  q: Queryable,
  id: string,
  year: number,
): Promise<CentreYearRecord | undefined> {
  const [row] = await q.query('SELECT * FROM centre_years WHERE application_id = $1 AND year = $2', [
    id,
    year,
  ]);
  return row ? toYear(row) : undefined;
}

// A year is closed once assessed or marked missed: its goals and self-assessment stay as judged.
const OPEN_YEAR = 'centre_years.passed IS NULL AND NOT centre_years.missed';

/** Sets a year's goals (creating the year). Undefined when the year is already closed. */
export async function setCentreGoals(
  q: Queryable,
  w: {
    applicationId: string;
    year: number;
    goals: unknown;
    userId: string | null;
    role: 'applicant' | 'staff';
  },
): Promise<CentreYearRecord | undefined> {
  const [row] = await q.query(
    `INSERT INTO centre_years (application_id, year, goals, goals_set_by, goals_set_role, goals_set_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, now())
     ON CONFLICT (application_id, year) DO UPDATE SET goals = EXCLUDED.goals,
       goals_set_by = EXCLUDED.goals_set_by, goals_set_role = EXCLUDED.goals_set_role,
       goals_set_at = EXCLUDED.goals_set_at, updated_at = now()
     WHERE ${OPEN_YEAR} RETURNING *`,
    [w.applicationId, w.year, json(w.goals), w.userId, w.role],
  );
  return row ? toYear(row) : undefined;
}

/** Stores a year's submitted self-assessment (a resubmission replaces it). Undefined when closed. */
export async function submitSelfAssessment(
  q: Queryable,
  w: { applicationId: string; year: number; data: unknown; userId: string | null },
): Promise<CentreYearRecord | undefined> {
  const [row] = await q.query(
    `INSERT INTO centre_years (application_id, year, self_assessment, submitted_by, submitted_at)
     VALUES ($1, $2, $3::jsonb, $4, now())
     ON CONFLICT (application_id, year) DO UPDATE SET self_assessment = EXCLUDED.self_assessment,
       submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, updated_at = now()
     WHERE ${OPEN_YEAR} RETURNING *`,
    [w.applicationId, w.year, json(w.data), w.userId],
  );
  return row ? toYear(row) : undefined;
}

/**
 * Stores a year's assessment, once: undefined when the year is closed already or has no
 * submitted self-assessment.
 */
export async function recordAssessment(
  q: Queryable,
  w: {
    applicationId: string;
    year: number;
    assessment: unknown;
    passed: boolean;
    consequence: unknown;
    userId: string | null;
  },
): Promise<CentreYearRecord | undefined> {
  const [row] = await q.query(
    `UPDATE centre_years SET assessment = $3::jsonb, passed = $4, consequence = $5::jsonb,
       assessed_by = $6, assessed_at = now(), updated_at = now()
     WHERE application_id = $1 AND year = $2 AND submitted_at IS NOT NULL AND ${OPEN_YEAR} RETURNING *`,
    [w.applicationId, w.year, json(w.assessment), w.passed, json(w.consequence), w.userId],
  );
  return row ? toYear(row) : undefined;
}

/** Records what a year's result called for (after the centre's history was read back). */
export async function setYearConsequence(
  q: Queryable,
  id: string,
  year: number,
  consequence: unknown,
): Promise<CentreYearRecord | undefined> {
  const [row] = await q.query(
    `UPDATE centre_years SET consequence = $3::jsonb, updated_at = now()
      WHERE application_id = $1 AND year = $2 RETURNING *`,
    [id, year, json(consequence)],
  );
  return row ? toYear(row) : undefined;
}

/**
 * Marks as missed, for `year`, every centre of the programme (in `states`, recognised in or
 * before that year, not revoked) without a submitted self-assessment and not yet assessed or
 * marked. Returns the years it marked (none twice: a second call marks nothing).
 */
export async function markMissedAssessments(
  q: Queryable,
  w: { programId: string; year: number; states: readonly string[]; userId: string | null },
): Promise<CentreYearRecord[]> {
  const rows = await q.query(
    `INSERT INTO centre_years (application_id, year, missed, missed_by, missed_at)
     SELECT a.id, $2, true, $4, now() FROM applications a
      WHERE a.program_id = $1 AND a.state = ANY($3::text[]) AND a.year <= $2
        AND NOT EXISTS (SELECT 1 FROM centre_revocations r WHERE r.application_id = a.id AND r.status = 'decided')
     ON CONFLICT (application_id, year) DO UPDATE SET missed = true, missed_by = EXCLUDED.missed_by,
       missed_at = EXCLUDED.missed_at, updated_at = now()
     WHERE centre_years.submitted_at IS NULL AND ${OPEN_YEAR} RETURNING *`,
    [w.programId, w.year, [...w.states], w.userId],
  );
  return rows.map(toYear).sort((a, b) => a.applicationId.localeCompare(b.applicationId));
}

// ---------------------------------------------------------------------------------------------
// Revocations

function toRevocation(r: Record<string, unknown>): CentreRevocationRecord {
  return {
    id: String(r.id),
    applicationId: String(r.application_id),
    status: String(r.status) as CentreRevocationRecord['status'],
    ground: num(r.ground),
    reason: String(r.reason),
    year: r.year === null || r.year === undefined ? null : num(r.year),
    proposedBy: strOrNull(r.proposed_by),
    proposedAt: iso(r.proposed_at),
    decidedOn: strOrNull(r.decided_on),
    decidedBy: strOrNull(r.decided_by),
    decidedAt: isoOrNull(r.decided_at),
    banId: strOrNull(r.ban_id),
  };
}

// Dates leave the database as text (node-postgres would make a local-midnight Date of them).
const REVOCATION_COLUMNS = `id::text AS id, application_id, status, ground, reason, year, proposed_by, proposed_at,
  decided_on::text AS decided_on, decided_by, decided_at, ban_id`;

/**
 * Proposes a revocation (a rule's consequence, `userId` null, or staff's). Undefined when the
 * centre already has an open proposal or a decided revocation.
 */
export async function proposeRevocation(
  q: Queryable,
  w: { applicationId: string; ground: number; reason: string; year: number | null; userId: string | null },
): Promise<CentreRevocationRecord | undefined> {
  const [row] = await q.query(
    `INSERT INTO centre_revocations (application_id, status, ground, reason, year, proposed_by)
     SELECT $1, 'proposed', $2, $3, $4, $5
      WHERE NOT EXISTS (SELECT 1 FROM centre_revocations WHERE application_id = $1 AND status = 'decided')
     ON CONFLICT (application_id) WHERE status = 'proposed' DO NOTHING
     RETURNING ${REVOCATION_COLUMNS}`,
    [w.applicationId, w.ground, w.reason, w.year, w.userId],
  );
  return row ? toRevocation(row) : undefined;
}

/**
 * Decides a revocation: the open proposal becomes the decision (on the ground decided, which
 * may differ from the one proposed), or a decision is recorded without one. Undefined when the
 * centre is revoked already.
 */
export async function decideRevocation(
  q: Queryable,
  w: {
    applicationId: string;
    ground: number;
    reason: string;
    decidedOn: string;
    banId: string | null;
    userId: string | null;
  },
): Promise<CentreRevocationRecord | undefined> {
  const params = [w.applicationId, w.ground, w.reason, w.decidedOn, w.banId, w.userId];
  const [updated] = await q.query(
    `UPDATE centre_revocations SET status = 'decided', ground = $2, reason = $3, decided_on = $4::date,
       ban_id = $5, decided_by = $6, decided_at = now()
     WHERE application_id = $1 AND status = 'proposed'
       AND NOT EXISTS (SELECT 1 FROM centre_revocations d WHERE d.application_id = $1 AND d.status = 'decided')
     RETURNING ${REVOCATION_COLUMNS}`,
    params,
  );
  if (updated) return toRevocation(updated);
  const [inserted] = await q.query(
    `INSERT INTO centre_revocations (application_id, status, ground, reason, decided_on, ban_id, decided_by,
       decided_at, proposed_by)
     VALUES ($1, 'decided', $2, $3, $4::date, $5, $6, now(), $6)
     ON CONFLICT (application_id) WHERE status = 'decided' DO NOTHING
     RETURNING ${REVOCATION_COLUMNS}`,
    params,
  );
  return inserted ? toRevocation(inserted) : undefined;
}

/** The revocations (open proposals and decisions) of these centres, oldest first. */
export async function listCentreRevocations(
  q: Queryable,
  ids: readonly string[],
): Promise<CentreRevocationRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q.query(
    `SELECT ${REVOCATION_COLUMNS} FROM centre_revocations WHERE application_id = ANY($1::text[]) ORDER BY id`,
    [[...ids]],
  );
  return rows.map(toRevocation);
}

// ---------------------------------------------------------------------------------------------
// Major changes and names

function toChange(r: Record<string, unknown>): CentreChangeRecord {
  return {
    id: String(r.id),
    applicationId: String(r.application_id),
    kind: String(r.kind),
    plannedDate: String(r.planned_date),
    reportedOn: String(r.reported_on),
    reportedAt: iso(r.reported_at),
    reportedBy: strOrNull(r.reported_by),
    late: Boolean(r.late),
    daysBefore: num(r.days_before),
    details: r.details ?? {},
  };
}

const CHANGE_COLUMNS = `id::text AS id, application_id, kind, planned_date::text AS planned_date,
  reported_on::text AS reported_on, reported_at, reported_by, late, days_before, details`;

export async function addCentreChange(
  q: Queryable,
  w: {
    applicationId: string;
    kind: string;
    plannedDate: string;
    reportedOn: string;
    late: boolean;
    daysBefore: number;
    details: unknown;
    userId: string | null;
  },
): Promise<CentreChangeRecord> {
  const [row] = await q.query(
    `INSERT INTO centre_changes (application_id, kind, planned_date, reported_on, late, days_before, details, reported_by)
     VALUES ($1, $2, $3::date, $4::date, $5, $6, $7::jsonb, $8) RETURNING ${CHANGE_COLUMNS}`,
    [
      w.applicationId,
      w.kind,
      w.plannedDate,
      w.reportedOn,
      w.late,
      w.daysBefore,
      json(w.details ?? {}),
      w.userId,
    ],
  );
  if (!row) throw new Error('addCentreChange: INSERT 未返回记录');
  return toChange(row);
}

export async function listCentreChanges(q: Queryable, ids: readonly string[]): Promise<CentreChangeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q.query(
    `SELECT ${CHANGE_COLUMNS} FROM centre_changes WHERE application_id = ANY($1::text[]) ORDER BY id`,
    [[...ids]],
  );
  return rows.map(toChange);
}

function toName(r: Record<string, unknown>): CentreNameRecord {
  return {
    id: String(r.id),
    applicationId: String(r.application_id),
    brand: String(r.brand),
    operator: String(r.operator),
    fromDate: String(r.from_date),
    reason: String(r.reason),
    changeId: strOrNull(r.change_id),
    createdAt: iso(r.created_at),
  };
}

const NAME_COLUMNS = `id::text AS id, application_id, brand, operator, from_date::text AS from_date, reason,
  change_id::text AS change_id, created_at`;

export async function addCentreName(
  q: Queryable,
  w: {
    applicationId: string;
    brand: string;
    operator: string;
    fromDate: string;
    reason: string;
    changeId: string | null;
    userId: string | null;
  },
): Promise<CentreNameRecord> {
  const [row] = await q.query(
    `INSERT INTO centre_names (application_id, brand, operator, from_date, reason, change_id, created_by)
     VALUES ($1, $2, $3, $4::date, $5, $6::bigint, $7) RETURNING ${NAME_COLUMNS}`,
    [w.applicationId, w.brand, w.operator, w.fromDate, w.reason, w.changeId, w.userId],
  );
  if (!row) throw new Error('addCentreName: INSERT 未返回记录');
  return toName(row);
}

/** The renames of these centres, by centre, in the order they take effect. */
export async function listCentreNames(q: Queryable, ids: readonly string[]): Promise<CentreNameRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q.query(
    `SELECT ${NAME_COLUMNS} FROM centre_names WHERE application_id = ANY($1::text[])
      ORDER BY application_id, from_date, id`,
    [[...ids]],
  );
  return rows.map(toName);
}
