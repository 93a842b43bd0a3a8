// Schema reading is core's one walker (`$ref`, allOf/anyOf/oneOf, if/then/else, items,
// additionalProperties, boolean schemas); this module adds only what the form layer needs.
export {
  childSchema,
  deref,
  isJsonObject as isNode,
  propertiesOf,
  type SchemaNode,
  schemaAt,
} from '@shenbao/core';

import {
  deref,
  isJsonObject as isNode,
  lowerBoundText,
  type SchemaNode,
  titleOf as schemaTitle,
} from '@shenbao/core';

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

/** The schema's title, or `fallback` (a form always shows some label). */
export const titleOf = (node: SchemaNode | undefined, fallback = ''): string => schemaTitle(node) ?? fallback;

/** A unit written at the end of a title, as forms do in China: `合同金额（万元）` → `万元`. */
export function unitOf(title: string): string | undefined {
  const m = /[（(]([^（）()]{1,6})[)）]\s*$/.exec(title);
  return m ? m[1] : undefined;
}

/** The title without its trailing unit, for use beside a unit adornment. */
export function titleWithoutUnit(title: string): string {
  return title.replace(/[（(][^（）()]{1,6}[)）]\s*$/, '');
}

/**
 * The field's lower bound as a hint shown before anything is typed (`不能小于1200万元`,
 * `至少需要4项`), in the words of the error it would raise: from the schema in force, so a
 * year's targets show at the field. A bound of 0 says nothing and gives no hint.
 */
export function lowerBoundHint(root: SchemaNode, node: SchemaNode, title: string): string | undefined {
  const n = deref(root, node);
  const unit = unitOf(title);
  if (typeof n.minimum === 'number' && n.minimum > 0) return lowerBoundText('minimum', n.minimum, unit);
  if (typeof n.minItems === 'number' && n.minItems > 0) return lowerBoundText('minItems', n.minItems, unit);
  return undefined;
}
