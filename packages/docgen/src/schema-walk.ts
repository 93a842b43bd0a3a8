// Walking a JSON Schema along a template's data path: for `label` (enum titles) and for lint
// (does this tag name a field?). Only local `#/definitions/...` references are followed.

export type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

export function resolveRef(root: Schema, node: Schema, depth = 0): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 32) return node;
  let target: unknown = root;
  for (const seg of ref.slice(2).split('/')) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined;
  }
  return isObject(target) ? resolveRef(root, target, depth + 1) : node;
}

/** The schemas a value may match: the node itself plus its allOf/anyOf/oneOf/if-then-else branches. */
export function alternatives(root: Schema, node: Schema): Schema[] {
  const out: Schema[] = [];
  const visit = (n: Schema, depth: number) => {
    const s = resolveRef(root, n);
    out.push(s);
    if (depth > 8) return;
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[key];
      if (Array.isArray(list)) for (const b of list) if (isObject(b)) visit(b, depth + 1);
    }
    for (const key of ['then', 'else']) if (isObject(s[key])) visit(s[key] as Schema, depth + 1);
  };
  visit(node, 0);
  return out;
}

export function isArraySchema(root: Schema, node: Schema): boolean {
  return alternatives(root, node).some(
    (s) => s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || isObject(s.items),
  );
}

/** The schema of an array's items (or the node itself when it is not an array). */
export function itemsOf(root: Schema, node: Schema): Schema {
  for (const s of alternatives(root, node)) if (isObject(s.items)) return resolveRef(root, s.items);
  return node;
}

/** The child schema of `node` for property `name`, or undefined when no branch declares it. */
export function propertyOf(root: Schema, node: Schema, name: string): Schema | undefined {
  for (const s of alternatives(root, node)) {
    const props = s.properties;
    if (isObject(props) && Object.hasOwn(props, name) && isObject(props[name])) {
      return resolveRef(root, props[name] as Schema);
    }
  }
  for (const s of alternatives(root, node)) {
    if (isObject(s.additionalProperties)) return resolveRef(root, s.additionalProperties);
  }
  return undefined;
}

/** All property names declared on `node` (for "did you mean"). */
export function propertyNames(root: Schema, node: Schema): string[] {
  const names = new Set<string>();
  for (const s of alternatives(root, node)) {
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) names.add(k);
  }
  return [...names];
}

/**
 * The schema at a dotted data path; array levels are stepped through to their items, as a
 * template loop does. `definitions.x` / `#/definitions/x` name a definition directly.
 */
export function schemaAtPath(root: Schema, path: string): Schema | undefined {
  if (path.startsWith('#/')) {
    const s = resolveRef(root, { $ref: path });
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

/** enum value → title from `oneOf/anyOf: [{const, title}]`, or a bare `enum` (value is its own title). */
export function enumTitles(root: Schema, node: Schema): Map<string, string> | undefined {
  const titles = new Map<string, string>();
  for (const s of alternatives(root, itemsOf(root, node))) {
    for (const key of ['oneOf', 'anyOf']) {
      const list = s[key];
      if (!Array.isArray(list)) continue;
      for (const b of list) {
        if (isObject(b) && Object.hasOwn(b, 'const')) {
          titles.set(String(b.const), typeof b.title === 'string' ? b.title : String(b.const));
        }
      }
    }
    if (Array.isArray(s.enum))
      for (const v of s.enum) if (!titles.has(String(v))) titles.set(String(v), String(v));
  }
  return titles.size ? titles : undefined;
}
