import type { ProcedureState, TransitionSpec } from '../generated/program';
import type { Program } from '../program/program';
import { isoDateIn } from '../rules/submission';
import type { ValidationError } from '../validation/messages';
import { deadlineFor } from './deadline';
import { type GuardDocument, guardProblems } from './guard-document';
import { fillMessage } from './message';

export interface DecideInput {
  /** The application's current state. */
  state: string;
  transitionId: string;
  /** The procedure roles the actor holds in this programme (see `rolesOf`). */
  roles: readonly string[];
  /** What guards read; `record` is the input given with this transition. */
  document: GuardDocument;
  /** 说明理由 given with the transition. */
  reason?: string;
  now: Date;
  /** The year's targets, for guard checks that read `targets:/…`. */
  targets?: unknown;
  /** Extra message placeholders, e.g. `application` (defaults to the programme's title). */
  vars?: Record<string, string>;
}

export type Effect =
  | {
      type: 'deadline';
      state: string;
      transition: string;
      /** ISO instant (UTC) at which the scheduler fires `transition`. */
      due: string;
      article?: string;
      /** e.g. 公示期2026年9月24日至2026年9月30日 */
      note: string;
      /** e.g. the period contains a public holiday. */
      warnings?: string[];
    }
  /** Leaving a state clears its open deadlines. */
  | { type: 'clearDeadlines' }
  | { type: 'notify'; audience: 'applicant'; text: string }
  | { type: 'documents'; ids: string[] };

export type RefusalCode = 'UNKNOWN_TRANSITION' | 'ROLE' | 'ILLEGAL' | 'REASON' | 'RECORD' | 'GUARD';

export type Decision =
  | { ok: true; from: string; to: string; transition: TransitionSpec; effects: Effect[] }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409 | 422;
      code: RefusalCode;
      /** Chinese, naming the state or the transition. */
      message: string;
      /** Guard refusals: each failing check's reason. */
      reasons?: string[];
      /** Record refusals: the record form's validation errors, with field paths. */
      errors?: ValidationError[];
    };

const refuse = (
  status: 400 | 403 | 404 | 409 | 422,
  code: RefusalCode,
  message: string,
  extra: { reasons?: string[]; errors?: ValidationError[] } = {},
): Decision => ({ ok: false, status, code, message, ...extra });

export function findState(program: Program, id: string): ProcedureState | undefined {
  return program.manifest.procedure.states.find((s) => s.id === id);
}

export function findTransition(program: Program, id: string): TransitionSpec | undefined {
  return program.manifest.procedure.transitions.find((t) => t.id === id);
}

/** The transitions a holder of `roles` may take from `state` (guards not considered): what a console offers. */
export function allowedTransitions(
  program: Program,
  state: string,
  roles: readonly string[],
): TransitionSpec[] {
  return program.manifest.procedure.transitions.filter(
    (t) => t.from.includes(state) && t.roles.some((r) => roles.includes(r)),
  );
}

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** The record given with a transition, checked against the transition's record form. */
function recordRefusal(program: Program, t: TransitionSpec, record: unknown): Decision | undefined {
  if (!t.record)
    return isEmpty(record) ? undefined : refuse(400, 'RECORD', `「${t.title}」无需登记内容`, { errors: [] });
  const form = program.manifest.forms[t.record]?.title ?? t.record;
  const { valid, errors } = program.validate({ form: t.record }, record ?? {});
  if (valid) return undefined;
  const listed = errors
    .slice(0, 3)
    .map((e) => e.message)
    .join('；');
  return refuse(400, 'RECORD', `「${form}」填写有误：${listed}${errors.length > 3 ? '等' : ''}`, { errors });
}

/**
 * Whether an actor holding `roles` may take a transition from `state`, and if so what follows:
 * the new state and the effects the caller applies (deadlines set or cleared, a message to the
 * applicant, documents). A "no" is a value with its reason in Chinese, never an exception.
 * Checked in order: the transition exists, the role, the state, the reason, the record, the guard.
 */
export function decide(program: Program, input: DecideInput): Decision {
  const proc = program.manifest.procedure;
  const t = findTransition(program, input.transitionId);
  if (!t) return refuse(404, 'UNKNOWN_TRANSITION', `没有名为「${input.transitionId}」的办理事项`);
  if (!t.roles.some((r) => input.roles.includes(r))) {
    const titles = t.roles.map((r) => proc.roles.find((x) => x.id === r)?.title ?? r);
    return refuse(403, 'ROLE', `「${t.title}」须由${titles.join('或')}办理`);
  }
  const from = findState(program, input.state);
  if (!t.from.includes(input.state))
    return refuse(409, 'ILLEGAL', `当前状态「${from?.title ?? input.state}」不能执行「${t.title}」`);
  if (t.reason === 'required' && !input.reason?.trim())
    return refuse(400, 'REASON', `请填写「${t.title}」的理由`);
  const bad = recordRefusal(program, t, input.document.record);
  if (bad) return bad;

  const document: GuardDocument = {
    ...input.document,
    history: input.document.history ?? {},
    state: input.state,
    today: input.document.today ?? isoDateIn(input.now, program.manifest.timezone),
  };
  const reasons = guardProblems(program, t, document, input.now, input.targets);
  if (reasons.length > 0)
    return refuse(422, 'GUARD', `不能办理「${t.title}」：${reasons.join('；')}`, { reasons });

  const to = findState(program, t.to);
  const effects: Effect[] = [];
  if (t.to !== input.state) {
    effects.push({ type: 'clearDeadlines' });
    const d = deadlineFor(program, t.to, document, t.id);
    if (d && !d.ok)
      return refuse(422, 'GUARD', `不能办理「${t.title}」：${d.reason}`, { reasons: [d.reason] });
    if (d?.ok)
      effects.push({
        type: 'deadline',
        state: d.state,
        transition: d.transition,
        due: d.due,
        note: d.note,
        ...(d.article ? { article: d.article } : {}),
        ...(d.warnings.length > 0 ? { warnings: d.warnings } : {}),
      });
  }
  const template = t.message ?? proc.defaultMessage;
  if (t.notify === 'applicant' && template) {
    const vars = {
      title: t.title,
      state: to?.title ?? t.to,
      reason: input.reason?.trim() ?? '',
      application: program.manifest.title,
      ...input.vars,
    };
    effects.push({
      type: 'notify',
      audience: 'applicant',
      text: fillMessage(template, vars, document.record),
    });
  }
  if (t.documents?.length) effects.push({ type: 'documents', ids: [...t.documents] });
  return { ok: true, from: input.state, to: t.to, transition: t, effects };
}
