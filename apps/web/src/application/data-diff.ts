import { getPointer, joinPointer, type Program, parsePointer } from '@shenbao/core';
import { displayValue, type SchemaNode, schemaAt, titleOf } from '@shenbao/forms';
import { sameJson } from './reconcile';

export interface FieldDifference {
  path: string;
  /** The field's title with its sections, e.g. `申报单位基本情况 › 单位名称`, rows as `第2项`. */
  title: string;
  a: string;
  b: string;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Pointers of the leaves where two data trees differ (an array of plain values compares whole). */
function differingPaths(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit || sameJson(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      differingPaths(a[k], b[k], joinPointer(path, k), out, limit);
    return;
  }
  const rows = (v: unknown): boolean =>
    Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null);
  if (Array.isArray(a) && Array.isArray(b) && (rows(a) || rows(b))) {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      differingPaths(a[i], b[i], joinPointer(path, i), out, limit);
    return;
  }
  out.push(path);
}

/** A data pointer named by the titles the form shows: `申报单位基本情况 › 单位名称`, rows as `第2项`. */
export function titleAt(schema: SchemaNode, path: string): string {
  const tokens = parsePointer(path);
  const names: string[] = [];
  for (let i = 1; i <= tokens.length; i++) {
    const t = tokens[i - 1] as string;
    if (/^\d+$/.test(t)) {
      names.push(`第${Number(t) + 1}项`);
      continue;
    }
    names.push(titleOf(schemaAt(schema, joinPointer('', ...tokens.slice(0, i))), t));
  }
  return names.join(' › ');
}

function shown(program: Program, schema: SchemaNode, path: string, value: unknown): string {
  if (value === undefined) return '（无）';
  if (isObj(value)) return '（整项）';
  const text = displayValue(program, schema, schemaAt(schema, path), value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * What differs between two versions of an application, field by field with the titles the form
 * shows, for the applicant choosing between them. At most `limit` fields.
 */
export function fieldDifferences(
  program: Program,
  schema: SchemaNode,
  a: unknown,
  b: unknown,
  limit = 200,
): FieldDifference[] {
  const paths: string[] = [];
  differingPaths(a, b, '', paths, limit);
  return paths.map((path) => ({
    path,
    title: titleAt(schema, path),
    a: shown(program, schema, path, getPointer(a, path)),
    b: shown(program, schema, path, getPointer(b, path)),
  }));
}
