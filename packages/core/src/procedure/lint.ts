import type { Check, ProgramManifest } from '../generated/program';
import { parsePointer } from '../json-pointer';
import type { Program } from '../program/program';
import { childSchema, type SchemaNode } from '../validation/schema-walk';
import { guardSchema } from './guard-document';
import { MESSAGE_PLACEHOLDERS, placeholders } from './message';

type Add = (path: string, message: string) => void;
/** The manifest lint's check of one check's paths and references, against a schema. */
type LintCheck = (schema: SchemaNode, check: Check, base: string, at: string) => void;

const P = '/procedure';

/** Does a pointer with `*` steps (every item or property) name fields of the schema, for every match? */
function starPathExists(root: SchemaNode, node: SchemaNode | undefined, tokens: string[]): boolean {
  if (!node) return false;
  const [head, ...rest] = tokens;
  if (head === undefined) return true;
  if (head !== '*') return starPathExists(root, childSchema(root, node, head), rest);
  const items = childSchema(root, node, '0');
  if (items) return starPathExists(root, items, rest);
  const props = node.properties as Record<string, SchemaNode> | undefined;
  const names = props ? Object.keys(props) : [];
  return names.length > 0 && names.every((n) => starPathExists(root, childSchema(root, node, n), rest));
}

/**
 * The procedure as a whole: states reachable from `initial`, transitions between known states
 * taken by known roles, known record forms and documents, deadlines that fire a transition
 * leaving their state by the system, final states that stay final, one submission transition,
 * guard paths and message placeholders that name real fields, a review sheet that scores.
 */
