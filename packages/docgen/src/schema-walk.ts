// A template's dotted data path (`applicant.name`, loops stepping into array items) resolved
// against a JSON Schema, with core's schema walking.
import { deref, itemsOf, propertyOf, type SchemaNode } from '@shenbao/core';

export { alternatives, enumTitles, isArraySchema, itemsOf, propertyNames, propertyOf } from '@shenbao/core';
export type Schema = SchemaNode;

/**
 * The schema at a dotted data path; array levels are stepped through to their items, as a
 * template loop does. `definitions.x` / `#/definitions/x` name a definition directly.
 */
export function schemaAtPath(root: Schema, path: string): Schema | undefined {
  if (path.startsWith('#/')) {
    const s = deref(root, { $ref: path });
    return s.$ref === path ? undefined : s;
  }
  if (path.startsWith('definitions.')) return schemaAtPath(root, `#/${path.replace(/\./g, '/')}`);
  let node: Schema | undefined = root;
  for (const seg of path.split('.').filter(Boolean)) {
    if (!node) return undefined;
    node = propertyOf(root, itemsOf(root, node), seg);
  }
  return node && itemsOf(root, node);
}
