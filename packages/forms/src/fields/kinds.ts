import {
  and,
  formatIs,
  isBooleanControl,
  isEnumControl,
  isIntegerControl,
  isNumberControl,
  isObjectArrayControl,
  isOneOfEnumControl,
  isStringControl,
  or,
  rankWith,
  schemaMatches,
  type Tester,
  uiTypeIs,
} from '@jsonforms/core';
import { displayValue } from '../display-value';
import { PrintTable } from '../review/print-table';
import { deref, enumOptions, isNode, type SchemaNode } from '../schema';
import {
  BOOLEAN_CELL,
  DATE_CELL,
  enumCell,
  LONGTEXT_CELL,
  MULTI_CELL,
  NUMBER_CELL,
  plainCell,
  referenceCell,
  TEXT_CELL,
  USCC_CELL,
} from '../table/cell-kinds';
import type { ShenbaoEntry } from './entry';

/**
 * The built-in field kinds: each a tester (the same as its form control's, which `renderers.ts`
 * pairs with it) and how the field is edited in a table row and read on the print page. No form
 * control here, so the print page and the table load none of the form's MUI controls.
 */

/** Several choices of a fixed list (`uniqueItems` array of an enum). */
const isMultiEnum = schemaMatches((s, root) => {
  const n = s as SchemaNode;
  if (n.type !== 'array' || !isNode(n.items)) return false;
  const items = deref(root as SchemaNode, n.items);
  return enumOptions(root as SchemaNode, items) !== undefined;
});

/** A format backed by the programme's reference data; testers see the formats through JSON Forms' `config`. */
const isReferenceFormat: Tester = (uischema, schema, context) => {
  const formats = (context?.config as { referenceFormats?: readonly string[] } | undefined)?.referenceFormats;
  if (!formats || formats.length === 0) return false;
  return schemaMatches((s, rootSchema) => {
    const n = s as SchemaNode;
    const item = n.type === 'array' && isNode(n.items) ? deref(rootSchema as SchemaNode, n.items) : n;
    return typeof item.format === 'string' && formats.includes(item.format);
  })(uischema, schema, context);
};

const isLongText = schemaMatches((s) => typeof s.maxLength === 'number' && s.maxLength > 200);

export const TEXT_FIELD: ShenbaoEntry = { tester: rankWith(1, isStringControl), cell: TEXT_CELL };
/** Cell only (the form's text control decides its own lines): long text is edited in the row's form. */
export const LONGTEXT_FIELD: ShenbaoEntry = {
  tester: rankWith(1.5, and(isStringControl, isLongText)),
  cell: LONGTEXT_CELL,
};
export const NUMBER_FIELD: ShenbaoEntry = {
  tester: rankWith(1, or(isNumberControl, isIntegerControl)),
  cell: NUMBER_CELL,
};
export const BOOLEAN_FIELD: ShenbaoEntry = { tester: rankWith(2, isBooleanControl), cell: BOOLEAN_CELL };
export const ENUM_FIELD: ShenbaoEntry = {
  tester: rankWith(2, or(isEnumControl, isOneOfEnumControl)),
  cell: enumCell,
};
export const MULTI_ENUM_FIELD: ShenbaoEntry = {
  tester: rankWith(3, and(uiTypeIs('Control'), isMultiEnum)),
  cell: MULTI_CELL,
};
export const DATE_FIELD: ShenbaoEntry = { tester: rankWith(3, formatIs('date')), cell: DATE_CELL };
export const USCC_FIELD: ShenbaoEntry = { tester: rankWith(4, formatIs('uscc')), cell: USCC_CELL };
export const REFERENCE_FIELD: ShenbaoEntry = { tester: rankWith(4, isReferenceFormat), cell: referenceCell };
/** A list of objects: a table in the form, and a table on the print page. */
export const OBJECT_ARRAY_FIELD: ShenbaoEntry = {
  tester: rankWith(3, isObjectArrayControl),
  print: PrintTable,
};
/** Any control no other entry claims: a text cell, and the value as people read it (options, dates, 是/否). */
export const ANY_FIELD: ShenbaoEntry = {
  tester: rankWith(0.5, uiTypeIs('Control')),
  cell: plainCell,
  text: (value, f) => displayValue(f.program, f.root, f.schema, value),
};

/** What the print page and a table use when no form is around (`ReviewView`). */
export const fieldEntries: readonly ShenbaoEntry[] = [
  TEXT_FIELD,
  LONGTEXT_FIELD,
  NUMBER_FIELD,
  BOOLEAN_FIELD,
  ENUM_FIELD,
  MULTI_ENUM_FIELD,
  DATE_FIELD,
  USCC_FIELD,
  REFERENCE_FIELD,
  OBJECT_ARRAY_FIELD,
  ANY_FIELD,
];
