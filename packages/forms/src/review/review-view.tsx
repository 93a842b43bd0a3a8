import type { UISchemaElement } from '@jsonforms/core';
import type { Program } from '@shenbao/core';
import { getPointer } from '@shenbao/core';
import { type ReactNode, useMemo } from 'react';
import { displayValue } from '../display-value';
import {
  bestEntry,
  controlOf,
  type Field,
  hasPrint,
  type ShenbaoEntry,
  testerContext,
} from '../fields/entry';
import { fieldEntries } from '../fields/kinds';
import { scopeToPointer } from '../pointer';
import { deref, type SchemaNode, schemaAt, titleOf } from '../schema';
import { elementVisible } from '../validation/hidden';

interface El {
  type?: string;
  label?: string;
  text?: string;
  scope?: string;
  elements?: El[];
  rule?: unknown;
}

export interface ReviewViewProps {
  program: Program;
  schema: SchemaNode;
  uischema: unknown;
  data: unknown;
  /** More entries (as given to `ShenbaoForm`): their `text` or `print` competes with ours by rank. */
  renderers?: readonly ShenbaoEntry[];
}

/**
 * The whole form, read-only and printable, laid out by the same UI schema as the wizard. Each
 * control is shown as the registry says (highest-ranked tester with a `text` or `print` wins), so
 * a field shows on paper as the entry that edits it in the form says.
 */
export function ReviewView({ program, schema, uischema, data, renderers }: ReviewViewProps) {
  const ajv = program.validator.ajv;
  const entries = useMemo(() => [...fieldEntries, ...(renderers ?? [])], [renderers]);
  const context = useMemo(() => testerContext(program, schema), [program, schema]);
  let key = 0;
  const walk = (el: El | undefined, depth: number): ReactNode => {
    if (!el || typeof el !== 'object') return null;
    if (el.rule && !elementVisible(el, data, ajv)) return null;
    const kids = (): ReactNode[] => (el.elements ?? []).map((c) => walk(c, depth + 1));
    switch (el.type) {
      case 'Categorization':
        return <div key={key++}>{kids()}</div>;
      case 'Category':
        return (
          <section key={key++} className="sb-review-section">
            <h2>{el.label}</h2>
            <div className="sb-review-list">{kids()}</div>
          </section>
        );
      case 'Group':
        return (
          <div key={key++} className="sb-review-group">
            <h3>{el.label}</h3>
            <div className="sb-review-list">{kids()}</div>
          </div>
        );
      case 'Label':
        return <p key={key++}>{el.text}</p>;
      case 'Control': {
        const pointer = scopeToPointer(el.scope ?? '#');
        const node = schemaAt(schema, pointer);
        const value = getPointer(data, pointer);
        const title = el.label ?? titleOf(node, pointer);
        const field: Field = { program, root: schema, schema: node ? deref(schema, node) : {} };
        // The field as our schema walker finds it (a field of an `if/then` branch too), with the
        // element's own options for the testers that read them.
        const control = controlOf(pointer, field.schema);
        const ui = { ...el, scope: (control.uischema as { scope: string }).scope } as UISchemaElement;
        const entry = bestEntry(entries, hasPrint, ui, control.schema, context);
        if (entry?.print) {
          const Print = entry.print;
          return <Print key={key++} field={field} title={title} value={value} entries={entries} />;
        }
        return (
          <div key={key++} className="sb-review-row">
            <div className="sb-review-key">{title}</div>
            <div className="sb-review-value">
              {entry?.text?.(value, field) ?? displayValue(program, schema, node, value)}
            </div>
          </div>
        );
      }
      default:
        return (
          <div key={key++} className="sb-review-flow">
            {kids()}
          </div>
        );
    }
  };
  return <div className="sb-review">{walk(uischema as El, 0)}</div>;
}

export const REVIEW_CSS = `
.sb-review { font-size: 14px; }
.sb-review-flow { display: contents; }
.sb-review-group { grid-column: 1 / -1; }
.sb-review-section { break-inside: auto; margin-bottom: 20px; }
.sb-review-section h2 { font-size: 17px; border-bottom: 2px solid #1f2937; padding-bottom: 4px; }
.sb-review-group h3, .sb-review-table h3 { font-size: 15px; margin: 12px 0 6px; }
.sb-review-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 4px 24px; margin: 0; }
.sb-review-row { display: grid; grid-template-columns: 11em 1fr; gap: 8px; padding: 3px 0; border-bottom: 1px dotted #d1d5db; }
.sb-review-key { color: #4b5563; }
.sb-review-value { margin: 0; white-space: pre-wrap; word-break: break-word; }
.sb-review-table { grid-column: 1 / -1; }
.sb-review .sb-table td, .sb-review .sb-table th { font-size: 12px; }
@media print {
  .no-print { display: none !important; }
  .sb-review-row { break-inside: avoid; }
  .sb-review .sb-table tr { break-inside: avoid; }
  @page { size: A4; margin: 18mm 15mm; }
}
`;
