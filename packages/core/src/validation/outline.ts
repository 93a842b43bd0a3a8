import type { SchemaNode } from './schema-walk';

const PREFIX = '__outlined';

const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The same schema with every nested object schema moved into `definitions` and referenced.
 * ajv then emits small functions instead of one function of hundreds of kilobytes, which V8
 * optimises far better (about 4× faster on the application with 100 cases, bench/).
 * Meaning, error paths and parent schemas are unchanged; only `schemaPath` differs.
 */
export function outlineSchema(schema: SchemaNode): SchemaNode {
  const definitions: Record<string, unknown> = { ...(isNode(schema.definitions) ? schema.definitions : {}) };
  let count = 0;
  const visit = (node: unknown, nested: boolean): unknown => {
    if (!isNode(node)) return node;
    const out: SchemaNode = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && isNode(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, true)]));
      } else if (key === 'items' || key === 'additionalProperties') {
        out[key] = visit(value, true);
      } else out[key] = value;
    }
    if (nested && out.type === 'object' && isNode(out.properties)) {
      const name = `${PREFIX}${count++}`;
      definitions[name] = out;
      return { $ref: `#/definitions/${name}` };
    }
    return out;
  };
  const root = visit(schema, false) as SchemaNode;
  for (const [name, def] of Object.entries(definitions))
    if (!name.startsWith(PREFIX)) definitions[name] = visit(def, false);
  return { ...root, definitions };
}
