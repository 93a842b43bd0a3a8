/**
 * Taking a transition of the programme's procedure: core's engine (`decide`) says whether the
 * actor may and what follows; this module assembles what the engine reads (the guard document,
 * from the store) and applies what it says, in the caller's transaction: the state and version,
 * the timeline row, the audit entry, deadlines cleared and set, messages to the applicant.
 * Notifications are returned for delivery after the commit. Used by the procedure routes, the
 * submission routes (提交/撤回 are transitions too) and the scheduler.
 */
import {
  aggregateScores,
  decide,
  type Effect,
  findState,
  findTransition,
  type GuardDocument,
  isoDateIn,
  type Program,
  rolesOf,
  type TransitionSpec,
} from '@shenbao/core';
import {
  type ApplicationRecord,
  addDeadline,
  addMessage,
  appendAudit,
  clearOpenDeadlines,
  completeDeadline,
  countObjections,
  type DeadlineRecord,
  diff,
  getApplication,
  getTargets,
  listDeadlines,
  listReviews,
  listTransitions,
  nextReceiptNo,
  type Queryable,
  type ReviewRecord,
  recordTransition,
  setApplicationState,
  type TransitionRecord,
  type User,
} from '@shenbao/store';
import { HttpError, stale } from './http-error';
import type { Notification } from './notifier';
import { applicationNotFound } from './plugins/access';

/** Who takes a transition: an account, or the scheduler (user null). */
export interface Actor {
  user: User | null;
  /** The procedure roles held in the application's programme (`rolesOf`). */
  roles: readonly string[];
  /** The request's address, for the audit log (null for the scheduler). */
  ip: string | null;
}

/** The procedure roles an account holds in a programme. */
export const accountRoles = (program: Program, user: User): string[] =>
  rolesOf(program, { role: user.role, programs: user.programs }, program.id);

/** The scheduler: the programme's system roles. */
export const systemActor = (program: Program): Actor => ({
  user: null,
  roles: rolesOf(program, { role: 'system', programs: [] }, program.id),
  ip: null,
});

/** The transitions taken since the application last entered `state` from elsewhere (this round). */
export function roundOf(
  timeline: readonly TransitionRecord[],
  states: readonly string[],
): { enteredAt: string | undefined; taken: TransitionRecord[] } {
  let entry = -1;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const t = timeline[i] as TransitionRecord;
    if (states.includes(t.to) && !states.includes(t.from)) {
      entry = i;
      break;
    }
  }
  return {
    enteredAt: entry >= 0 ? (timeline[entry] as TransitionRecord).at : undefined,
    taken: timeline.slice(entry + 1).filter((t) => states.includes(t.from) && states.includes(t.to)),
  };
}

/**
 * The reviews of the current review round: those saved since the application last entered one
 * of the programme's review states (all of them when it never entered one by a transition).
 */
export function currentReviews(
  program: Program,
  timeline: readonly TransitionRecord[],
  reviews: readonly ReviewRecord[],
): ReviewRecord[] {
  const states = program.manifest.procedure.review?.states ?? [];
  const { enteredAt } = roundOf(timeline, states);
  if (enteredAt === undefined) return [...reviews];
  const since = Date.parse(enteredAt);
  return reviews.filter((r) => Date.parse(r.submittedAt) >= since);
}

/** Count, scores and the programme's aggregate of a set of reviews (what guards read). */
export function reviewSummary(
  program: Program,
  reviews: readonly ReviewRecord[],
): { count: number; score?: number; scores: number[] } {
  const scores = reviews.map((r) => r.score).filter((s): s is number => typeof s === 'number');
  const rule = program.manifest.procedure.review?.aggregate;
  const score = rule ? aggregateScores(rule, scores) : undefined;
  return { count: reviews.length, scores, ...(score === undefined ? {} : { score }) };
}

export interface GuardContext {
  document: GuardDocument;
  timeline: TransitionRecord[];
  deadlines: DeadlineRecord[];
  reviews: ReviewRecord[];
  targets: unknown;
}

/** The guard document of an application as it stands, with `record` as this transition's input. */
export async function guardContext(
  q: Queryable,
  program: Program,
  application: ApplicationRecord,
  now: Date,
  record?: unknown,
): Promise<GuardContext> {
  // One after another: inside a transaction `q` is one connection, which runs one query at a time.
  const timeline = await listTransitions(q, application.id);
  const deadlines = await listDeadlines(q, application.id);
  const allReviews = await listReviews(q, application.id);
  const objections = await countObjections(q, application.id);
  const targets = await getTargets(q, application.programId, application.year);
  const history: Record<string, unknown[]> = {};
  for (const t of roundOf(timeline, [application.state]).taken) {
    const list = history[t.transition] ?? [];
    list.push(t.record ?? {});
    history[t.transition] = list;
  }
  const reviews = currentReviews(program, timeline, allReviews);
  const document: GuardDocument = {
    application: application.data,
    record: record ?? undefined,
    history,
    reviews: reviewSummary(program, reviews),
    objections,
    state: application.state,
    today: isoDateIn(now, program.manifest.timezone),
    deadlines: deadlines
      .filter((d) => d.doneAt === null && d.state === application.state)
      .map((d) => ({ transition: d.transition, due: d.due })),
  };
  return { document, timeline, deadlines, reviews, targets: targets?.published ?? undefined };
}

