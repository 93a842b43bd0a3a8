/**
 * What the centres API answers with: a recognised centre as people see it — its brand and
 * operator in force (renames take effect on their date; the history keeps every name), each
 * year's goals and results, its major-change reports and its revocation — assembled from the
 * store's rows, and the reply schemas that document and serialise it.
 */
import { banFor, type CentreNoticeSource, findGround, nameOn, type Program } from '@shenbao/core';
import {
  type CentreChangeRecord,
  type CentreNameRecord,
  type CentreRevocationRecord,
  type CentreSummary,
  type CentreYearRecord,
  listCentreChanges,
  listCentreNames,
  listCentreRevocations,
  listCentres,
  listCentreYears,
  type Queryable,
} from '@shenbao/store';
import { anyJson } from './schemas';

/** The states whose outcome is a recognition: the applications in them are centres. */
export function recognisedStates(program: Program): string[] {
  return program.manifest.procedure.states.filter((s) => s.outcome === 'recognised').map((s) => s.id);
}

export interface CentreName {
  brand: string;
  operator: string;
  /** YYYY-MM-DD, or null when the recognition record has no date. */
  fromDate: string | null;
  reason: string;
  changeId: string | null;
}

export interface CentreRows {
  years: CentreYearRecord[];
  names: CentreNameRecord[];
  changes: CentreChangeRecord[];
  revocations: CentreRevocationRecord[];
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const field = (record: unknown, key: string): unknown =>
  record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;

/** Every name of a centre in the order they took effect: the recognition first, then renames. */
export function namesOf(
  program: Program,
  centre: CentreSummary,
  renames: readonly CentreNameRecord[],
): CentreName[] {
  const state = program.manifest.procedure.states.find((s) => s.id === centre.state);
  const first: CentreName = {
    brand: text(field(centre.recognition, 'brand')) ?? centre.title,
    operator: text(field(centre.recognition, 'operator')) ?? centre.orgName,
    fromDate: text(field(centre.recognition, 'date')) ?? centre.recognisedAt?.slice(0, 10) ?? null,
    reason: state?.title ?? centre.state,
    changeId: null,
  };
  return [
    first,
    ...renames.map((n) => ({
      brand: n.brand,
      operator: n.operator,
      fromDate: n.fromDate,
      reason: n.reason,
      changeId: n.changeId,
    })),
  ];
}

/** The name in force on a day (core's rule; re-exported for the centres plugin). */
export { nameOn };

/** The rows around these centres, by centre: years, renames, change reports, revocations. */
export async function loadCentreRows(q: Queryable, ids: readonly string[]): Promise<Map<string, CentreRows>> {
  const [years, names, changes, revocations] = await Promise.all([
    listCentreYears(q, ids),
    listCentreNames(q, ids),
    listCentreChanges(q, ids),
    listCentreRevocations(q, ids),
  ]);
  const out = new Map<string, CentreRows>(
    ids.map((id) => [id, { years: [], names: [], changes: [], revocations: [] }]),
  );
  for (const y of years) out.get(y.applicationId)?.years.push(y);
  for (const n of names) out.get(n.applicationId)?.names.push(n);
  for (const c of changes) out.get(c.applicationId)?.changes.push(c);
  for (const r of revocations) out.get(r.applicationId)?.revocations.push(r);
  return out;
}

/**
 * The programme's centres as the notices of centres read them (core's `CentreNoticeSource`):
 * every name in the order they took effect, the years with their assessments, the decided
 * revocation. Core selects and names them for a notice's year.
 */
export async function centreNoticeSources(q: Queryable, program: Program): Promise<CentreNoticeSource[]> {
  const centres = await listCentres(q, { programId: program.id, states: recognisedStates(program) });
  const rows = await loadCentreRows(
    q,
    centres.map((c) => c.id),
  );
  return centres.map((c) => {
    const r = rows.get(c.id) as CentreRows;
    const decided = r.revocations.find((x) => x.status === 'decided' && x.decidedOn);
    return {
      id: c.id,
      receiptNo: c.receiptNo,
      orgUscc: c.orgUscc,
      names: namesOf(program, c, r.names),
      years: r.years.map((y) => ({
        year: y.year,
        passed: y.passed,
        missed: y.missed,
        assessment: y.assessment,
        assessedAt: y.assessedAt,
      })),
      revocation: decided
        ? { ground: decided.ground, reason: decided.reason, decidedOn: decided.decidedOn as string }
        : null,
    };
  });
}

function revocationView(program: Program, r: CentreRevocationRecord | undefined) {
  if (!r) return null;
  const manifest = program.manifest;
  const ground = findGround(manifest, r.ground);
  const ban = r.status === 'decided' && r.decidedOn ? banFor(manifest, r.ground, r.decidedOn) : undefined;
  return {
    id: r.id,
    status: r.status,
    ground: r.ground,
    groundText: ground?.text ?? '',
    article: ground
      ? `${manifest.procedure.revocation.article}${ground.item}`
      : manifest.procedure.revocation.article,
    reason: r.reason,
    year: r.year,
    proposedBy: r.proposedBy,
    proposedAt: r.proposedAt,
    decidedOn: r.decidedOn,
    decidedAt: r.decidedAt,
    banId: r.banId,
    ban:
      ban && ban.kind !== 'none'
        ? { kind: ban.kind, until: ban.until ?? null, text: ban.text, article: ban.article ?? null }
        : null,
  };
}

function yearView(y: CentreYearRecord, detail: boolean) {
  return {
    year: y.year,
    goals: y.goals,
    goalsSetRole: y.goalsSetRole,
    goalsSetAt: y.goalsSetAt,
    ...(detail ? { selfAssessment: y.selfAssessment } : {}),
    submittedAt: y.submittedAt,
    assessment: y.assessment,
    passed: y.passed,
    assessedAt: y.assessedAt,
    missed: y.missed,
    missedAt: y.missedAt,
    consequence: y.consequence,
  };
}

export type YearView = ReturnType<typeof yearView>;
export const toYearView = (y: CentreYearRecord): YearView => yearView(y, true);

/** A centre as the API shows it on `today`; `detail` adds the self-assessments' data. */
export function centreView(
  program: Program,
  centre: CentreSummary,
  rows: CentreRows,
  today: string,
  o: { detail: boolean; year?: number },
) {
  const names = namesOf(program, centre, rows.names);
  const current = nameOn(names, today);
  const decided = rows.revocations.find((r) => r.status === 'decided');
  const open = rows.revocations.find((r) => r.status === 'proposed');
  return {
    id: centre.id,
    programId: centre.programId,
    year: centre.year,
    orgId: centre.orgId,
    orgUscc: centre.orgUscc,
    orgName: centre.orgName,
    receiptNo: centre.receiptNo,
    brand: current.brand,
    operator: current.operator,
    recognition: centre.recognition,
    recognisedAt: centre.recognisedAt,
    status: decided ? ('revoked' as const) : ('active' as const),
    names,
    years: rows.years
      .filter((y) => o.year === undefined || y.year === o.year)
      .map((y) => yearView(y, o.detail)),
    changes: rows.changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      plannedDate: c.plannedDate,
      reportedOn: c.reportedOn,
      reportedAt: c.reportedAt,
      late: c.late,
      daysBefore: c.daysBefore,
      details: c.details,
    })),
    revocation: revocationView(program, decided ?? open),
  };
}

