import { escapeToken } from '../json-pointer';
import type { SchemaNode } from './schema-walk';
import { forEachSubschema, isSchemaObject } from './subschemas';

/**
 * Why a schema does not compile, in words a programme author can act on. Ajv's strict mode
 * refuses valid draft-07 schemas on purpose (a `minimum` with no `type` is most often a field
 * whose kind was forgotten); each such refusal is a named rule with a Chinese message saying
 * what to add or remove. Ajv's own sentence stays in `detail` for developers.
 */

export type StrictRule =
  | 'missingType'
  | 'unionType'
  | 'conflictingType'
  | 'tupleLength'
  | 'ignoredKeyword'
  | 'unknownKeyword'
  | 'unknownFormat'
  | 'unresolvedRef'
  | 'overlappingPatterns'
  | 'ignoredDefault'
  | 'refBesideId';

export class SchemaCompileError extends Error {
  override readonly name = 'SchemaCompileError';
  constructor(
    /** The strictness rule that refused the schema; undefined when the schema is simply broken. */
    readonly rule: StrictRule | undefined,
    message: string,
    /** Ajv's message, for developers. */
    readonly detail: string,
  ) {
    super(message);
  }
}

const TYPE_ADVICE: Record<string, string> = {
  number: '"type": "number" 或 "integer"',
  string: '"type": "string"',
  object: '"type": "object"',
  array: '"type": "array"',
};

const at = (path: string | undefined): string => (path ? `${path} 处` : '');

interface Explanation {
  rule: StrictRule;
  pattern: RegExp;
  text: (m: RegExpMatchArray) => string;
}

const EXPLANATIONS: Explanation[] = [
  {
    rule: 'missingType',
    pattern: /missing type "([^"]*)" for keyword "([^"]*)" at "([^"]*)"/,
    text: ([, types = '', keyword, path]) =>
      `${at(path)}使用了“${keyword}”，但没有写明类型：请在同一处加上 ${types
        .split(',')
        .map((t) => TYPE_ADVICE[t] ?? `"type": "${t}"`)
        .join(' 或 ')}`,
  },
  {
    rule: 'unionType',
    pattern: /use allowUnionTypes to allow union type keyword at "([^"]*)"/,
    text: ([, path]) =>
      `${at(path)}的 "type" 列出了多种类型：一个字段只能是一种类型（可另加 "null"），请改用 "anyOf" 的几个分支，各写一个 "type"`,
  },
  {
    rule: 'conflictingType',
    pattern: /type "([^"]*)" not allowed by context "([^"]*)" at "([^"]*)"/,
    text: ([, type, context, path]) =>
      `${at(path)}的 "type": "${type}" 与外层允许的类型（${context}）矛盾：请改为其中之一`,
  },
  {
    rule: 'tupleLength',
    pattern: /"(items|prefixItems)" is (\d+)-tuple, but .* at path "([^"]*)"/,
    text: ([, keyword, n, path]) =>
      `${at(path)}的“${keyword}”是 ${n} 项的固定列表：请加上 "minItems": ${n} 和 "maxItems": ${n}（或 "additionalItems": false）`,
  },
  {
    rule: 'ignoredKeyword',
    pattern: /"additionalItems" is ignored when "items" is not an array of schemas/,
    text: () => '"additionalItems" 只在 "items" 是数组时起作用：请删除它，或把 "items" 写成数组',
  },
  {
    rule: 'ignoredKeyword',
    pattern: /"if" without "then" and "else" is ignored/,
    text: () => '"if" 没有 "then" 或 "else"，不起作用：请补上 "then"/"else"，或删除 "if"',
  },
  {
    rule: 'ignoredKeyword',
    pattern: /"(then|else|maxContains|minContains)" without "(if|contains)" is ignored/,
    text: ([, keyword, needed]) =>
      `“${keyword}”没有对应的“${needed}”，不起作用：请补上“${needed}”，或删除“${keyword}”`,
  },
  {
    rule: 'unknownKeyword',
    pattern: /unknown keyword: "([^"]*)"/,
    text: ([, keyword]) =>
      `“${keyword}”不是 JSON Schema 的关键字（可能拼写有误）：请改正或删除；自定义提示请写在 "x-messages" 中`,
  },
  {
    rule: 'unknownFormat',
    pattern: /unknown format "([^"]*)" ignored in schema at path "([^"]*)"/,
    text: ([, format, path]) =>
      `${at(path)}的格式“${format}”未定义：请改用本项目已定义的格式，或删除 "format"`,
  },
  {
    rule: 'unresolvedRef',
    pattern: /can't resolve reference (\S+) from id (\S+)/,
    text: ([, ref]) => `引用“${ref}”找不到目标：请检查 "$ref"，引用本文件的定义请写成 "#/definitions/名称"`,
  },
  {
    rule: 'overlappingPatterns',
    pattern: /property (\S+) matches pattern (\S+) \(use allowMatchingProperties\)/,
    text: ([, property, pattern]) =>
      `字段“${property}”同时符合 "patternProperties" 的“${pattern}”：一个字段只在一处定义，请删除其中一处`,
  },
  {
    rule: 'ignoredDefault',
    pattern: /default is ignored (in the schema root|for: .*)/,
    text: () => '此处的 "default" 不会生效：请删除它，或移到具体字段上',
  },
];

/** The error `compile` throws for ajv's `error`. */
export function compileError(error: unknown): SchemaCompileError {
  const detail = error instanceof Error ? error.message : String(error);
  for (const { rule, pattern, text } of EXPLANATIONS) {
    const m = detail.match(pattern);
    if (m) return new SchemaCompileError(rule, text(m), detail);
  }
  return new SchemaCompileError(undefined, `JSON Schema 有误：${detail}`, detail);
}

/**
 * Our own strictness, checked before ajv: draft-07 ignores every keyword beside `$ref`, so an
 * `$id` there does not change the base of the reference — but ajv applies it, and would resolve
 * the reference elsewhere. Such a schema means two things; it is refused rather than guessed.
 */
export function checkOwnRules(schema: SchemaNode, path = '#'): SchemaCompileError | undefined {
  if (schema.$ref !== undefined && schema.$id !== undefined)
    return new SchemaCompileError(
      'refBesideId',
      `${path} 处同时写了 "$ref" 和 "$id"：按 draft-07，"$ref" 旁的 "$id" 不起作用，请删除 "$id" 或把它移到被引用的定义上`,
      `$id beside $ref at ${path}`,
    );
  let found: SchemaCompileError | undefined;
  forEachSubschema(schema, (child, tokens) => {
    if (!found && isSchemaObject(child))
      found = checkOwnRules(child, `${path}/${tokens.map(escapeToken).join('/')}`);
  });
  return found;
}
