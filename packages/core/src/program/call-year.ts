import { cnDateTime, dateParts } from '../formats/cn-date';
import { getPointer, joinPointer } from '../json-pointer';
import type { ValidationError } from '../validation/messages';
import { labelFor, type SchemaNode } from '../validation/schema-walk';
import type { Program } from './program';

/** A published earlier year a new year's targets may have been copied from. */
export interface EarlierTargets {
  year: number;
  data: unknown;
}

/**
 * What a year's targets still carry over from the year they were copied from (第七条: each
 * year's call is its own): a text of the call (the object that holds the call window) left as
 * the earlier year had it while it names that year, and a call date left as the earlier year's. Each
 * problem names its field; staff's page and the server refuse the same list.
 */
export function staleCallProblems(
  program: Program,
  year: number,
  data: unknown,
  earlier: EarlierTargets | undefined,
): ValidationError[] {
  const spec = program.manifest.targets.callWindow;
  if (!spec) return [];
  const root = program.formSchema(program.manifest.targets.form) as SchemaNode;
  const tz = program.manifest.timezone;
  const out: ValidationError[] = [];
  const dates = [spec.opens, spec.closes];
  for (const path of dates) {
    const value = getPointer(data, path);
    const parts = dateParts(value, tz);
    // Copied unchanged from the earlier year (the same instant) and in an earlier year: a date that
    // was typed on purpose (a call opening in December for the next year, say) is the staff's call.
    if (typeof value !== 'string' || !parts || parts.year >= year) continue;
    const before = earlier && earlier.year < year ? getPointer(earlier.data, path) : undefined;
    if (typeof before !== 'string' || Date.parse(before) !== Date.parse(value)) continue;
    out.push({
      path,
      keyword: 'year',
      message: `${labelFor(root, path)}（${cnDateTime(value, tz)}）在${parts.year}年，请改为${year}年度的时间`,
    });
  }
  const call = spec.opens.slice(0, spec.opens.lastIndexOf('/'));
  const own = getPointer(data, call);
  if (!earlier || earlier.year >= year || own === null || typeof own !== 'object') return out;
  for (const [key, value] of Object.entries(own)) {
    const path = joinPointer(call, key);
    if (dates.includes(path) || typeof value !== 'string') continue;
    if (value === getPointer(earlier.data, path) && value.includes(String(earlier.year)))
      out.push({
        path,
        keyword: 'year',
        message: `${labelFor(root, path)}仍是${earlier.year}年度的“${value}”，请改为${year}年度的`,
      });
  }
  return out;
}
