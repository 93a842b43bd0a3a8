import { cnDateTime } from '../formats/cn-date';
import type { Check, TransitionSpec } from '../generated/program';
import { type Program, ProgramLoadError } from '../program/program';
import { evaluateCheck } from '../rules/checks';
import type { SchemaNode } from '../validation/schema-walk';

/**
 * What a transition's guard reads (paths in `guard` checks and `deadline.from` are pointers into
 * it). The server assembles it from the stored application; the engine only reads it.
 */
export interface GuardDocument {
  /** The application data. */
  application?: unknown;
  /** The input given with this transition (its `record` form). */
  record?: unknown;
  /** Records of transitions taken since the application last entered its current state, by transition id. */
  history?: Record<string, unknown[]>;
  /** Review forms submitted in the current review state; `score` is the aggregate. */
  reviews?: { count: number; score?: number; scores?: number[] };
  objections?: { open: number; upheld: number; dismissed: number };
  /** The current state (filled in by the engine). */
  state?: string;
  /** Business date in the programme's time zone (filled in from `now` when absent). */
  today?: string;
  /**
   * Open deadlines of the current state: the transition a deadline fires is not taken before
   * it is due (a 公示 is not ended early by hand).
   */
  deadlines?: { transition: string; due: string }[];
}

const schemas = new WeakMap<Program, Map<string, SchemaNode>>();

function formSchemaOr(program: Program, form: string | undefined): SchemaNode {
  if (form === undefined || !program.manifest.forms[form]) return {};
  try {
    return program.formSchema(form);
  } catch (e) {
    if (e instanceof ProgramLoadError) return {};
    throw e;
  }
}

/**
 * A JSON Schema of the guard document for one transition, used for field titles in refusals
 * and by the lint to check guard paths. The application, the record and the history items are
 * the programme's own forms; their `definitions` are hoisted so their local `$ref`s resolve.
 */
export function guardSchema(program: Program, transition?: TransitionSpec): SchemaNode {
  let byTransition = schemas.get(program);
  if (!byTransition) {
    byTransition = new Map();
    schemas.set(program, byTransition);
  }
  const key = transition?.id ?? '';
  const hit = byTransition.get(key);
  if (hit) return hit;
  const m = program.manifest;
  const application = formSchemaOr(program, m.submission?.form ?? m.eligibility.form);
  const record = formSchemaOr(program, transition?.record);
  const definitions: Record<string, unknown> = {};
  const history: Record<string, SchemaNode> = {};
  const hoist = (s: SchemaNode) => Object.assign(definitions, s.definitions ?? {});
  hoist(application);
  hoist(record);
  for (const t of m.procedure.transitions) {
    if (!t.record) continue;
    const item = formSchemaOr(program, t.record);
    hoist(item);
    history[t.id] = { type: 'array', title: t.title, items: item };
  }
  const count = (title: string) => ({ type: 'integer', title });
  const schema: SchemaNode = {
    type: 'object',
    definitions,
    properties: {
      application,
      record,
      history: { type: 'object', title: '办理记录', properties: history },
      reviews: {
        type: 'object',
        title: '评审',
        properties: {
          count: count('评审份数'),
          score: { type: 'number', title: '评审得分' },
          scores: { type: 'array', title: '各专家评分', items: { type: 'number' } },
        },
      },
      objections: {
        type: 'object',
        title: '异议',
        properties: {
          open: count('未处理的异议'),
          upheld: count('成立的异议'),
          dismissed: count('不成立的异议'),
        },
      },
      state: { type: 'string', title: '当前状态' },
      today: { type: 'string', format: 'date', title: '当日' },
    },
  };
  byTransition.set(key, schema);
  return schema;
}

/**
 * Why a transition cannot be taken now, by its guard and by an open deadline it must wait for
 * (empty when it can). Reasons are Chinese, from the programme's data where it gives them.
 */
export function guardProblems(
  program: Program,
  transition: TransitionSpec,
  document: GuardDocument,
  now: Date,
  targets?: unknown,
): string[] {
  const ctx = { program, targets, schema: guardSchema(program, transition) };
  const reasons = (transition.guard ?? []).flatMap((check: Check) =>
    evaluateCheck(ctx, check, { data: document, base: '' }),
  );
  for (const d of document.deadlines ?? [])
    if (d.transition === transition.id && now.getTime() < Date.parse(d.due))
      reasons.push(
        `「${transition.title}」须待期限届满（${cnDateTime(d.due, program.manifest.timezone)}）后办理`,
      );
  return reasons;
}
