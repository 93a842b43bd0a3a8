import type { Program } from '@shenbao/core';
import type { ComponentType } from 'react';
import { displayValue } from '../display-value';
import {
  bestEntry,
  type CellProps,
  cellKindOf,
  controlOf,
  type Field,
  hasCell,
  hasPrint,
  type ShenbaoEntry,
  testerContext,
} from '../fields/entry';
import { childPointer } from '../pointer';
import { deref, type Option, propertiesOf, type SchemaNode, titleOf } from '../schema';
import { plainCell } from './cell-kinds';

export interface Column {
  /** Pointer relative to the row, e.g. `/authorization/document`. */
  key: string;
  title: string;
  /** The cell kind's name (`text`, `longtext`, `date`, or a registered kind's). */
  kind: string;
  required: boolean;
  options?: Option[];
  width: number;
  /** Too wide or too tall for a compact row (long text, several choices). */
  long?: boolean;
  /** The cell, chosen by the registry once for the column (highest-ranked tester with a cell). */
  cell: ComponentType<CellProps>;
  /** The value as read-only text (print), chosen the same way. */
  text: (value: unknown) => string;
}

/**
 * Columns of a table of objects: each property, nested objects flattened one level. Each column
 * asks the registry (`entries`: ours, plus those a form registers; highest-ranked tester wins) for
 * its cell once, here, and for its print text once when first asked — never per row, per render
 * or per keystroke.
 */
export function columnsOf(
  program: Program,
  root: SchemaNode,
  items: SchemaNode,
  entries: readonly ShenbaoEntry[],
): Column[] {
  const context = testerContext(program, root);
  const out: Column[] = [];
  const add = (node: SchemaNode, base: string, prefix: string, depth: number): void => {
    const n = deref(root, node);
    const required = new Set(Array.isArray(n.required) ? (n.required as string[]) : []);
    for (const [key, child] of Object.entries(propertiesOf(root, n))) {
      const c = deref(root, child);
      const title = titleOf(c, key);
      const pointer = childPointer(base, key);
      if (c.type === 'object' && depth < 2) {
        add(c, pointer, `${prefix}${title}·`, depth + 1);
        continue;
      }
      const field: Field = { program, root, schema: c };
      const { uischema, schema } = controlOf(pointer, c);
      const cellEntry = bestEntry(entries, hasCell, uischema, schema, context);
      const kind = (cellEntry && cellKindOf(cellEntry, field)) ?? plainCell(field);
      // A block of print (a nested table) cannot stand in a cell: its text, else the plain text.
      // Chosen on first use (the print view, an export), not when a form's table first renders.
      let text: ((value: unknown) => string) | undefined;
      const printText = (): ((value: unknown) => string) => {
        if (!text) {
          const entryText = bestEntry(entries, hasPrint, uischema, schema, context)?.text;
          text = entryText ? (v) => entryText(v, field) : (v) => displayValue(program, root, c, v);
        }
        return text;
      };
      out.push({
        key: pointer,
        title: `${prefix}${title}`,
        kind: kind.kind,
        options: kind.options?.(field),
        required: required.has(key),
        width: kind.width,
        long: kind.long,
        cell: kind.component,
        text: (v) => printText()(v),
      });
    }
  };
  add(items, '', '', 0);
  return out;
}

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
  return columns.filter((c) => !c.long).slice(0, DEFAULT_KEYS);
}
