import { getPointer, type Program } from '@shenbao/core';
import { enumOptions, type SchemaNode, schemaAt } from '@shenbao/forms';

export interface SchemaChange {
  /** Pointer into the schema, e.g. `/properties/commitments/properties/hallArea/minimum`. */
  path: string;
  field: string;
  keyword: string;
  before: string;
  after: string;
  changed: boolean;
}

const KEYWORDS: Record<string, string> = {
  minimum: '最小值',
  maximum: '最大值',
  exclusiveMinimum: '下限（不含）',
  minItems: '最少项数',
  maxItems: '最多项数',
  minLength: '最少字数',
  pattern: '格式要求',
  allOf: '须包含的选项',
  enum: '可选值',
  required: '必填项',
};

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf differences of two schemas (arrays compared whole; message texts ignored). */
export function schemaDiff(before: unknown, after: unknown, path = ''): string[] {
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[] = [];
    for (const k of keys) {
      if (k === 'x-messages' || k === '$id') continue;
      out.push(...schemaDiff(before[k], after[k], `${path}/${k}`));
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}

function fieldTitle(schema: SchemaNode, path: string): string {
  const parent = path.slice(0, path.lastIndexOf('/'));
  const node = getPointer(schema, parent);
  return isObj(node) && typeof node.title === 'string' ? node.title : parent;
}

function show(schema: SchemaNode, path: string, value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) {
    const consts = value
      .map((v) => (isObj(v) && isObj(v.contains) ? v.contains.const : undefined))
      .filter((v) => v !== undefined);
    if (consts.length > 0) {
      const node = getPointer(schema, path.slice(0, path.lastIndexOf('/')));
      const items = isObj(node) && isObj(node.items) ? (node.items as SchemaNode) : undefined;
      const options = items ? enumOptions(schema, items) : undefined;
      return consts.map((c) => options?.find((o) => o.value === c)?.label ?? String(c)).join('、');
    }
    return value.map(String).join('、');
  }
  if (typeof value === 'string' && path.endsWith('/pattern')) {
    const m = /^\^\(\?:(.*)\)$/.exec(value);
    return m ? `以 ${(m[1] as string).split('|').join('、')} 开头` : value;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One year as the comparison sees it: its targets and the form's schema they give. */
export interface YearSide {
  schema: SchemaNode;
  targets: unknown;
}

/** Every `targets:` pointer the programme's rules read (eligibility checks, at any depth). */
function ruleTargets(program: Program): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.startsWith('targets:')) out.push(v.slice('targets:'.length));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) Object.values(v).forEach(walk);
  };
  walk(program.manifest.eligibility);
  return [...new Set(out)];
}

/** The title of a targets value: its own, or its parent's when its own is a short shared one (`下限`). */
function targetTitle(program: Program, pointer: string): string {
  const schema = program.formSchema(program.manifest.targets.form);
  const own = schemaAt(schema, pointer)?.title;
  const parent = schemaAt(schema, pointer.slice(0, pointer.lastIndexOf('/')))?.title;
  if (typeof own === 'string' && (own.length > 3 || typeof parent !== 'string')) return own;
  return typeof parent === 'string' ? parent : pointer;
}

/**
 * What the year's targets change in a form's schema, compared with another year: every
 * keyword a targets overlay sets (changed or not), any other difference of the schemas, and
 * every targets value the programme's rules read that no overlay carries into the form (a rule's
 * minimum is a requirement too, though the schema does not show it).
 */
export function targetChanges(
  program: Program,
  form: string,
  before: YearSide,
  after: YearSide,
): SchemaChange[] {
  const paths: string[] = [];
  const carried = new Set<string>();
  for (const o of program.manifest.targets.overlays ?? []) {
    if (o.form !== form) continue;
    carried.add(o.from);
    const kw =
      o.op === 'set'
        ? o.keyword
        : o.op === 'prefixPattern'
          ? 'pattern'
          : o.op === 'containsAll'
            ? 'allOf'
            : 'enum';
    if (kw) paths.push(`${o.schemaPath}/${kw}`);
  }
  for (const p of schemaDiff(before.schema, after.schema)) if (!paths.includes(p)) paths.push(p);
  const rows = paths.map((path): SchemaChange => {
    const b = getPointer(before.schema, path);
    const a = getPointer(after.schema, path);
    const keyword = path.slice(path.lastIndexOf('/') + 1);
    return {
      path,
      field: fieldTitle(after.schema, path),
      keyword: KEYWORDS[keyword] ?? keyword,
      before: show(before.schema, path, b),
      after: show(after.schema, path, a),
      changed: JSON.stringify(a) !== JSON.stringify(b),
    };
  });
  for (const pointer of ruleTargets(program)) {
    if (carried.has(pointer)) continue;
    const b = getPointer(before.targets, pointer);
    const a = getPointer(after.targets, pointer);
    rows.push({
      path: `targets:${pointer}`,
      field: targetTitle(program, pointer),
      keyword: '审核条件',
      before: show(before.schema, pointer, b),
      after: show(after.schema, pointer, a),
      changed: JSON.stringify(a) !== JSON.stringify(b),
    });
  }
  return rows;
}
