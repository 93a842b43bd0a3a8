// The one schema walker: every package that reads a programme's JSON Schemas (core's messages,
// lint and overlays, forms, docgen) reads them through these functions, so a field is found —
// and named by its title — wherever the schema declares it: behind a local `$ref`, in an `allOf`
// or `anyOf`/`oneOf` branch, in `if/then/else`, in `items` (a tuple's too), in an
// `additionalProperties` object, or as a boolean schema.
import { isJsonObject } from '../json-object';
import { escapeToken, getPointer, parsePointer } from '../json-pointer';

/** A JSON Schema node as plain JSON; we only read it. */
export type SchemaNode = Record<string, unknown>;

/** A subschema as an object: `true` is `{}`, `false` is `{ not: {} }`; anything else is no schema. */
export function asSchema(v: unknown): SchemaNode | undefined {
  if (v === true) return {};
  if (v === false) return { not: {} };
  return isJsonObject(v) ? v : undefined;
}

const MAX_REF_HOPS = 32;
const MAX_BRANCH_DEPTH = 8;

/**
 * Follows local `#/...` references until a node without `$ref`. A programme's schemas refer only
 * within themselves; keywords beside `$ref` (a title, x-messages) win over the target's.
 */
export function deref(root: SchemaNode, node: SchemaNode, depth = 0): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > MAX_REF_HOPS) return node;
  const target = asSchema(getPointer(root, decodeURIComponent(ref.slice(1))));
  if (!target) return node;
  const { $ref: _ref, ...rest } = node;
  return deref(root, { ...target, ...rest }, depth + 1);
}

/** The schemas a value may match: the node itself plus its allOf/anyOf/oneOf/then/else branches. */
export function alternatives(root: SchemaNode, node: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (n: SchemaNode, depth: number) => {
    const s = deref(root, n);
    out.push(s);
    if (depth > MAX_BRANCH_DEPTH) return;
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[key];
      if (Array.isArray(list))
        for (const b of list) {
          const branch = asSchema(b);
          if (branch) visit(branch, depth + 1);
        }
    }
    for (const key of ['then', 'else']) {
      const branch = asSchema(s[key]);
      if (branch) visit(branch, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

export function isArraySchema(root: SchemaNode, node: SchemaNode): boolean {
  return alternatives(root, node).some(
    (s) => s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || s.items !== undefined,
  );
}

/** The schema of an array's item at `index` (any item when omitted), or undefined when none says. */
function itemSchema(root: SchemaNode, node: SchemaNode, index?: number): SchemaNode | undefined {
  for (const s of alternatives(root, node)) {
    const items = s.items;
    if (Array.isArray(items)) {
      const i = index ?? 0;
      const item = i < items.length ? asSchema(items[i]) : asSchema(s.additionalItems);
      if (item) return deref(root, item);
      continue;
    }
    const item = asSchema(items);
    if (item) return deref(root, item);
  }
  return undefined;
}

/** The schema of an array's items (or the node itself when it is not an array). */
export function itemsOf(root: SchemaNode, node: SchemaNode, index?: number): SchemaNode {
  return itemSchema(root, node, index) ?? node;
}

/** Properties declared on `node` directly and in any branch; the first declaration of a name wins. */
export function propertiesOf(root: SchemaNode, node: SchemaNode): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  for (const s of alternatives(root, node)) {
    if (!isJsonObject(s.properties)) continue;
    for (const [k, v] of Object.entries(s.properties)) {
      const p = asSchema(v);
      if (p && !Object.hasOwn(out, k)) out[k] = deref(root, p);
    }
  }
  return out;
}

/** The child schema of `node` for property `name` in any branch, else an `additionalProperties` object. */
export function propertyOf(root: SchemaNode, node: SchemaNode, name: string): SchemaNode | undefined {
  const branches = alternatives(root, node);
  for (const s of branches) {
    const p =
      isJsonObject(s.properties) && Object.hasOwn(s.properties, name)
        ? asSchema(s.properties[name])
        : undefined;
    if (p) return deref(root, p);
  }
  for (const s of branches) {
    if (isJsonObject(s.additionalProperties)) return deref(root, s.additionalProperties);
  }
  return undefined;
}

/** All property names declared on `node` in any branch (for "did you mean"). */
export function propertyNames(root: SchemaNode, node: SchemaNode): string[] {
  return Object.keys(propertiesOf(root, node));
}

/** The subschema that describes one child of `node` (object property or array item). */
export function childSchema(root: SchemaNode, node: SchemaNode, token: string): SchemaNode | undefined {
  if (/^\d+$/.test(token) && isArraySchema(root, node)) return itemSchema(root, node, Number(token));
  return propertyOf(root, node, token);
}

export interface PathStep {
  token: string;
  schema: SchemaNode | undefined;
}

/** Walks a data pointer through the schema, one step per token. */
export function walkSchema(root: SchemaNode, instancePath: string): PathStep[] {
  const steps: PathStep[] = [];
  let node: SchemaNode | undefined = root;
  for (const token of parsePointer(instancePath)) {
    node = node ? childSchema(root, node, token) : undefined;
    steps.push({ token, schema: node });
  }
  return steps;
}

/** The schema describing the value at a data pointer (`''` is the root), or undefined. */
export function schemaAt(root: SchemaNode, instancePath: string): SchemaNode | undefined {
  return instancePath === '' ? root : walkSchema(root, instancePath).at(-1)?.schema;
}

/**
 * The node a schema pointer (`/properties/a/items/...`, `/allOf/0/then/...`) names, following
 * local `$ref`s on the way as JSON Forms does. It is the node itself, not a copy: overlays write
 * into it.
 */
export function resolveSchemaPointer(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: unknown = root;
  for (const token of parsePointer(pointer)) {
    let hops = 0;
    while (
      isJsonObject(node) &&
      !Object.hasOwn(node, token) &&
      typeof node.$ref === 'string' &&
      node.$ref.startsWith('#') &&
      hops++ < MAX_REF_HOPS
    )
      node = getPointer(root, decodeURIComponent(node.$ref.slice(1)));
    node = getPointer(node, `/${escapeToken(token)}`);
  }
  return isJsonObject(node) ? node : undefined;
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

/** enum value → title from `oneOf/anyOf: [{const, title}]`, or a bare `enum` (value is its own title). */
export function enumTitles(root: SchemaNode, node: SchemaNode): Map<string, string> | undefined {
  const titles = new Map<string, string>();
  for (const s of alternatives(root, itemsOf(root, node))) {
    for (const key of ['oneOf', 'anyOf']) {
      const list = s[key];
      if (!Array.isArray(list)) continue;
      for (const b of list) {
        if (isJsonObject(b) && Object.hasOwn(b, 'const'))
          titles.set(String(b.const), typeof b.title === 'string' ? b.title : String(b.const));
      }
    }
    if (Array.isArray(s.enum))
      for (const v of s.enum) if (!titles.has(String(v))) titles.set(String(v), String(v));
  }
  return titles.size ? titles : undefined;
}
