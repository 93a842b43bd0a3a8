import { Ajv, type ValidateFunction } from 'ajv';
import * as ajvFormatsModule from 'ajv-formats';
import { BUILTIN_FORMATS, type FormatDef } from '../formats';
import { guardData } from './guard';
import { translateErrors, type ValidationError } from './messages';
import { outlineSchema } from './outline';
import type { SchemaNode } from './schema-walk';
import { lengthKeyword } from './string-length';

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

type AddFormats = (ajv: Ajv, formats?: string[]) => Ajv;
// ajv-formats is CommonJS: under Node ESM the default import is the module object.
const addFormats: AddFormats =
  (ajvFormatsModule as unknown as { default?: { default?: AddFormats } }).default?.default ??
  (ajvFormatsModule as unknown as { default: AddFormats }).default;

/** One ajv per programme, with its formats; validators compiled once per schema object. */
export class SchemaValidator {
  readonly ajv: Ajv;
  private readonly cache = new WeakMap<SchemaNode, { fn: ValidateFunction; closed: boolean }>();

  constructor(readonly formats: Readonly<Record<string, FormatDef>> = BUILTIN_FORMATS) {
    this.ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      messages: false,
      // Programme schemas are meta-validated once by lintProgram, not on every compile:
      // compiling the draft-07 meta-schema costs ~80 ms on a browser's first load.
      validateSchema: false,
    });
    addFormats(this.ajv, ['date-time', 'email', 'uri']);
    for (const [name, def] of Object.entries(formats))
      this.ajv.addFormat(name, { type: 'string', validate: def.validate });
    this.ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
    for (const k of ['minLength', 'maxLength'] as const) {
      this.ajv.removeKeyword(k);
      this.ajv.addKeyword(lengthKeyword(k));
    }
  }

  compile(schema: SchemaNode): ValidateFunction {
    return this.entry(schema).fn;
  }

  private entry(schema: SchemaNode): { fn: ValidateFunction; closed: boolean } {
    let hit = this.cache.get(schema);
    if (!hit) {
      // Compile from a copy: ajv keys its own cache by $id and we may hold several years of one schema.
      const { $id: _id, ...copy } = schema;
      hit = { fn: this.ajv.compile(outlineSchema(copy)), closed: isClosed(schema) };
      this.cache.set(schema, hit);
    }
    return hit;
  }

  validate(schema: SchemaNode, data: unknown): ValidationResult {
    const { fn, closed } = this.entry(schema);
    if (fn(data)) {
      // A closed schema admits no unknown keys, so valid data cannot carry forbidden ones.
      if (closed) return { valid: true, errors: [] };
      const problem = guardData(data);
      return problem ? { valid: false, errors: [problem] } : { valid: true, errors: [] };
    }
    const problem = guardData(data);
    if (problem) return { valid: false, errors: [problem] };
    return {
      valid: false,
      errors: translateErrors({ root: schema, formats: this.formats }, fn.errors ?? []),
    };
  }
}

/** True when every object schema forbids unknown properties (so keys are fully known). */
export function isClosed(schema: SchemaNode): boolean {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as SchemaNode;
    if (n.type === 'object' && n.additionalProperties !== false) return false;
    if (n.patternProperties !== undefined) return false;
    for (const [k, v] of Object.entries(n))
      if (k !== 'const' && k !== 'enum' && k !== 'default') stack.push(v);
  }
  return true;
}
