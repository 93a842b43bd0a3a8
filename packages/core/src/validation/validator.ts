import { Ajv, type ValidateFunction } from 'ajv';
import * as ajvFormatsModule from 'ajv-formats';
import { BUILTIN_FORMATS, type FormatDef } from '../formats';
import { getPointer } from '../json-pointer';
import { checkOwnRules, compileError } from './compile-errors';
import { FORBIDDEN_KEYS, guardData } from './guard';
import { translateErrors, type ValidationError } from './messages';
import { outlineSchema } from './outline';
import type { SchemaNode } from './schema-walk';
import { lengthKeyword } from './string-length';
import { forEachSubschema, isSchemaObject } from './subschemas';

/** A JSON Schema: an object, or `true` (anything) / `false` (nothing). */
export type Schema = SchemaNode | boolean;

interface Compiled {
  fn: ValidateFunction;
  /** Every valid value has only keys the schema names: the key guard cannot fail on it. */
  closed: boolean;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

type AddFormats = (ajv: Ajv, formats?: string[]) => Ajv;
// ajv-formats is CommonJS: under Node ESM the default import is the module object.
const addFormats: AddFormats =
  (ajvFormatsModule as unknown as { default?: { default?: AddFormats } }).default?.default ??
  (ajvFormatsModule as unknown as { default: AddFormats }).default;

/**
 * Compiled validators kept between processes (node/validator-cache.ts), so that a one-shot command
 * validates without compiling its schema again. `prepare` adjusts the validator's ajv before any
 * compile (ajv keeps a function's source only when told so at compile time); `load` returns a
 * validator for the schema or nothing, `save` keeps a compiled one; neither may throw.
 */
export interface CompiledValidatorStore {
  prepare(ajv: Ajv): void;
  load(schema: SchemaNode, ajv: Ajv): ValidateFunction | undefined;
  save(schema: SchemaNode, ajv: Ajv, fn: ValidateFunction): void;
}

/** One ajv per programme, with its formats; validators compiled once per schema object. */
export class SchemaValidator {
  readonly ajv: Ajv;
  private readonly cache = new WeakMap<SchemaNode, Compiled>();
  private readonly booleans = new Map<boolean, Compiled>();
  private store: CompiledValidatorStore | undefined;

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

  /** Loads and saves compiled validators through `store`; call it before the first compile. */
  useStore(store: CompiledValidatorStore): void {
    store.prepare(this.ajv);
    this.store = store;
  }

  /** @throws SchemaCompileError, whose message says in Chinese what the schema needs. */
  compile(schema: Schema): ValidateFunction {
    return this.entry(schema).fn;
  }

  private entry(schema: Schema): Compiled {
    if (typeof schema === 'boolean') {
      let hit = this.booleans.get(schema);
      if (!hit) {
        hit = { fn: this.ajv.compile(schema), closed: !schema };
        this.booleans.set(schema, hit);
      }
      return hit;
    }
    let hit = this.cache.get(schema);
    if (!hit) {
      hit = { fn: this.compileOnce(schema), closed: isClosed(schema) };
      this.cache.set(schema, hit);
    }
    return hit;
  }

  /**
   * Ajv registers the schema's `$id` and every nested `$id`, and refuses a second schema with
   * the same ids — which several years of one programme's schema are. The compiled function
   * keeps what it resolved, so the ids are forgotten again once it is built.
   */
  private compileOnce(schema: SchemaNode): ValidateFunction {
    const refused = checkOwnRules(schema);
    if (refused) throw refused;
    const stored = this.store?.load(schema, this.ajv);
    if (stored) return stored;
    const fn = this.compileOutlined(schema);
    this.store?.save(schema, this.ajv, fn);
    return fn;
  }

  private compileOutlined(schema: SchemaNode): ValidateFunction {
    const outlined = outlineSchema(schema);
    try {
      return this.forgetting(outlined, () => this.ajv.compile(outlined));
    } catch (outlinedError) {
      if (outlined === schema) throw compileError(outlinedError);
      // Report what the author wrote, with its paths, not the outlined copy.
      try {
        this.forgetting(schema, () => this.ajv.compile(schema));
      } catch (e) {
        throw compileError(e);
      }
      throw compileError(outlinedError);
    }
  }

