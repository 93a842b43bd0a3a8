import { isObjectArrayControl, type OwnPropsOfRenderer, rankWith } from '@jsonforms/core';
import {
  type CSSProperties,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { useFormContext } from '../context';
import { useControl } from '../controls/use-control';
import { newRow } from '../draft/draft';
import { childPointer } from '../pointer';
import { deref, isNode } from '../schema';
import type { RemovedRow } from '../store/form-store';
import { type Column, columnsOf } from './columns';
import { revealSmoothly } from './reveal';
import { rowDragHandlers } from './row-drag';
import { TableCell } from './table-cell';

interface RowProps {
  pointer: string;
  index: number;
  isLast: boolean;
  columns: readonly Column[];
  readonly: boolean;
  onRemove: (index: number) => void;
  onMove: (from: number, to: number) => void;
}

/** One row: re-renders when its index changes, never because another row was edited. */
const TableRow = memo(function TableRow({
  pointer,
  index,
  isLast,
  columns,
  readonly,
  onRemove,
  onMove,
}: RowProps) {
  const rowPointer = childPointer(pointer, index);
  const n = index + 1;
  return (
    <tr className="sb-row" data-row={index}>
      <th
        scope="row"
        className="sb-rownum"
        draggable={!readonly}
        data-drag-handle={readonly ? undefined : ''}
        title={readonly ? undefined : '拖动可调整顺序'}
      >
        {n}
      </th>
      {columns.map((col) => (
        <td key={col.key}>
          <TableCell
            pointer={rowPointer + col.key}
            column={col}
            label={`第${n}项 ${col.title}`}
            readonly={readonly}
          />
        </td>
      ))}
      {!readonly && (
        <td className="sb-actions">
          <button
            type="button"
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
            aria-label={`上移第${n}项`}
            title="上移"
          >
            ↑
          </button>
          <button
            type="button"
            disabled={isLast}
            onClick={() => onMove(index, index + 1)}
            aria-label={`下移第${n}项`}
            title="下移"
          >
            ↓
          </button>
          <button
            type="button"
            className="sb-danger"
            onClick={() => onRemove(index)}
            aria-label={`删除第${n}项`}
            title="删除"
          >
            删除
          </button>
        </td>
      )}
    </tr>
  );
});

const lengthOf = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/**
 * An array of objects as an editable table: add, remove with undo, reorder, a row count.
 * Rows are our own memoised components bound to the store, so typing in row 57 renders
 * row 57's cell and nothing else.
 */
export function ArrayTable(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store, program, schema: root } = useFormContext();
  const subscribe = useCallback((l: () => void) => store.subscribe(c.pointer, l), [store, c.pointer]);
  const getKeys = useCallback(() => store.rowKeys(c.pointer), [store, c.pointer]);
  // The keys array changes identity on add, remove and move only — not when a cell is edited.
  const keys = useSyncExternalStore(subscribe, getKeys, getKeys);
  const count = keys.length;
  const items = isNode(c.schema.items) ? deref(root, c.schema.items) : undefined;
  const columns = useMemo(() => (items ? columnsOf(program, root, items) : []), [program, root, items]);
  // Fixed column widths shared by every row: a row's layout never depends on another's.
  const template = useMemo(
    () =>
      `48px ${columns.map((col) => `minmax(${col.width}px, ${col.width}fr)`).join(' ')}${c.readonly ? '' : ' 150px'}`,
    [columns, c.readonly],
  );
  const maxItems = typeof c.schema.maxItems === 'number' ? c.schema.maxItems : undefined;
  const [removed, setRemoved] = useState<RemovedRow | null>(null);

  useEffect(() => {
    if (!removed) return;
    const t = setTimeout(() => setRemoved(null), 15_000);
    return () => clearTimeout(t);
  }, [removed]);

  const add = (): void => {
    const at = lengthOf(store.get(c.pointer));
    const first = columns[0];
    const target = first ? `${childPointer(c.pointer, at)}${first.key}` : undefined;
    // The new row's first cell mounts live and takes the focus in the render that adds the row
    // (a text cell; any other kind is focused on the next frame below).
    store.requestFocus(target);
    store.insertRow(c.pointer, at, newRow(root, items));
    if (target)
      requestAnimationFrame(() => {
        store.requestFocus(undefined);
        const el = document.querySelector<HTMLElement>(`[data-path="${target}"]`);
        if (el && document.activeElement !== el) el.focus({ preventScroll: true });
        revealSmoothly(`[data-array-path="${c.pointer}"] tr[data-row="${at}"]`);
      });
  };
  const onRemove = useCallback(
    (index: number) => {
      const r = store.removeRow(c.pointer, index);
      if (r) setRemoved(r);
    },
    [store, c.pointer],
  );
  const onMove = useCallback(
    (from: number, to: number) => store.moveRow(c.pointer, from, to),
    [store, c.pointer],
  );
  const drag = useMemo(() => rowDragHandlers(c.pointer, onMove), [c.pointer, onMove]);
  const undo = (): void => {
    if (!removed) return;
    store.insertRow(c.pointer, removed.index, removed.value, removed.key);
    setRemoved(null);
  };
  const full = maxItems !== undefined && count >= maxItems;
  const tableErrorId = `${c.id}-helper`;

  return (
    <section className="sb-array" id={c.id} data-array-path={c.pointer} aria-labelledby={`${c.id}-title`}>
      <header className="sb-array-head">
        <h3 id={`${c.id}-title`}>
          {c.label}
          {c.required && <span className="sb-req"> *</span>}
        </h3>
        <span className="sb-count" aria-live="polite">
          共 {count} 项{maxItems !== undefined ? `（最多 ${maxItems} 项）` : ''}
        </span>
        {!c.readonly && (
          <button type="button" className="sb-add" onClick={add} disabled={full} data-add-row={c.pointer}>
            ＋ 添加一行
          </button>
        )}
      </header>
      {c.description && <p className="sb-desc">{c.description}</p>}
      {count > 0 ? (
        <div className="sb-table-wrap">
          <table
            className="sb-table sb-grid"
            aria-labelledby={`${c.id}-title`}
            style={{ '--sb-cols': template } as CSSProperties}
          >
            <thead>
              <tr className="sb-row sb-head">
                <th scope="col" className="sb-rownum">
                  序号
                </th>
                {columns.map((col) => (
                  <th scope="col" key={col.key}>
                    {col.title}
                    {col.required && <span className="sb-req"> *</span>}
                  </th>
                ))}
                {!c.readonly && (
                  <th scope="col" className="sb-actions">
                    操作
                  </th>
                )}
              </tr>
            </thead>
            <tbody {...(c.readonly ? {} : drag)}>
              {keys.map((key, index) => (
                <TableRow
                  key={key}
                  pointer={c.pointer}
                  index={index}
                  isLast={index === keys.length - 1}
                  columns={columns}
                  readonly={c.readonly}
                  onRemove={onRemove}
                  onMove={onMove}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="sb-empty">暂无数据，点击“添加一行”开始填写。</p>
      )}
      {removed && (
        <div className="sb-undo" role="status">
          已删除第 {removed.index + 1} 项。
          <button type="button" onClick={undo}>
            撤销
          </button>
        </div>
      )}
      {c.errors.length > 0 && (
        <p className="sb-cell-error" id={tableErrorId}>
          {c.errors.join('；')}
        </p>
      )}
    </section>
  );
}

export const arrayTableEntry = { tester: rankWith(3, isObjectArrayControl), renderer: ArrayTable };
