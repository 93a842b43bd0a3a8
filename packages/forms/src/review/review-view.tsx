import type { Program } from '@shenbao/core';
import { getPointer } from '@shenbao/core';
import type { ReactNode } from 'react';
import { displayValue } from '../display-value';
import { scopeToPointer } from '../pointer';
import { deref, isNode, type SchemaNode, schemaAt, titleOf } from '../schema';
import { columnsOf } from '../table/columns';
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
}

/** The whole form, read-only and printable, laid out by the same UI schema as the wizard. */
export function ReviewView({ program, schema, uischema, data }: ReviewViewProps) {
  const ajv = program.validator.ajv;
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
        const items = node && isNode(node.items) ? deref(schema, node.items) : undefined;
        if (node?.type === 'array' && items?.type === 'object') {
          const columns = columnsOf(program, schema, items);
          const rows = Array.isArray(value) ? value : [];
          return (
            <div key={key++} className="sb-review-table">
              <h3>
                {title}（{rows.length} 项）
              </h3>
              {rows.length === 0 ? (
                <p>无</p>
              ) : (
                <table className="sb-table">
                  <thead>
                    <tr>
                      <th scope="col">序号</th>
                      {columns.map((c) => (
                        <th key={c.key} scope="col">
                          {c.title}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only snapshot
                      <tr key={i}>
                        <td>{i + 1}</td>
                        {columns.map((c) => (
                          <td key={c.key}>
                            {displayValue(program, schema, schemaAt(items, c.key), getPointer(row, c.key))}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        }
        return (
          <div key={key++} className="sb-review-row">
            <div className="sb-review-key">{title}</div>
            <div className="sb-review-value">{displayValue(program, schema, node, value)}</div>
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
