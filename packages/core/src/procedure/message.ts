import { cnIsoDate } from '../formats/cn-date';
import { isIsoDate } from '../formats/date';

/** Placeholders every message template may use, besides the record's own fields. */
export const MESSAGE_PLACEHOLDERS = ['title', 'state', 'reason', 'application'] as const;

/** A recorded value as a sentence part: dates in Chinese, lists joined with "；", an item's fields with "：". */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return isIsoDate(value) ? cnIsoDate(value) : value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join('；');
  if (typeof value === 'object') return Object.values(value).map(text).filter(Boolean).join('：');
  return String(value);
}

/** The placeholders of a template (`{name}`). */
export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{([\w-]+)\}/g)].map((m) => m[1] as string);

/**
 * A message from its template: `vars` first, then the record's top-level fields. A placeholder
 * with no value becomes empty (the lint reports unknown ones), never a literal `{x}` to the applicant.
 */
export function fillMessage(template: string, vars: Record<string, string>, record: unknown): string {
  const fields = record && typeof record === 'object' && !Array.isArray(record) ? record : {};
  return template
    .replace(/\{([\w-]+)\}/g, (_m, k: string) =>
      Object.hasOwn(vars, k) ? (vars[k] as string) : text((fields as Record<string, unknown>)[k]),
    )
    .trim();
}
