import type { Overlay } from '../generated/program';
import { isJsonObject } from '../json-object';
import { getPointer } from '../json-pointer';
import { enumTitles, resolveSchemaPointer, type SchemaNode } from '../validation/schema-walk';

export interface OverlayProblem {
  overlay: Overlay;
  message: string;
}

function optionTitle(root: SchemaNode, node: SchemaNode, value: unknown): string {
  return enumTitles(root, node)?.get(String(value)) ?? String(value);
}

const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Applies a year's targets to a base schema. Returns a new schema (the base is not
 * touched) and the overlays that could not be applied.
 */
export function applyOverlays(
  base: SchemaNode,
  form: string,
  overlays: readonly Overlay[],
  targets: unknown,
): { schema: SchemaNode; problems: OverlayProblem[] } {
  const schema = structuredClone(base);
  const problems: OverlayProblem[] = [];
  for (const overlay of overlays) {
    if (overlay.form !== form) continue;
    // Through a `$ref` the overlay lands in the shared definition, for every field that uses it.
    const node = resolveSchemaPointer(schema, overlay.schemaPath);
    const value = getPointer(targets, overlay.from);
    if (!node) {
      problems.push({ overlay, message: `表单结构中不存在 ${overlay.schemaPath}` });
      continue;
    }
    if (value === undefined) {
      problems.push({ overlay, message: `年度目标中不存在 ${overlay.from}` });
      continue;
    }
    const messages = { ...(isJsonObject(node['x-messages']) ? node['x-messages'] : {}) };
    const expected = Array.isArray(value)
      ? value.map((v) => optionTitle(schema, node, v)).join('、')
      : String(value);
    const text = overlay.message?.replace(/\{expected\}/g, expected);
    switch (overlay.op) {
      case 'set': {
        if (!overlay.keyword) {
          problems.push({ overlay, message: 'op 为 set 时须指定 keyword' });
          continue;
        }
        node[overlay.keyword] = value;
        if (text) messages[overlay.keyword] = text;
        break;
      }
      case 'prefixPattern': {
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          problems.push({ overlay, message: `${overlay.from} 应为字符串数组` });
          continue;
        }
        node.pattern = `^(?:${(value as string[]).map(regexEscape).join('|')})`;
        if (text) messages.pattern = text;
        break;
      }
      case 'containsAll': {
        if (!Array.isArray(value)) {
          problems.push({ overlay, message: `${overlay.from} 应为数组` });
          continue;
        }
        const existing = Array.isArray(node.allOf) ? node.allOf : [];
        node.allOf = [
          ...existing,
          ...value.map((v) => ({
            contains: { const: v },
            'x-messages': {
              contains: text
                ? `${text}（缺少“${optionTitle(schema, node, v)}”）`
                : `缺少“${optionTitle(schema, node, v)}”`,
            },
          })),
        ];
        break;
      }
      case 'enumFilterPrefix': {
        if (!Array.isArray(value) || !Array.isArray(node.enum)) {
          problems.push({ overlay, message: `${overlay.from} 应为数组，且目标须有 enum` });
          continue;
        }
        const prefixes = value.map(String);
        node.enum = node.enum.filter((e) => prefixes.some((p) => String(e).startsWith(p)));
        if (text) messages.enum = text;
        break;
      }
    }
    if (Object.keys(messages).length > 0) node['x-messages'] = messages;
  }
  return { schema, problems };
}
