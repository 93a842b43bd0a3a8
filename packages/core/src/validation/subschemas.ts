import { isJsonObject } from '../json-object';
import type { SchemaNode } from './schema-walk';

/** Draft-07 keywords whose value is one schema. */
const SINGLE = [
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
/** Keywords whose value is a list of schemas (`items` may also be a single schema). */
const LIST = ['items', 'allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to schemas (`dependencies` may also map to a list of names). */
const MAP = ['properties', 'patternProperties', 'definitions', 'dependencies'];

export const isSchemaObject: (v: unknown) => v is SchemaNode = isJsonObject;

/**
 * Each direct subschema of `node` (objects and booleans) with the pointer tokens that reach it.
 * Data positions (`const`, `enum`, `default`, `examples`) and unknown keywords are not schemas.
 */
export function forEachSubschema(
  node: SchemaNode,
  visit: (child: SchemaNode | boolean, tokens: string[]) => void,
): void {
  const take = (v: unknown, tokens: string[]): void => {
    if (typeof v === 'boolean' || isSchemaObject(v)) visit(v, tokens);
  };
  for (const k of SINGLE) if (Object.hasOwn(node, k)) take(node[k], [k]);
  for (const k of LIST) {
    const v = node[k];
    if (Array.isArray(v)) for (const [i, s] of v.entries()) take(s, [k, String(i)]);
    else if (Object.hasOwn(node, k)) take(v, [k]);
  }
  for (const k of MAP) {
    const v = node[k];
    if (isSchemaObject(v)) for (const [name, s] of Object.entries(v)) take(s, [k, name]);
  }
}
