import type { Program } from '@shenbao/core';
import { cachedReferenceOptions } from './reference-options';
import { deref, enumOptions, isNode, type SchemaNode } from './schema';
import { dateText, dateTimeText, numberText } from './values';

const EMPTY = '（未填写）';

/** A value as a person reads it: option titles, reference names, Chinese dates, grouped numbers. */
export function displayValue(
  program: Program,
  root: SchemaNode,
  node: SchemaNode | undefined,
  value: unknown,
): string {
  if (value === undefined || value === null || value === '') return EMPTY;
  const n = node ? deref(root, node) : {};
  if (Array.isArray(value)) {
    if (value.length === 0) return '无';
    const items = isNode(n.items) ? deref(root, n.items) : undefined;
    return value.map((v) => displayValue(program, root, items, v)).join('、');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return numberText(value, true);
  if (typeof value === 'string') {
    const options =
      enumOptions(root, n) ??
      cachedReferenceOptions(program, typeof n.format === 'string' ? n.format : undefined);
    const hit = options?.find((o) => o.value === value);
    if (hit) return hit.label;
    if (n.format === 'date') return dateText(value);
    if (n.format === 'date-time') return dateTimeText(value);
    return value;
  }
  return JSON.stringify(value);
}