  private forgetting<T>(schema: SchemaNode, run: () => T): T {
    const known = new Set([...Object.keys(this.ajv.schemas), ...Object.keys(this.ajv.refs)]);
    try {
      return run();
    } finally {
      this.ajv.removeSchema(schema);
      for (const key of [...Object.keys(this.ajv.schemas), ...Object.keys(this.ajv.refs)])
        if (!known.has(key)) this.ajv.removeSchema(key);
    }
  }

  validate(schema: Schema, data: unknown): ValidationResult {
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
      errors: translateErrors(
        { root: typeof schema === 'boolean' ? {} : schema, formats: this.formats },
        fn.errors ?? [],
      ),
    };
  }
}

/** Past this many schema nodes visited, a schema counts as open: the guard then runs. */
const CLOSED_CHECK_BUDGET = 100_000;

/**
 * True when no valid value can carry a key the schema does not name, so the key guard
 * (`__proto__`, `constructor`, `prototype`) cannot fail on valid data and may be skipped.
 * Conservative: any doubt (`items: {}`, a pattern, a recursive or external `$ref`) means open.
 */
export function isClosed(schema: Schema): boolean {
  const root = schema;
  const pointerRefs = typeof root !== 'boolean' && !hasNestedId(root);
  const active = new Set<SchemaNode>();
  let steps = 0;

  const closed = (node: unknown): boolean => {
    if (typeof node === 'boolean') return !node;
    if (!isSchemaObject(node) || ++steps > CLOSED_CHECK_BUDGET) return false;
    // Recursion bounds neither keys nor depth: leave it to the guard.
    if (active.has(node)) return false;
    active.add(node);
    try {
      return fixed(node) || ownTypesClosed(node) || conjunctClosed(node);
    } finally {
      active.delete(node);
    }
  };

  /** `const` / `enum`: valid data equals one of the values, which the guard checks here. */
  const fixed = (n: SchemaNode): boolean =>
    (Object.hasOwn(n, 'const') && guardData(n.const) === undefined) ||
    (Array.isArray(n.enum) && n.enum.every((v) => guardData(v) === undefined));

  const ownTypesClosed = (n: SchemaNode): boolean => {
    const types =
      typeof n.type === 'string' ? [n.type] : Array.isArray(n.type) ? n.type : ['object', 'array'];
    if (types.includes('object')) {
      if (n.additionalProperties !== false || n.patternProperties !== undefined) return false;
      const props = isSchemaObject(n.properties) ? n.properties : {};
      for (const [name, sub] of Object.entries(props))
        if (FORBIDDEN_KEYS.has(name) || !closed(sub)) return false;
    }
    if (types.includes('array')) {
      if (Array.isArray(n.items)) {
        if (!n.items.every(closed) || !closed(n.additionalItems ?? true)) return false;
      } else if (!closed(n.items ?? true)) return false;
    }
    return true;
  };

  /** Keywords that every valid value must also satisfy: one closed conjunct closes the node. */
  const conjunctClosed = (n: SchemaNode): boolean => {
    if (typeof n.$ref === 'string' && pointerRefs && /^#(\/.*)?$/.test(n.$ref)) {
      let pointer = n.$ref.slice(1);
      try {
        pointer = decodeURIComponent(pointer);
      } catch {
        // Kept as written.
      }
      if (closed(getPointer(root, pointer))) return true;
    }
    if (Array.isArray(n.allOf) && n.allOf.some(closed)) return true;
    if (Array.isArray(n.anyOf) && n.anyOf.length > 0 && n.anyOf.every(closed)) return true;
    if (Array.isArray(n.oneOf) && n.oneOf.length > 0 && n.oneOf.every(closed)) return true;
    return n.if !== undefined && closed(n.then ?? true) && closed(n.else ?? true);
  };

  return closed(root);
}

/** True when a subschema below the root has its own `$id` (another scope for `#…` references). */
function hasNestedId(node: SchemaNode): boolean {
  let found = false;
  forEachSubschema(node, (child) => {
    if (!found && isSchemaObject(child)) found = child.$id !== undefined || hasNestedId(child);
  });
  return found;
}
