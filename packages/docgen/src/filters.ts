// The named filters templates may use. The set is closed: a template cannot define code,
// and an unknown name is a template error found at compile and lint time.

import { cnDate, cnDateRange, normalizePhone } from '@shenbao/core';
import { articleRef } from './formatters/article-ref.js';
import { cnOrdinal } from './formatters/cn-number.js';
import { rmbUpper, wan } from './formatters/money.js';

export interface FilterContext {
  /** The programme's time zone, for date-times with an offset. */
  timeZone?: string;
  /** Rows of a programme reference list (`program.reference(name)`). */
  reference(name: string): readonly Record<string, unknown>[] | undefined;
  /** enum value → title for the enum found at a dotted data path of the document schema. */
  enumTitles(path: string): ReadonlyMap<string, string> | undefined;
  /** Resolves a dotted path against the tag's scopes (innermost first). */
  lookup(path: string): unknown;
}

export interface FilterSpec {
  minArgs: number;
  maxArgs: number;
  apply(value: unknown, args: readonly string[], ctx: FilterContext): unknown;
}

const isBlank = (v: unknown) =>
  v == null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'number' && Number.isNaN(v));

function mapMaybeArray(value: unknown, fn: (v: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(fn) : fn(value);
}

function rangeEnds(value: unknown): [unknown, unknown] | undefined {
  if (Array.isArray(value)) return [value[0], value[1]];
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const [a, b] of [
      ['from', 'to'],
      ['start', 'end'],
    ] as const) {
      if (Object.hasOwn(o, a) || Object.hasOwn(o, b)) return [o[a], o[b]];
    }
  }
  return undefined;
}

const KEY_FIELDS = ['code', 'id', 'value', 'key'];
const NAME_FIELDS = ['name', 'title', 'label'];

function referenceName(rows: readonly Record<string, unknown>[], code: unknown, field?: string): unknown {
  if (code == null || code === '') return code;
  const wanted = String(code);
  for (const row of rows) {
    const key = KEY_FIELDS.find((k) => Object.hasOwn(row, k));
    if (key === undefined || String(row[key]) !== wanted) continue;
    if (field) return Object.hasOwn(row, field) ? row[field] : undefined;
    const name = NAME_FIELDS.find((k) => Object.hasOwn(row, k));
    return name === undefined ? code : row[name];
  }
  return code;
}

export const FILTERS: Readonly<Record<string, FilterSpec>> = Object.freeze({
  cnDate: {
    minArgs: 0,
    maxArgs: 1,
    apply: (v, [mode], ctx) => cnDate(v, { timeZone: ctx.timeZone, time: mode === 'time' }),
  },
  cnDateRange: {
    minArgs: 0,
    maxArgs: 1,
    // Either the value holds both ends ({from,to}, {start,end}, [a, b]) and the argument is the
    // separator, or the value is the start and the argument names the field holding the end.
    apply: (v, [arg], ctx) => {
      const ends = rangeEnds(v);
      if (ends) return cnDateRange(ends[0], ends[1], { timeZone: ctx.timeZone, separator: arg });
      const end = arg === undefined ? undefined : ctx.lookup(arg);
      return cnDateRange(v, end, { timeZone: ctx.timeZone });
    },
  },
  wan: {
    minArgs: 0,
    maxArgs: 1,
    apply: (v, [digits]) => wan(v, digits === undefined ? 2 : Math.min(6, Math.max(0, Number(digits) || 0))),
  },
  rmbUpper: {
    minArgs: 0,
    maxArgs: 1,
    apply: (v, [unit]) => rmbUpper(v, unit === 'wan' || unit === '万元' ? 'wan' : 'yuan'),
  },
  cnOrdinal: { minArgs: 0, maxArgs: 0, apply: (v) => cnOrdinal(v) },
  articleRef: { minArgs: 0, maxArgs: 1, apply: (v, [article]) => articleRef(v, article) },
  phone: { minArgs: 0, maxArgs: 0, apply: (v) => mapMaybeArray(v, normalizePhone) },
  eq: {
    minArgs: 1,
    maxArgs: 1,
    apply: (v, [x]) => v != null && typeof v !== 'object' && String(v) === x,
  },
  default: { minArgs: 1, maxArgs: 1, apply: (v, [fallback]) => (isBlank(v) ? fallback : v) },
  join: {
    minArgs: 0,
    maxArgs: 1,
    apply: (v, [sep]) => (Array.isArray(v) ? v.filter((x) => !isBlank(x)).join(sep ?? '、') : v),
  },
  ref: {
    minArgs: 1,
    maxArgs: 2,
    apply: (v, [name, field], ctx) => {
      const rows = ctx.reference(name!);
      return rows ? mapMaybeArray(v, (c) => referenceName(rows, c, field)) : v;
    },
  },
  label: {
    minArgs: 1,
    maxArgs: 1,
    apply: (v, [path], ctx) => {
      const titles = ctx.enumTitles(path!);
      return titles ? mapMaybeArray(v, (x) => (x == null ? x : (titles.get(String(x)) ?? x))) : v;
    },
  },
});
