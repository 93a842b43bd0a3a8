import type { Program } from '@shenbao/core';
import { isJsonObject } from '@shenbao/core';
import { childSchema, displayValue, type SchemaNode, titleOf } from '@shenbao/forms';

/** One line of a recorded form: its field's title and the value, or a list (补正事项). */
export interface RecordLine {
  label: string;
  value?: string;
  items?: string[];
}

/** The object's entries in the order the schema lists its properties (the form's order), then the rest. */
function ordered(node: SchemaNode | undefined, value: Record<string, unknown>): [string, unknown][] {
  const props = node && isJsonObject(node.properties) ? Object.keys(node.properties) : [];
  const keys = [...props.filter((k) => k in value), ...Object.keys(value).filter((k) => !props.includes(k))];
  return keys.map((k) => [k, value[k]]);
}

/**
 * What a transition recorded, as people read it: each filled field of the programme form by its
 * title; a list of objects one line per row (“材料或填报项：补正意见”). Unknown forms: nothing.
 */
export function recordLines(program: Program, formId: string | undefined, record: unknown): RecordLine[] {
  if (!formId || !isJsonObject(record) || !program.manifest.forms[formId]) return [];
  let root: SchemaNode;
  try {
    root = program.formSchema(formId);
  } catch {
    return [];
  }
  const lines: RecordLine[] = [];
  for (const [key, value] of ordered(root, record)) {
    if (value === undefined || value === null || value === '') continue;
    const node = childSchema(root, root, key);
    const label = titleOf(node, key);
    if (Array.isArray(value) && value.every(isJsonObject)) {
      const items = node ? childSchema(root, node, '0') : undefined;
      lines.push({
        label,
        items: value.map((row) =>
          ordered(items, row)
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([k, v]) => displayValue(program, root, items ? childSchema(root, items, k) : undefined, v))
            .join('：'),
        ),
      });
    } else lines.push({ label, value: displayValue(program, root, node, value) });
  }
  return lines;
}

/** The form a transition records, by the programme's procedure. */
export function recordFormOf(program: Program, transitionId: string): string | undefined {
  return program.manifest.procedure.transitions.find((t) => t.id === transitionId)?.record;
}