// ---------------------------------------------------------------------------------------------
// Reply schemas

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const intOrNull = { type: ['integer', 'null'] } as const;

export const yearReply = {
  type: 'object',
  properties: {
    year: { type: 'integer' },
    goals: anyJson,
    goalsSetRole: strOrNull,
    goalsSetAt: strOrNull,
    selfAssessment: anyJson,
    submittedAt: strOrNull,
    assessment: anyJson,
    passed: { type: ['boolean', 'null'] },
    assessedAt: strOrNull,
    missed: { type: 'boolean' },
    missedAt: strOrNull,
    consequence: anyJson,
  },
} as const;

export const revocationReply = {
  type: ['object', 'null'],
  properties: {
    id: str,
    status: { type: 'string', enum: ['proposed', 'decided'] },
    ground: { type: 'integer' },
    groundText: str,
    article: str,
    reason: str,
    year: intOrNull,
    proposedBy: strOrNull,
    proposedAt: str,
    decidedOn: strOrNull,
    decidedAt: strOrNull,
    banId: strOrNull,
    ban: {
      type: ['object', 'null'],
      properties: { kind: str, until: strOrNull, text: str, article: strOrNull },
    },
  },
} as const;

export const changeReply = {
  type: 'object',
  properties: {
    id: str,
    kind: str,
    plannedDate: str,
    reportedOn: str,
    reportedAt: str,
    late: { type: 'boolean' },
    daysBefore: { type: 'integer' },
    details: anyJson,
  },
} as const;

export const centreReply = {
  type: 'object',
  properties: {
    id: str,
    programId: str,
    year: { type: 'integer' },
    orgId: str,
    orgUscc: str,
    orgName: str,
    receiptNo: strOrNull,
    brand: str,
    operator: str,
    recognition: anyJson,
    recognisedAt: strOrNull,
    status: { type: 'string', enum: ['active', 'revoked'] },
    names: {
      type: 'array',
      items: {
        type: 'object',
        properties: { brand: str, operator: str, fromDate: strOrNull, reason: str, changeId: strOrNull },
      },
    },
    years: { type: 'array', items: yearReply },
    changes: { type: 'array', items: changeReply },
    revocation: revocationReply,
    warnings: { type: 'array', items: str },
  },
} as const;
