import { guardData } from '@shenbao/core';
import { childPointer } from '../pointer';
import { deref, isNode, propertiesOf, type SchemaNode } from '../schema';

/** A field the current schema no longer knows, kept aside instead of being dropped. */
export interface AsideField {
  path: string;
  value: unknown;
  /** Schema version of the draft it came from. */
  fromVersion: string;
}

/** What is autosaved and exported: the data plus where it came from. */
export interface Draft {
  format: 'shenbao-draft';
  key: string;
  programId: string;
  form: string;
  year?: number;
  schemaVersion: string;
  data: unknown;
  aside: AsideField[];
  step?: number;
  savedAt?: string;
  submittedAt?: string;
}

/** Empty objects for every required object property, so errors name fields, not sections. */
export function skeleton(root: SchemaNode, node: SchemaNode = root): Record<string, unknown> {
  const n = deref(root, node);
  const out: Record<string, unknown> = {};
  const required = Array.isArray(n.required) ? (n.required as string[]) : [];
  const props = propertiesOf(root, n);
  for (const key of required) {
    const p = props[key];
    if (!p) continue;
    const d = deref(root, p);
    if (d.type === 'object') out[key] = skeleton(root, d);
  }
  return out;
}

/** A new row for an array of objects: required nested objects exist, the rest is empty. */
export function newRow(root: SchemaNode, items: SchemaNode | undefined): unknown {
  if (!items) return undefined;
  const d = deref(root, items);
  if (d.type === 'object') return skeleton(root, d);
  return undefined;
}

/**
 * Splits data into what the schema knows and what it does not. Closed objects
 * (`additionalProperties: false`) lose their unknown keys to `aside`; open ones keep them.
 */
export function splitUnknown(
  root: SchemaNode,
  data: unknown,
): { data: unknown; aside: { path: string; value: unknown }[] } {
  const aside: { path: string; value: unknown }[] = [];
  // Each schema node resolved once per walk, not once per row (a hundred rows share one).
  const resolved = new Map<SchemaNode, { n: SchemaNode; props: Record<string, SchemaNode> }>();
  const resolve = (node: SchemaNode) => {
    let r = resolved.get(node);
    if (!r) {
      const n = deref(root, node);
      r = { n, props: propertiesOf(root, n) };
      resolved.set(node, r);
    }
    return r;
  };
  const walk = (node: SchemaNode | undefined, value: unknown, path: string): unknown => {
    if (!node || value === null || typeof value !== 'object') return value;
    const { n, props } = resolve(node);
    if (Array.isArray(value)) {
      const items = isNode(n.items) ? n.items : undefined;
      if (!items) return value;
      let changed = false;
      const out = value.map((v, i) => {
        const w = walk(items, v, childPointer(path, i));
        if (w !== v) changed = true;
        return w;
      });
      return changed ? out : value;
    }
    const closed = n.additionalProperties === false;
    const hasProps = Object.keys(props).length > 0;
    if (!hasProps && !closed) return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = props[k];
      if (p) {
        const w = walk(p, v, childPointer(path, k));
        if (w !== v) changed = true;
        out[k] = w;
      } else if (closed) {
        aside.push({ path: childPointer(path, k), value: v });
        changed = true;
      } else out[k] = v;
    }
    return changed ? out : value;
  };
  return { data: walk(root, data, ''), aside };
}

/**
 * Brings a saved draft to the current schema: fields the schema no longer has move to
 * `aside` (shown to the applicant, exported with the draft), never silently dropped.
 */
export function migrateDraft(draft: Draft, schema: SchemaNode, schemaVersion: string): Draft {
  const { data, aside } = splitUnknown(schema, draft.data ?? {});
  const fresh = aside.map((a) => ({ ...a, fromVersion: draft.schemaVersion }));
  const known = new Set(draft.aside.map((a) => a.path));
  const merged = [...draft.aside, ...fresh.filter((a) => !known.has(a.path))];
  const base = skeleton(schema);
  return { ...draft, schemaVersion, data: fillSkeleton(base, data), aside: merged };
}

function fillSkeleton(base: Record<string, unknown>, data: unknown): unknown {
  if (!isNode(data)) return data;
  const out: Record<string, unknown> = { ...data };
  for (const [k, v] of Object.entries(base)) {
    if (out[k] === undefined) out[k] = v;
    else if (isNode(v) && isNode(out[k])) out[k] = fillSkeleton(v, out[k]);
  }
  return out;
}

export interface DraftProblem {
  message: string;
}

/** Reads an exported draft (or bare data) file; zh-CN reasons when it cannot. */
export function parseDraftFile(
  text: string,
  expect: { programId: string; form: string },
): { draft: Omit<Draft, 'key'> } | DraftProblem {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: '文件内容无法识别，无法导入（请选择本系统导出的草稿文件）' };
  }
  const guard = guardData(json);
  if (guard) return { message: guard.message };
  if (!isNode(json)) return { message: '文件内容无法识别，无法导入（请选择本系统导出的草稿文件）' };
  if (json.format === 'shenbao-draft') {
    if (json.programId !== expect.programId)
      return { message: `该草稿属于项目“${String(json.programId)}”，与当前项目不一致` };
    if (json.form !== expect.form)
      return { message: `该草稿属于表单“${String(json.form)}”，与当前表单不一致` };
    const aside = Array.isArray(json.aside) ? (json.aside as AsideField[]) : [];
    return {
      draft: {
        format: 'shenbao-draft',
        programId: expect.programId,
        form: expect.form,
        year: typeof json.year === 'number' ? json.year : undefined,
        schemaVersion: typeof json.schemaVersion === 'string' ? json.schemaVersion : '',
        data: json.data ?? {},
        aside,
      },
    };
  }
  // Bare application data (for example examples/application.json).
  return {
    draft: {
      format: 'shenbao-draft',
      programId: expect.programId,
      form: expect.form,
      schemaVersion: '',
      data: json,
      aside: [],
    },
  };
}
