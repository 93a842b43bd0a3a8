import { getPointer, parsePointer } from '../json-pointer';

/** A JSON Schema node as plain JSON; we only read it. */
export type SchemaNode = Record<string, unknown>;

const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows local `#/...` references until a node without `$ref`. */
export function deref(root: SchemaNode, node: SchemaNode, depth = 0): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 32) return node;
  const target = getPointer(root, decodeURIComponent(ref.slice(1)));
  return isNode(target) ? deref(root, { ...target, ...withoutRef(node) }, depth + 1) : node;
}

function withoutRef(node: SchemaNode): SchemaNode {
  const { $ref: _ignored, ...rest } = node;
  return rest;
}

/** The subschema that describes one child of `node` (object property or array item). */
export function childSchema(root: SchemaNode, node: SchemaNode, token: string): SchemaNode | undefined {
  const n = deref(root, node);
  const props = n.properties;
  if (isNode(props) && Object.hasOwn(props, token)) {
    const p = props[token];
    return isNode(p) ? deref(root, p) : undefined;
  }
  if (/^\d+$/.test(token) && isNode(n.items)) return deref(root, n.items);
  return undefined;
}

export interface PathStep {
  token: string;
  schema: SchemaNode | undefined;
}

/** Walks `instancePath` through the schema, one step per token. */
export function walkSchema(root: SchemaNode, instancePath: string): PathStep[] {
  const steps: PathStep[] = [];
  let node: SchemaNode | undefined = root;
  for (const token of parsePointer(instancePath)) {
    node = node ? childSchema(root, node, token) : undefined;
    steps.push({ token, schema: node });
  }
  return steps;
}

/**
 * Human label for an instance path, built from schema titles:
 * `/capability/cases/1/client` → 「人工智能应用项目成功案例」第2项「客户名称」.
 * Intermediate object titles are left out so the label names the field, not the section.
 */
export function labelFor(root: SchemaNode, instancePath: string): string {
  const steps = walkSchema(root, instancePath);
  if (steps.length === 0) return `「${String(root.title ?? '表单')}」`;
  const parts: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as PathStep;
    const isIndex = /^\d+$/.test(step.token) && i > 0;
    if (isIndex) {
      const arrayStep = steps[i - 1] as PathStep;
      const arrayTitle = titleOf(arrayStep.schema) ?? arrayStep.token;
      parts.push(`「${arrayTitle}」第${Number(step.token) + 1}项`);
    }
  }
  const last = steps[steps.length - 1] as PathStep;
  if (!/^\d+$/.test(last.token)) parts.push(`「${titleOf(last.schema) ?? last.token}」`);
  return parts.join('');
}

export function titleOf(schema: SchemaNode | undefined): string | undefined {
  return schema && typeof schema.title === 'string' ? schema.title : undefined;
}

/** The schemas a value may match: the node itself plus its allOf/anyOf/oneOf/if-then-else branches. */
export function alternatives(root: SchemaNode, node: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (n: SchemaNode, depth: number) => {
    const s = deref(root, n);
    out.push(s);
    if (depth > 8) return;
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[key];
      if (Array.isArray(list)) for (const b of list) if (isNode(b)) visit(b, depth + 1);
    }
    for (const key of ['then', 'else']) {
      const branch = s[key];
      if (isNode(branch)) visit(branch, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

export function isArraySchema(root: SchemaNode, node: SchemaNode): boolean {
  return alternatives(root, node).some(
    (s) => s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || isNode(s.items),
  );
}

/** The schema of an array's items (or the node itself when it is not an array). */
export function itemsOf(root: SchemaNode, node: SchemaNode): SchemaNode {
  for (const s of alternatives(root, node)) if (isNode(s.items)) return deref(root, s.items);
  return node;
}

/** The child schema of `node` for property `name` in any branch, or undefined. */
export function propertyOf(root: SchemaNode, node: SchemaNode, name: string): SchemaNode | undefined {
  for (const s of alternatives(root, node)) {
    const props = s.properties;
    if (isNode(props) && Object.hasOwn(props, name) && isNode(props[name])) return deref(root, props[name]);
  }
  for (const s of alternatives(root, node)) {
    if (isNode(s.additionalProperties)) return deref(root, s.additionalProperties);
  }
  return undefined;
}

/** All property names declared on `node` in any branch (for "did you mean"). */
export function propertyNames(root: SchemaNode, node: SchemaNode): string[] {
  const names = new Set<string>();
  for (const s of alternatives(root, node))
    if (isNode(s.properties)) for (const k of Object.keys(s.properties)) names.add(k);
  return [...names];
}

/** enum value → title from `oneOf/anyOf: [{const, title}]`, or a bare `enum` (value is its own title). */
export function enumTitles(root: SchemaNode, node: SchemaNode): Map<string, string> | undefined {
  const titles = new Map<string, string>();
  for (const s of alternatives(root, itemsOf(root, node))) {
    for (const key of ['oneOf', 'anyOf']) {
      const list = s[key];
      if (!Array.isArray(list)) continue;
      for (const b of list) {
        if (isNode(b) && Object.hasOwn(b, 'const'))
          titles.set(String(b.const), typeof b.title === 'string' ? b.title : String(b.const));
      }
    }
    if (Array.isArray(s.enum))
      for (const v of s.enum) if (!titles.has(String(v))) titles.set(String(v), String(v));
  }
  return titles.size ? titles : undefined;
}