export interface TransitionInput {
  program: Program;
  applicationId: string;
  /** The version the request was based on; undefined: whatever is current (the scheduler). */
  version: number | undefined;
  transitionId: string;
  actor: Actor;
  record?: unknown;
  reason?: string;
  now: Date;
  /** A submission: set 提交时间, and assign the 申报编号 with this prefix when there is none yet. */
  submission?: { receiptPrefix: string };
  /** The scheduler firing this open deadline: it is completed as 'fired' before others are cleared. */
  firing?: string;
}

export interface Applied {
  before: ApplicationRecord;
  record: ApplicationRecord;
  transition: TransitionRecord;
  spec: TransitionSpec;
  effects: Effect[];
  notifications: Notification[];
}

/** A refusal of the engine as an HTTP error (Chinese message, reasons or field errors). */
export function refusal(d: Extract<ReturnType<typeof decide>, { ok: false }>): HttpError {
  const extra: Record<string, unknown> = {};
  if (d.reasons) extra.reasons = d.reasons;
  if (d.errors) extra.errors = d.errors.map((e) => ({ path: e.path, message: e.message }));
  return new HttpError(d.status, d.code, d.message, extra);
}

const stateOf = (r: ApplicationRecord) => ({
  state: r.state,
  receiptNo: r.receiptNo,
  submittedAt: r.submittedAt,
});

/**
 * Decides and applies one transition inside the caller's transaction `tx`. Throws an
 * `HttpError` (before anything is written) when the engine refuses, the application does not
 * exist or the version is stale.
 */
export async function applyTransition(tx: Queryable, input: TransitionInput): Promise<Applied> {
  const { program, actor } = input;
  const before = await getApplication(tx, input.applicationId);
  if (!before || before.programId !== program.id) throw applicationNotFound();
  const ctx = await guardContext(tx, program, before, input.now, input.record);
  const reason = input.reason?.trim() || undefined;
  const decision = decide(program, {
    state: before.state,
    transitionId: input.transitionId,
    roles: actor.roles,
    document: ctx.document,
    reason,
    now: input.now,
    targets: ctx.targets,
    vars: { application: before.title || before.receiptNo || program.manifest.title },
  });
  if (!decision.ok) throw refusal(decision);
  if (input.version !== undefined && input.version !== before.version) throw stale(before);

  const spec = decision.transition;
  const receiptNo =
    input.submission && before.receiptNo === null
      ? await nextReceiptNo(tx, before.programId, before.year, input.submission.receiptPrefix)
      : undefined;
  const w = await setApplicationState(tx, {
    id: before.id,
    version: before.version,
    state: decision.to,
    ...(receiptNo === undefined ? {} : { receiptNo }),
    ...(input.submission ? { submittedAt: input.now.toISOString() } : {}),
    userId: actor.user?.id ?? null,
  });
  if (!w) throw applicationNotFound();
  if (!w.ok) throw stale(w.current);
  const after = w.record;
  const actorRole = spec.roles.find((r) => actor.roles.includes(r)) ?? spec.roles[0] ?? '';
  const transition = await recordTransition(tx, {
    applicationId: before.id,
    transition: spec.id,
    from: before.state,
    to: decision.to,
    actorId: actor.user?.id ?? null,
    actorRole,
    record: spec.record ? input.record : undefined,
    reason: reason ?? null,
    // The procedure's dates are the business clock's (the one deadlines and submission use).
    at: input.now.toISOString(),
  });
  await appendAudit(tx, {
    actorId: actor.user?.id ?? null,
    actorRole: actor.user?.role ?? 'system',
    ip: actor.ip,
    entity: 'application',
    entityId: before.id,
    action: `transition:${spec.id}`,
    patch: diff(stateOf(before), stateOf(after)),
  });

  const notifications: Notification[] = [];
  if (input.firing !== undefined) await completeDeadline(tx, input.firing, 'fired');
  for (const e of decision.effects) {
    switch (e.type) {
      case 'clearDeadlines':
        await clearOpenDeadlines(tx, before.id);
        break;
      case 'deadline':
        await addDeadline(tx, {
          applicationId: before.id,
          state: e.state,
          transition: e.transition,
          due: e.due,
          note: e.note,
          article: e.article ?? null,
        });
        break;
      case 'notify': {
        const m = await addMessage(tx, { orgId: before.orgId, applicationId: before.id, text: e.text });
        notifications.push({ orgId: m.orgId, applicationId: m.applicationId, text: m.text });
        break;
      }
      case 'documents':
        break;
    }
  }
  return { before, record: after, transition, spec, effects: decision.effects, notifications };
}

/** Title of a state, for messages (the id when the programme does not name it). */
export const stateTitle = (program: Program, id: string): string => findState(program, id)?.title ?? id;

/** The programme's transition, or undefined. */
export const transitionOf = (program: Program, id: string): TransitionSpec | undefined =>
  findTransition(program, id);
