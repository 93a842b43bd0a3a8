import { labelFor, type Program, type ValidationError } from '@shenbao/core';
import { isUnder, pointerOf, tokensOf } from '../pointer';
import { childSchema, deref, isNode, type SchemaNode } from '../schema';
import { hiddenPointers, isHidden } from './hidden';

export type ErrorMap = Map<string, readonly string[]>;

/** Rules beyond the schema a page adds (each error's path absolute), shown like the schema's own. */
export type ExtraChecks = (data: unknown) => readonly ValidationError[];

/**
 * Validation in two speeds: the row or section that changed at once (a few microseconds,
 * so the field shows its state in the same frame), the whole document when the applicant
 * pauses. Messages are core's zh-CN messages, naming the field by its schema title.
 */
export class FormValidator {
  private readonly wrappers = new WeakMap<SchemaNode, SchemaNode>();

  constructor(
    readonly program: Program,
    readonly schema: SchemaNode,
    readonly uischema: unknown,
    readonly extra?: ExtraChecks,
  ) {}

  /** Every error of the document, except under fields a rule hides. */
  full(data: unknown): ErrorMap {
    const result = this.program.validator.validate(this.schema, data);
    return this.group([...result.errors, ...(this.extra?.(data) ?? [])], data);
  }

  /**
   * The smallest part whose validation is self-contained: the array row the pointer is in
   * (innermost), else its top-level section. `rows` changes validate the whole list.
   */
  unitOf(pointer: string, kind: 'value' | 'rows' = 'value'): string {
    const tokens = tokensOf(pointer);
    if (tokens.length === 0) return '';
    if (kind === 'rows') return pointer;
    let node: SchemaNode | undefined = this.schema;
    let unitLength = 1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      const isItem = node !== undefined && /^\d+$/.test(token) && isNode(deref(this.schema, node).items);
      if (isItem) unitLength = i + 1;
      node = node ? childSchema(this.schema, node, token) : undefined;
    }
    return pointerOf(tokens.slice(0, unitLength));
  }

  /** Errors of one unit (paths absolute), for `store.patchErrors`. */
  unit(data: unknown, unitPointer: string): ErrorMap | undefined {
    if (unitPointer === '') return this.full(data);
    let value: unknown = data;
    for (const t of tokensOf(unitPointer))
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[t] : undefined;
    const node = this.unitSchema(unitPointer);
    if (!node || value === undefined) return undefined;
    const wrapper = this.wrap(node);
    const result = this.program.validator.validate(wrapper, value);
    const errors = result.errors.map((e) => {
      const path = unitPointer + e.path;
      const short = labelFor(wrapper, e.path);
      const message = e.message.startsWith(short)
        ? labelFor(this.schema, path) + e.message.slice(short.length)
        : e.message;
      return { ...e, path, message };
    });
    const extra = (this.extra?.(data) ?? []).filter((e) => inUnit(unitPointer)(e.path));
    return this.group([...errors, ...extra], data);
  }

  private readonly unitSchemas = new Map<string, SchemaNode | undefined>();

  /** The schema of a unit, memoised by shape (`/cases/57` and `/cases/3` share one), so ajv compiles it once. */
  private unitSchema(unitPointer: string): SchemaNode | undefined {
    const shape = unitPointer.replace(/\/\d+(?=\/|$)/g, '/#');
    if (this.unitSchemas.has(shape)) return this.unitSchemas.get(shape);
    let node: SchemaNode | undefined = this.schema;
    for (const t of tokensOf(unitPointer)) node = node ? childSchema(this.schema, node, t) : undefined;
    this.unitSchemas.set(shape, node);
    return node;
  }

  /**
   * Compiles the validator of the unit a field belongs to (or, for `rows`, of the list at
   * `pointer`), so the first keystroke or added row there does not pay for it (called when a
   * field gets focus or the pointer reaches an add-row button; a no-op once compiled).
   */
  prepare(pointer: string, kind: 'value' | 'rows' = 'value'): void {
    const unit = this.unitOf(pointer, kind);
    if (unit === '') return;
    const node = this.unitSchema(unit);
    if (node) this.program.validator.compile(this.wrap(node));
  }

  /** Local `$ref`s of a sub-schema still point at the root's definitions. */
  private wrap(node: SchemaNode): SchemaNode {
    let w = this.wrappers.get(node);
    if (!w) {
      w = { ...node };
      if (this.schema.definitions !== undefined) w.definitions = this.schema.definitions;
      if (this.schema.$defs !== undefined) w.$defs = this.schema.$defs;
      this.wrappers.set(node, w);
    }
    return w;
  }

  private group(errors: readonly ValidationError[], data: unknown): ErrorMap {
    const out: ErrorMap = new Map();
    if (errors.length === 0) return out;
    const hidden = hiddenPointers(this.uischema, data, this.program.validator.ajv);
    for (const e of errors) {
      if (hidden.length > 0 && isHidden(e.path, hidden)) continue;
      const list = out.get(e.path);
      out.set(e.path, list ? [...list, e.message] : [e.message]);
    }
    return out;
  }
}

/** True for error paths the unit's re-validation replaces. */
export const inUnit = (unitPointer: string) => (path: string) => isUnder(path, unitPointer);
