import { derivedPointers, getPointer, isJsonObject, type NoticeDocument, type Program } from '@shenbao/core';
import { displayValue, NumberedTable, type SchemaNode, schemaAt, titleOf } from '@shenbao/forms';
import { useMemo } from 'react';

/** A node's title, else the key it has in the data. */
const label = (node: SchemaNode | undefined, key: string): string => titleOf(node, key) || key;

/**
 * The parts of a notice the server derives from live records (program.json `notice`: `year`,
 * `entries.path`, `period.path`), read-only: a list as a table with the columns of its item
 * schema, an object as its fields, a value as it reads (reference codes by their names).
 */
export function DerivedParts({
  program,
  doc,
  data,
}: {
  program: Program;
  doc: NoticeDocument;
  data: unknown;
}) {
  const root = useMemo(() => program.json(doc.entry.dataSchema) as SchemaNode, [program, doc]);
  return (
    <div className="derived-parts">
      {derivedPointers(doc.spec).map((pointer) => {
        const node = schemaAt(root, pointer);
        const value = getPointer(data, pointer);
        const title = label(node, pointer.slice(1));
        if (pointer === doc.spec.entries.path) {
          const rows = Array.isArray(value) ? value : [];
          const item = node ? schemaAt(root, `${pointer}/0`) : undefined;
          const columns = Object.entries((item?.properties ?? {}) as Record<string, SchemaNode>).map(
            ([key, n]) => ({ key, title: label(n, key), node: n }),
          );
          return (
            <section key={pointer} aria-label={title}>
              <h3>
                {title}（{rows.length} 项）
              </h3>
              {rows.length === 0 ? (
                <p className="derived-empty" data-testid="derived-empty">
                  当前没有符合条件的记录。
                </p>
              ) : (
                <div className="table-scroll">
                  <NumberedTable
                    className="data-table derived-table"
                    testId="derived-entries"
                    labelled
                    columns={columns}
                    rows={rows}
                    cell={(row, c) =>
                      displayValue(program, root, c.node, isJsonObject(row) ? row[c.key] : undefined)
                    }
                  />
                </div>
              )}
            </section>
          );
        }
        if (isJsonObject(value) || node?.type === 'object') {
          const fields = Object.entries((node?.properties ?? {}) as Record<string, SchemaNode>);
          return (
            <dl key={pointer} className="derived-fields" aria-label={title}>
              {fields.map(([k, c]) => (
                <div key={k}>
                  <dt>{label(c, k)}</dt>
                  <dd data-path={`${pointer}/${k}`}>
                    {displayValue(program, root, c, isJsonObject(value) ? value[k] : undefined)}
                  </dd>
                </div>
              ))}
            </dl>
          );
        }
        return (
          <dl key={pointer} className="derived-fields">
            <div>
              <dt>{title}</dt>
              <dd data-path={pointer}>
                {/* A year is a label, not a quantity: no digit grouping. */}
                {typeof value === 'number' && node?.type === 'integer'
                  ? String(value)
                  : displayValue(program, root, node, value)}
              </dd>
            </div>
          </dl>
        );
      })}
    </div>
  );
}
