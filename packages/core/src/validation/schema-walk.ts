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
