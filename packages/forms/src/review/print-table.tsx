import { getPointer } from '@shenbao/core';
import type { PrintProps } from '../fields/entry';
import { deref, isNode } from '../schema';
import { columnsOf } from '../table/columns';
import { NumberedTable } from './numbered-table';

/** A list of rows on the print page: a table of every column, each cell as its column's text. */
export function PrintTable({ field, title, value, entries }: PrintProps) {
  const { program, root, schema } = field;
  const items = isNode(schema.items) ? deref(root, schema.items) : undefined;
  const columns = items ? columnsOf(program, root, items, entries) : [];
  const rows = Array.isArray(value) ? value : [];
  return (
    <div className="sb-review-table">
      <h3>
        {title}（{rows.length} 项）
      </h3>
      {rows.length === 0 ? (
        <p>无</p>
      ) : (
        <NumberedTable
          className="sb-table"
          columns={columns}
          rows={rows}
          cell={(row, c) => c.text(getPointer(row, c.key))}
        />
      )}
    </div>
  );
}
