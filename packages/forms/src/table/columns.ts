import type { Program } from '@shenbao/core';
import { childPointer } from '../pointer';
import { cachedReferenceOptions } from '../reference-options';
import { deref, enumOptions, isNode, type Option, propertiesOf, type SchemaNode, titleOf } from '../schema';

export type ColumnKind = 'text' | 'longtext' | 'number' | 'date' | 'select' | 'boolean' | 'multi' | 'uscc';

export interface Column {
  /** Pointer relative to the row, e.g. `/authorization/document`. */
  key: string;
  title: string;
  kind: ColumnKind;
  required: boolean;
  options?: Option[];
  width: number;
}

const WIDTH: Record<ColumnKind, number> = {
  text: 160,
  longtext: 240,
  number: 110,
  date: 140,
  select: 160,
  boolean: 90,
  multi: 190,
  uscc: 200,
};

const YES_NO: Option[] = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

function kindOf(
  program: Program,
  root: SchemaNode,
  node: SchemaNode,
): { kind: ColumnKind; options?: Option[] } {
  const n = deref(root, node);
  if (n.type === 'array' && isNode(n.items)) {
    const items = deref(root, n.items);
    const options = enumOptions(root, items) ?? cachedReferenceOptions(program, String(items.format ?? ''));
    return { kind: 'multi', options: options ?? [] };
  }
  if (n.type === 'boolean') return { kind: 'boolean', options: YES_NO };
  if (n.type === 'number' || n.type === 'integer') return { kind: 'number' };
  const options =
    enumOptions(root, n) ??
    cachedReferenceOptions(program, typeof n.format === 'string' ? n.format : undefined);
  if (options) return { kind: 'select', options };
  if (n.format === 'date') return { kind: 'date' };
  if (n.format === 'uscc') return { kind: 'uscc' };
  if (typeof n.maxLength === 'number' && n.maxLength > 200) return { kind: 'longtext' };
  return { kind: 'text' };
}

/** Columns of a table of objects: each property, nested objects flattened one level. */
export function columnsOf(program: Program, root: SchemaNode, items: SchemaNode): Column[] {
  const out: Column[] = [];
  const add = (node: SchemaNode, base: string, prefix: string, depth: number): void => {
    const n = deref(root, node);
    const required = new Set(Array.isArray(n.required) ? (n.required as string[]) : []);
    for (const [key, child] of Object.entries(propertiesOf(root, n))) {
      const c = deref(root, child);
      const title = titleOf(c, key);
      if (c.type === 'object' && depth < 2) {
        add(c, childPointer(base, key), `${prefix}${title}·`, depth + 1);
        continue;
      }
      const { kind, options } = kindOf(program, root, c);
      out.push({
        key: childPointer(base, key),
        title: `${prefix}${title}`,
        kind,
        options,
        required: required.has(key),
        width: WIDTH[kind],
      });
    }
  };
  add(items, '', '', 0);
  return out;
}

/** Kinds too wide or too tall to stand in a table's compact row: they go to the row's form. */
const LONG: ReadonlySet<ColumnKind> = new Set(['longtext', 'multi']);
/** Columns a compact row shows when the UI schema names none. */
const DEFAULT_KEYS = 3;
/** A table whose columns together are no wider than this (px) shows them all, with no row form. */
const ALL_INLINE = 560;

/**
 * The columns a table shows in its compact rows: those the UI schema's `keyColumns` option names
 * (property names, or row-relative pointers for nested ones); else all of them when they are few
 * and narrow (a two-column list of corrections), else the first three short ones.
 * The others are edited in the row's form, opened under it, so no table is wider than the page.
 */
export function keyColumnsOf(columns: readonly Column[], option: unknown): Column[] {
  if (Array.isArray(option)) {
    const wanted = option.map((k) => (String(k).startsWith('/') ? String(k) : `/${String(k)}`));
    const named = wanted.flatMap((k) => columns.filter((c) => c.key === k));
    if (named.length > 0) return named;
  }
  if (columns.reduce((w, c) => w + c.width, 0) <= ALL_INLINE) return [...columns];
  return columns.filter((c) => !LONG.has(c.kind)).slice(0, DEFAULT_KEYS);
}
