import { getPointer, type SchemaNode } from '@shenbao/core';
import { tokensOf } from './pointer';

export type { SchemaNode };

export const isNode = (v: unknown): v is SchemaNode =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows local `#/...` references (siblings of `$ref` win, as core does). */
export function deref(root: SchemaNode, node: SchemaNode, depth = 0): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 32) return node;
  const target = getPointer(root, decodeURIComponent(ref.slice(1)));
  if (!isNode(target)) return node;
  const { $ref: _ref, ...rest } = node;
  return deref(root, { ...target, ...rest }, depth + 1);
}

/** Properties declared directly and in `allOf` / `then` / `else` branches. */
export function propertiesOf(root: SchemaNode, node: SchemaNode): Record<string, SchemaNode> {
  const n = deref(root, node);
  const out: Record<string, SchemaNode> = {};
  const add = (s: unknown): void => {
    if (!isNode(s)) return;
    const d = deref(root, s);
    if (isNode(d.properties)) for (const [k, v] of Object.entries(d.properties)) if (isNode(v)) out[k] ??= v;
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = d[key];
      if (Array.isArray(list)) for (const x of list) add(x);
    }
    add(d.then);
    add(d.else);
  };
  add(n);
  return out;
}

/** The schema of one child (object property or array item). */
export function childSchema(root: SchemaNode, node: SchemaNode, token: string): SchemaNode | undefined {
  const n = deref(root, node);
  if (/^\d+$/.test(token) && isNode(n.items)) return deref(root, n.items);
  const p = propertiesOf(root, n)[token];
  return p ? deref(root, p) : undefined;
}

/** The schema at a data pointer. */
export function schemaAt(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const t of tokensOf(pointer)) {
    if (!node) return undefined;
    node = childSchema(root, node, t);
  }
  return node;
}

export function isRequired(root: SchemaNode, parent: SchemaNode | undefined, key: string): boolean {
  if (!parent) return false;
  const req = deref(root, parent).required;
  return Array.isArray(req) && req.includes(key);
}

export interface Option {
  value: string;
  label: string;
  group?: string;
}

/** Choices of an enum or a oneOf of consts, with their titles. */
export function enumOptions(root: SchemaNode, node: SchemaNode | undefined): Option[] | undefined {
  if (!node) return undefined;
  const n = deref(root, node);
  if (Array.isArray(n.enum)) return n.enum.map((v) => ({ value: String(v), label: String(v) }));
  if (Array.isArray(n.oneOf) && n.oneOf.every((o) => isNode(o) && 'const' in o)) {
    return (n.oneOf as SchemaNode[]).map((o) => ({
      value: String(o.const),
      label: typeof o.title === 'string' ? o.title : String(o.const),
    }));
  }
  return undefined;
}

export const titleOf = (node: SchemaNode | undefined, fallback = ''): string =>
  node && typeof node.title === 'string' ? node.title : fallback;

export const typeOf = (node: SchemaNode | undefined): string | undefined => {
  const t = node?.type;
  return typeof t === 'string' ? t : Array.isArray(t) ? String(t.find((x) => x !== 'null')) : undefined;
};

/** A unit written at the end of a title, as forms do in China: `合同金额（万元）` → `万元`. */
export function unitOf(title: string): string | undefined {
  const m = /[（(]([^（）()]{1,6})[)）]\s*$/.exec(title);
  return m ? m[1] : undefined;
}

/** The title without its trailing unit, for use beside a unit adornment. */
export function titleWithoutUnit(title: string): string {
  return title.replace(/[（(][^（）()]{1,6}[)）]\s*$/, '');
}
