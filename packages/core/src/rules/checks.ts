import type { Check } from '../generated/program';
import { getPointer, joinPointer, parsePointer } from '../json-pointer';
import type { Program } from '../program/program';
import { childSchema, enumTitles, labelFor, type SchemaNode } from '../validation/schema-walk';

/** What a check is evaluated against. */
export interface CheckContext {
  program: Program;
  targets: unknown;
  /** Schema of the whole data, for field titles and option labels. */
  schema: SchemaNode;
}

interface Scope {
  data: unknown;
  /** Pointer of `data` inside the whole document (for titles). */
  base: string;
  index?: number;
}

const isMissing = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

function fill(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Option title for an enum value, from the schema at `pointer` (oneOf const/title). */
function optionLabel(ctx: CheckContext, pointer: string, value: unknown): string {
  let node: SchemaNode | undefined = ctx.schema;
  for (const token of parsePointer(pointer)) node = node ? childSchema(ctx.schema, node, token) : undefined;
  return (node && enumTitles(ctx.schema, node)?.get(String(value))) ?? String(value);
}

function expectedValue(ctx: CheckContext, check: Check): unknown {
  if (check.valueFrom !== undefined) return ctx.program.resolveRef(check.valueFrom, ctx.targets);
  return check.value;
}

const show = (v: unknown): string => (Array.isArray(v) ? v.map(String).join('、') : String(v));

/**
 * Evaluates one check; returns the reasons it is not met (empty when met).
 * Never throws for an ordinary "no": a missing value is a reason, not an error.
 */
export function evaluateCheck(ctx: CheckContext, check: Check, scope: Scope): string[] {
  const pointer = joinPointerRaw(scope.base, check.path ?? '');
  const value = check.path ? getPointer(scope.data, check.path) : scope.data;
  const title = labelFor(ctx.schema, pointer);
  const vars: Record<string, unknown> = { title, value: show(value), index: scope.index ?? '' };
  const fail = (fallback: string, extra: Record<string, unknown> = {}): string[] => [
    fill(check.reason ?? fallback, { ...vars, ...extra }),
  ];
  const missing = (): string[] => [`未填写${title}`];

  switch (check.type) {
    case 'present':
      return isMissing(value) ? fail('未填写{title}') : [];
    case 'equals':
    case 'notEquals': {
      const expected = expectedValue(ctx, check);
      if (value === undefined || value === null) return missing();
      const equal = value === expected;
      return equal === (check.type === 'equals')
        ? []
        : fail('{title}不符合要求', { expected: show(expected) });
    }
    case 'pattern': {
      if (isMissing(value)) return missing();
      return new RegExp(check.pattern ?? '').test(String(value)) ? [] : fail('{title}不符合要求');
    }
    case 'format': {
      if (isMissing(value)) return missing();
      const def = ctx.program.validator.formats[check.format ?? ''];
      if (!def) return [`未知的格式“${check.format}”`];
      return def.validate(String(value)) ? [] : fail(`{title}${def.message(String(value))}`);
    }
    case 'inList': {
      if (isMissing(value)) return missing();
      const list = expectedValue(ctx, check);
      const values = Array.isArray(list) ? list.map(String) : [];
      const v = String(value);
      const ok = check.match === 'prefix' ? values.some((p) => v.startsWith(p)) : values.includes(v);
      return ok ? [] : fail('{title}“{value}”不在允许范围内（{expected}）', { expected: values.join('、') });
    }
    case 'min':
    case 'max': {
      if (typeof value !== 'number') return missing();
      const expected = Number(expectedValue(ctx, check));
      const ok = check.type === 'min' ? value >= expected : value <= expected;
      return ok
        ? []
        : fail(check.type === 'min' ? '{title}不得低于{expected}' : '{title}不得高于{expected}', {
            expected,
          });
    }
    case 'countMin':
    case 'countMax': {
      const count = countMatching(ctx, check, value, pointer);
      const expected = Number(expectedValue(ctx, check));
      if (check.type === 'countMin')
        return count >= expected
          ? []
          : fail('{title}仅{value}项，少于要求的{expected}项', { value: count, expected });
      return count <= expected
        ? []
        : fail('{title}有{value}项，多于允许的{expected}项', { value: count, expected });
    }
    case 'containsAll': {
      const have = Array.isArray(value) ? value : [];
      const wanted = expectedValue(ctx, check);
      const need = Array.isArray(wanted) ? wanted : [];
      const absent = need.filter((v) => !have.includes(v));
      if (absent.length === 0) return [];
      const labels = absent.map((v) => optionLabel(ctx, pointer, v)).join('、');
      return fail('{title}缺少：{missing}', { missing: labels, expected: need.map(String).join('、') });
    }
    case 'each': {
      const items = Array.isArray(value) ? value : [];
      return items.flatMap((item, i) =>
        (check.checks ?? []).flatMap((c) =>
          evaluateCheck(ctx, c, { data: item, base: joinPointer(pointer, i), index: i + 1 }),
        ),
      );
    }
    case 'when': {
      if (!check.if) return [];
      const branch = evaluateCheck(ctx, check.if, scope).length === 0 ? check.then : check.else;
      return (branch ?? []).flatMap((c) => evaluateCheck(ctx, c, scope));
    }
    case 'anyOf': {
      const results = (check.checks ?? []).map((c) => evaluateCheck(ctx, c, scope));
      return results.some((r) => r.length === 0) ? [] : check.reason ? fail(check.reason) : results.flat();
    }
    case 'dateWithin': {
      if (isMissing(value)) return missing();
      const from = check.from ? String(ctx.program.resolveRef(check.from, ctx.targets)) : undefined;
      const to = check.to ? String(ctx.program.resolveRef(check.to, ctx.targets)) : undefined;
      const v = String(value).slice(0, 10);
      const ok = (from === undefined || v >= from) && (to === undefined || v <= to);
      return ok ? [] : fail('{title}须在{expected}之间', { expected: `${from ?? '…'}至${to ?? '…'}` });
    }
  }
}

/** How many items of the array at `pointer` meet every `where` check (a non-array counts none). */
function countMatching(ctx: CheckContext, check: Check, value: unknown, pointer: string): number {
  const items = Array.isArray(value) ? value : [];
  const where = check.where ?? [];
  return items.filter((item, i) =>
    where.every(
      (w) => evaluateCheck(ctx, w, { data: item, base: joinPointer(pointer, i), index: i + 1 }).length === 0,
    ),
  ).length;
}

/** Appends a relative pointer to a base pointer. */
function joinPointerRaw(base: string, rel: string): string {
  return rel === '' ? base : base + rel;
}