export function lintProcedure(program: Program, add: Add, lintCheck: LintCheck): void {
  const m: ProgramManifest = program.manifest;
  const proc = m.procedure;
  const states = new Map(proc.states.map((s) => [s.id, s]));
  const roles = new Map(proc.roles.map((r) => [r.id, r]));
  const transitions = new Map(proc.transitions.map((t) => [t.id, t]));
  const steps = new Set(proc.steps.map((s) => s.id));
  const documents = new Set((m.documents ?? []).map((d) => d.id));
  const title = (id: string) => states.get(id)?.title ?? id;
  // A form whose file is missing or unreadable is reported by the manifest lint; here it is just absent.
  const formSchema = (form: string): SchemaNode | undefined => {
    if (!m.forms[form]) return undefined;
    try {
      return program.formSchema(form);
    } catch {
      return undefined;
    }
  };

  const duplicates = (kind: string, key: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) add(`${P}/${key}/${i}/id`, `${kind}编号重复：${id}`);
      seen.add(id);
    });
  };
  duplicates(
    '状态',
    'states',
    proc.states.map((s) => s.id),
  );
  duplicates(
    '办理事项',
    'transitions',
    proc.transitions.map((t) => t.id),
  );
  duplicates(
    '角色',
    'roles',
    proc.roles.map((r) => r.id),
  );
  if (!states.has(proc.initial)) add(`${P}/initial`, `初始状态「${proc.initial}」不存在`);

  proc.transitions.forEach((t, i) => {
    const at = `${P}/transitions/${i}`;
    t.from.forEach((s, j) => {
      if (!states.has(s)) add(`${at}/from/${j}`, `办理事项「${t.title}」的起始状态「${s}」不存在`);
      else if (states.get(s)?.final)
        add(`${at}/from/${j}`, `终止状态「${title(s)}」不能再有办理事项，但「${t.title}」从它出发`);
    });
    if (!states.has(t.to)) add(`${at}/to`, `办理事项「${t.title}」指向不存在的状态「${t.to}」`);
    t.roles.forEach((r, j) => {
      if (!roles.has(r))
        add(`${at}/roles/${j}`, `办理事项「${t.title}」的办理角色「${r}」未在 procedure.roles 中定义`);
    });
    if (t.record && !m.forms[t.record])
      add(`${at}/record`, `办理事项「${t.title}」登记的表单「${t.record}」未在 forms 中定义`);
    (t.documents ?? []).forEach((d, j) => {
      if (!documents.has(d))
        add(`${at}/documents/${j}`, `办理事项「${t.title}」产生的文书「${d}」未在 documents 中定义`);
    });
    const schema = guardSchema(program, t);
    (t.guard ?? []).forEach((c, j) => {
      lintCheck(schema, c, '', `${at}/guard/${j}`);
    });
    if (t.notify) {
      const template = t.message ?? proc.defaultMessage;
      if (!template)
        add(
          `${at}/notify`,
          `办理事项「${t.title}」要通知申报单位，但没有 message，procedure 也没有 defaultMessage`,
        );
      const recordSchema = t.record ? formSchema(t.record) : undefined;
      const fields = Object.keys((recordSchema?.properties as object | undefined) ?? {});
      for (const name of placeholders(t.message ?? ''))
        if (!(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name) && !fields.includes(name))
          add(`${at}/message`, `办理事项「${t.title}」的通知模板含未知占位符 {${name}}`);
    }
  });
  for (const name of placeholders(proc.defaultMessage ?? ''))
    if (!(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name))
      add(`${P}/defaultMessage`, `默认通知模板含未知占位符 {${name}}`);

  const submissions = proc.transitions.filter((t) => t.kind === 'submission');
  if (submissions.length === 0)
    add(`${P}/transitions`, '没有 kind 为 submission 的办理事项（申报单位提交申报）');
  if (submissions.length > 1)
    add(
      `${P}/transitions`,
      `kind 为 submission 的办理事项只能有一个：${submissions.map((t) => t.title).join('、')}`,
    );
  for (const t of submissions)
    if (!t.roles.some((r) => roles.get(r)?.account === 'applicant'))
      add(
        `${P}/transitions/${proc.transitions.indexOf(t)}/roles`,
        `提交申报「${t.title}」须由申报单位角色办理`,
      );

  proc.states.forEach((s, i) => {
    const at = `${P}/states/${i}`;
    if (s.step && !steps.has(s.step))
      add(`${at}/step`, `状态「${s.title}」所属环节「${s.step}」不在 procedure.steps 中`);
    if (s.outcome && !s.final) add(`${at}/outcome`, `状态「${s.title}」不是终止状态，不应设置 outcome`);
    const leaving = proc.transitions.filter((t) => t.from.includes(s.id) && t.to !== s.id);
    if (!s.final && leaving.length === 0)
      add(at, `状态「${s.title}」不是终止状态，却没有可以离开它的办理事项`);
    const d = s.deadline;
    if (!d) return;
    if (d.rule === undefined && d.days === undefined)
      add(`${at}/deadline`, `状态「${s.title}」的期限须设置 rule 或 days`);
    if (d.rule !== undefined && (d.days !== undefined || d.unit !== undefined))
      add(`${at}/deadline`, `状态「${s.title}」的期限设置了 rule，不能再设置 days 或 unit`);
    const fired = transitions.get(d.fire);
    if (!fired) add(`${at}/deadline/fire`, `状态「${s.title}」的期限到期时执行的事项「${d.fire}」不存在`);
    else {
      if (!fired.from.includes(s.id) || fired.to === s.id)
        add(
          `${at}/deadline/fire`,
          `状态「${s.title}」的期限到期时执行的「${fired.title}」不是离开该状态的办理事项`,
        );
      if (!fired.roles.some((r) => roles.get(r)?.account === 'system'))
        add(
          `${at}/deadline/fire`,
          `「${fired.title}」由状态「${s.title}」的期限到期自动执行，但其办理角色中没有系统角色（account 为 system）`,
        );
    }
    proc.transitions.forEach((t, j) => {
      if (t.to !== s.id || t.from.every((f) => f === s.id)) return;
      if (!starPathExists(guardSchema(program, t), guardSchema(program, t), parsePointer(d.from)))
        add(
          `${at}/deadline/from`,
          `进入「${s.title}」的「${t.title}」不提供期限的起始日期 ${d.from}（/procedure/transitions/${j}）`,
        );
    });
  });

  // Reachability from the initial state.
  const reached = new Set<string>([proc.initial]);
  const queue = [proc.initial];
  for (let s = queue.pop(); s !== undefined; s = queue.pop())
    for (const t of proc.transitions)
      if (t.from.includes(s) && !reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
  proc.states.forEach((s, i) => {
    if (states.has(proc.initial) && !reached.has(s.id))
      add(`${P}/states/${i}`, `状态「${s.title}」从初始状态「${title(proc.initial)}」无法到达`);
  });

  const review = proc.review;
  if (!review) return;
  const form = m.forms[review.form];
  if (!form) add(`${P}/review/form`, `评审表「${review.form}」未在 forms 中定义`);
  review.states.forEach((s, i) => {
    if (!states.has(s)) add(`${P}/review/states/${i}`, `评审状态「${s}」不存在`);
  });
  if (review.aggregate === 'trimmedMean' && review.minReviewers < 3)
    add(
      `${P}/review/minReviewers`,
      `去掉一个最高分和一个最低分后平均（trimmedMean）至少需要3份评分，minReviewers 为${review.minReviewers}`,
    );
  const sheet = formSchema(review.form);
  if (!sheet) return;
  review.score.forEach((term, i) => {
    const at = `${P}/review/score/${i}`;
    const tokens = parsePointer(term.sum);
    const stars = tokens.filter((t) => t === '*').length;
    if (stars > 1) add(`${at}/sum`, `评分项 ${term.sum} 只能含一个 *`);
    else if (!starPathExists(sheet, sheet, tokens)) add(`${at}/sum`, `评分项 ${term.sum} 在评分表中不存在`);
    const star = tokens.indexOf('*');
    const itemBase = star < 0 ? '' : `/${[...tokens.slice(0, star), '0'].join('/')}`;
    (term.where ?? []).forEach((c, j) => {
      lintCheck(sheet, c, itemBase, `${at}/where/${j}`);
    });
  });
}
