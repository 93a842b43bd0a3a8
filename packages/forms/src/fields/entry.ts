import type {
  JsonFormsRendererRegistryEntry,
  JsonSchema,
  RankedTester,
  TesterContext,
  UISchemaElement,
} from '@jsonforms/core';
import type { Program } from '@shenbao/core';
import { escapeToken } from '@shenbao/core';
import type { ComponentType } from 'react';
import { tokensOf } from '../pointer';
import type { Option, SchemaNode } from '../schema';
import type { Column } from '../table/columns';

/** A field as the registry's cells and print texts see it: its programme, the form's root and its own schema. */
export interface Field {
  program: Program;
  /** The form's root schema (the schema in force), against which `$ref`s and options resolve. */
  root: SchemaNode;
  /** The field's own schema, `$ref` resolved. */
  schema: SchemaNode;
}

/** What a table cell is given: where its value lives, its column, its accessible name. */
export interface CellProps {
  pointer: string;
  column: Column;
  /** Accessible name: column title and row number. */
  label: string;
  readonly: boolean;
}

/** How a field is edited in a table row: chosen once per column, when the table's columns are built. */
export interface CellKind {
  /** The kind's name (`text`, `longtext`, `date`…): the row form lays out `longtext` full width. */
  kind: string;
  /** The column's share of a compact row, in px. */
  width: number;
  /** Too wide or too tall for a compact row: edited in the row's form unless the UI schema names it. */
  long?: boolean;
  /** The cell; one component per kind, made once (`textCell`, `selectCell`), never per column. */
  component: ComponentType<CellProps>;
  /** The choices of a choosing cell, computed once per column. */
  options?: (field: Field) => Option[] | undefined;
}

/** What a field's print block is given: the field, its title, its value and the registry in force. */
export interface PrintProps {
  field: Field;
  title: string;
  value: unknown;
  entries: readonly ShenbaoEntry[];
}

/**
 * One registration, three places: a `{tester, renderer}` pair as JSON Forms has it (the form),
 * with how the same field is edited in a table row (`cell`) and how it reads on the print page
 * (`text`, or a whole `print` block such as a table). Every facet is optional: for each place the
 * highest-ranked entry that has that facet wins, so an entry with a form control alone falls back
 * to the built-in cell and text of its value's type.
 */
export interface ShenbaoEntry {
  tester: RankedTester;
  /** The form control or layout (JSON Forms' renderer). */
  renderer?: JsonFormsRendererRegistryEntry['renderer'];
  /** A fixed kind, or one chosen from the field's schema (a picker of one or of several). */
  cell?: CellKind | ((field: Field) => CellKind);
  /** The value as read-only text (print page, read-only table). */
  text?: (value: unknown, field: Field) => string;
  /** A block of its own on the print page instead of a title and `text` (a list of rows as a table). */
  print?: ComponentType<PrintProps>;
}

/** JSON Forms' `config`: testers see the programme's reference-data formats through it. */
export function testerConfig(program: Program): { referenceFormats: string[] } {
  return { referenceFormats: Object.keys(program.manifest.formats ?? {}) };
}

export function testerContext(program: Program, root: SchemaNode): TesterContext {
  return { rootSchema: root as JsonSchema, config: testerConfig(program) };
}

/**
 * The highest-ranked entry that has the facet, as JSON Forms dispatches (the first of equal
 * ranks; a tester's -1 never wins). Undefined when none applies.
 */
export function bestEntry(
  entries: readonly ShenbaoEntry[],
  has: (e: ShenbaoEntry) => boolean,
  uischema: UISchemaElement,
  schema: SchemaNode,
  context: TesterContext,
): ShenbaoEntry | undefined {
  let best: ShenbaoEntry | undefined;
  let rank = -1;
  for (const e of entries) {
    if (!has(e)) continue;
    const r = e.tester(uischema, schema as JsonSchema, context);
    if (r > rank) {
      best = e;
      rank = r;
    }
  }
  return best;
}

/**
 * A control for a field known by its pointer under an object (a table column, `/authorization/document`),
 * as JSON Forms' own table dispatches its cells: scope `#/properties/…` into an object schema. The
 * object is made of the path alone, so a field declared in an `allOf` or `then` branch, or flattened
 * from a nested object, is found the same way.
 */
export function controlOf(
  pointer: string,
  leaf: SchemaNode,
): { uischema: UISchemaElement; schema: SchemaNode } {
  const tokens = tokensOf(pointer);
  let schema = leaf;
  for (let i = tokens.length - 1; i >= 0; i--) {
    schema = { type: 'object', properties: { [tokens[i] as string]: schema } };
  }
  const scope = `#${tokens.map((t) => `/properties/${escapeToken(t)}`).join('')}`;
  return { uischema: { type: 'Control', scope } as UISchemaElement, schema };
}

export const hasCell = (e: ShenbaoEntry): boolean => e.cell !== undefined;
export const hasPrint = (e: ShenbaoEntry): boolean => e.print !== undefined || e.text !== undefined;
export const hasRenderer = (e: ShenbaoEntry): e is ShenbaoEntry & JsonFormsRendererRegistryEntry =>
  e.renderer !== undefined;

/** The cell kind of an entry for a field (a fixed kind, or chosen from the field's schema). */
export function cellKindOf(entry: ShenbaoEntry, field: Field): CellKind | undefined {
  return typeof entry.cell === 'function' ? entry.cell(field) : entry.cell;
}
