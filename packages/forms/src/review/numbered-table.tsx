import type { ReactNode } from 'react';

export interface NumberedColumn {
  key: string;
  title: string;
}

/**
 * A read-only list as a table: a 序号 column, then one column per `columns`, each cell what
 * `cell` makes of the row for that column. `labelled` repeats each column's title on its cells
 * (`data-label`) for pages that show narrow tables as cards.
 */
export function NumberedTable<C extends NumberedColumn>({
  columns,
  rows,
  cell,
  className,
  labelled = false,
  testId,
}: {
  columns: readonly C[];
  rows: readonly unknown[];
  cell: (row: unknown, column: C) => ReactNode;
  className: string;
  labelled?: boolean;
  testId?: string;
}) {
  return (
    <table className={className} data-testid={testId}>
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
          // Rows have no ids of their own: a read-only snapshot, in its order.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={i}>
            <td>{i + 1}</td>
            {columns.map((c) => (
              <td key={c.key} data-label={labelled ? c.title : undefined}>
                {cell(row, c)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
