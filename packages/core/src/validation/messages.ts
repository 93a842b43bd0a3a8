import type { ErrorObject } from 'ajv';
import { BUILTIN_FORMATS, type FormatDef, STANDARD_FORMAT_MESSAGES } from '../formats';
import { joinPointer } from '../json-pointer';
import { labelFor, type SchemaNode } from './schema-walk';

export interface ValidationError {
  /** JSON pointer to the offending value (for `required`, to the missing property). */
  path: string;
  keyword: string;
  /** zh-CN, names the field by its schema title. */
  message: string;
}

export interface MessageContext {
  root: SchemaNode;
  formats: Readonly<Record<string, FormatDef>>;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '“是”或“否”',
  array: '列表',
  object: '对象',
  null: '空值',
};

type Params = Record<string, unknown>;

/**
 * The one phrasing of a lower bound, for error messages and for the hint a form shows at the
 * field before anything is typed: `不能小于1200万元`, `至少需要4项`.
 */
export function lowerBoundText(keyword: 'minimum' | 'minItems', limit: unknown, unit?: string): string {
  return keyword === 'minimum' ? `不能小于${limit}${unit ?? ''}` : `至少需要${limit}${unit ?? '项'}`;
}

/** Custom per-keyword text a schema may carry: `"x-messages": {"pattern": "…"}`. */
function customMessage(err: ErrorObject): string | undefined {
  const parent = err.parentSchema as SchemaNode | undefined;
  const messages = parent?.['x-messages'];
  if (messages && typeof messages === 'object') {
    const m = (messages as Record<string, unknown>)[err.keyword];
    if (typeof m === 'string') return m;
  }
  return undefined;
}

function formatText(ctx: MessageContext, format: string, value: unknown): string {
  const def = ctx.formats[format] ?? BUILTIN_FORMATS[format];
  if (def) return def.message(typeof value === 'string' ? value : String(value));
  return STANDARD_FORMAT_MESSAGES[format] ?? `不符合格式“${format}”`;
}

function describe(ctx: MessageContext, err: ErrorObject, label: string): string {
  const p = err.params as Params;
  const custom = customMessage(err);
  if (custom) return `${label}${custom}`;
  switch (err.keyword) {
    case 'required':
      return `${label}为必填项`;
    case 'type':
      return `${label}应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`;
    case 'minLength':
      return Number(p.limit) <= 1 ? `${label}不能为空` : `${label}至少需要${p.limit}个字符`;
    case 'maxLength':
      return `${label}不能超过${p.limit}个字符`;
    case 'minimum':
      return `${label}${lowerBoundText('minimum', p.limit)}`;
    case 'exclusiveMinimum':
      return `${label}必须大于${p.limit}`;
    case 'maximum':
      return `${label}不能大于${p.limit}`;
    case 'exclusiveMaximum':
      return `${label}必须小于${p.limit}`;
    case 'multipleOf':
      return `${label}必须是${p.multipleOf}的整数倍`;
    case 'minItems':
      return `${label}${lowerBoundText('minItems', p.limit)}`;
    case 'maxItems':
      return `${label}最多${p.limit}项`;
    case 'uniqueItems':
      return `${label}第${Number(p.j) + 1}项与第${Number(p.i) + 1}项重复`;
    case 'format':
      return `${label}${formatText(ctx, String(p.format), err.data)}`;
    case 'pattern':
      return `${label}格式不正确`;
    case 'enum':
    case 'oneOf':
      return `${label}的取值不在可选范围内`;
    case 'const': {
      const allowed = p.allowedValue;
      return allowed === true ? `${label}须勾选确认` : `${label}应为“${String(allowed)}”`;
    }
    case 'additionalProperties':
      return `${label}不是本表单定义的字段`;
    case 'contains':
      return `${label}缺少必需的选项`;
    case 'minProperties':
      return `${label}至少需要${p.limit}项`;
    case 'maxProperties':
      return `${label}最多${p.limit}项`;
    case 'propertyNames':
      return `${label}含有不允许的字段名`;
    case 'dependencies':
      return `${label}缺少关联字段`;
    default:
      return `${label}填写不正确`;
  }
}

/** Where the error points: required/additionalProperties point at the property itself. */
function errorPath(err: ErrorObject): string {
  const p = err.params as Params;
  if (err.keyword === 'required') return joinPointer(err.instancePath, String(p.missingProperty));
  if (err.keyword === 'additionalProperties')
    return joinPointer(err.instancePath, String(p.additionalProperty));
  return err.instancePath;
}

/** Keywords whose failure only repeats what their sub-errors say. */
const WRAPPERS = new Set(['if', 'then', 'else', 'allOf', '$ref']);

function isEnumLike(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const oneOf = (schema as SchemaNode).oneOf;
  return Array.isArray(oneOf) && oneOf.every((s) => s && typeof s === 'object' && 'const' in s);
}

/** Ajv errors → one zh-CN error per problem, in the order ajv found them. */
export function translateErrors(ctx: MessageContext, errors: readonly ErrorObject[]): ValidationError[] {
  const enumLikePaths = new Set(
    errors.filter((e) => e.keyword === 'oneOf' && isEnumLike(e.parentSchema)).map((e) => e.instancePath),
  );
  // One message per field where one explains the rest: a wrong type or an empty value
  // makes format and pattern failures noise.
  const dominant = new Set(
    errors
      .filter(
        (e) => e.keyword === 'type' || (e.keyword === 'minLength' && Number((e.params as Params).limit) <= 1),
      )
      .map((e) => e.instancePath),
  );
  const out: ValidationError[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    if (WRAPPERS.has(err.keyword)) continue;
    // Item failures under `contains` are how ajv searches; the contains error says what is missing.
    if (err.schemaPath.includes('/contains/')) continue;
    // A oneOf of consts reports one const error per option; keep only the oneOf error.
    if (
      err.keyword === 'const' &&
      enumLikePaths.has(err.instancePath) &&
      /\/oneOf\/\d+\/const$/.test(err.schemaPath)
    )
      continue;
    if (dominant.has(err.instancePath) && (err.keyword === 'format' || err.keyword === 'pattern')) continue;
    const path = errorPath(err);
    let label = labelFor(ctx.root, path);
    if (err.keyword === 'additionalProperties')
      label = `字段“${String((err.params as Params).additionalProperty)}”`;
    const message = describe(ctx, err, label);
    const key = `${path}\u0000${err.keyword}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, keyword: err.keyword, message });
  }
  return out;
}
