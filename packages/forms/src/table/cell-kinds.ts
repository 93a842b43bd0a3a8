import type { CellKind, Field } from '../fields/entry';
import { cachedReferenceOptions } from '../reference-options';
import { deref, enumOptions, isNode, type Option, type SchemaNode } from '../schema';
import { normaliseUscc } from '../uscc';
import { dateText, numberText, parseDate, parseNumber } from '../values';
import { MultiCell, selectCell, textCell } from './table-cell';

/**
 * The built-in ways a table row edits a field. Each kind is made once, here: its cell component
 * is a module constant, so choosing a column's kind is a lookup, and every row shares it.
 */

const YES_NO: Option[] = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

const formatOf = (n: SchemaNode): string | undefined => (typeof n.format === 'string' ? n.format : undefined);
const itemsOf = (f: Field): SchemaNode | undefined =>
  isNode(f.schema.items) ? deref(f.root, f.schema.items) : undefined;

export const TEXT_CELL: CellKind = { kind: 'text', width: 160, component: textCell({}) };

export const LONGTEXT_CELL: CellKind = {
  kind: 'longtext',
  width: 240,
  long: true,
  component: textCell({ multiline: true }),
};

export const NUMBER_CELL: CellKind = {
  kind: 'number',
  width: 110,
  component: textCell({ parse: parseNumber, show: (v) => numberText(v), inputMode: 'decimal' }),
};

export const DATE_CELL: CellKind = {
  kind: 'date',
  width: 140,
  component: textCell({ parse: parseDate, show: dateText, placeholder: '2024年3月1日', calendar: true }),
};

export const USCC_CELL: CellKind = {
  kind: 'uscc',
  width: 200,
  component: textCell({ parse: normaliseUscc, mono: true }),
};

export const BOOLEAN_CELL: CellKind = {
  kind: 'boolean',
  width: 90,
  component: selectCell((v) => v === 'true'),
  options: () => YES_NO,
};

const SELECT = selectCell();
const NUMBER_SELECT = selectCell(Number);

/** One of a fixed list (`enum`, `oneOf` of `const`s); a numeric list stores numbers. */
export function enumCell(f: Field): CellKind {
  const numeric = f.schema.type === 'number' || f.schema.type === 'integer';
  return {
    kind: 'select',
    width: 160,
    component: numeric ? NUMBER_SELECT : SELECT,
    options: (field) => enumOptions(field.root, field.schema),
  };
}

/** Several of a fixed list (an array of an `enum`). */
export const MULTI_CELL: CellKind = {
  kind: 'multi',
  width: 190,
  long: true,
  component: MultiCell,
  options: (f) => {
    const items = itemsOf(f);
    return (items && enumOptions(f.root, items)) ?? [];
  },
};

/** A code of the programme's reference data (镇街, industry classes): one, or several for an array. */
export function referenceCell(f: Field): CellKind {
  const items = itemsOf(f);
  if (f.schema.type === 'array' && items) {
    return { ...MULTI_CELL, options: (g) => cachedReferenceOptions(g.program, formatOf(items)) ?? [] };
  }
  return {
    kind: 'select',
    width: 160,
    component: SELECT,
    options: (g) => cachedReferenceOptions(g.program, formatOf(g.schema)),
  };
}

/** Anything else: typed as text; a list of anything as a (choiceless) multiple choice. */
export function plainCell(f: Field): CellKind {
  return f.schema.type === 'array' ? MULTI_CELL : TEXT_CELL;
}
