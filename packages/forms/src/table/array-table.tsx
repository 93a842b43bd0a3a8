import type { OwnPropsOfRenderer } from '@jsonforms/core';
import {
  type CSSProperties,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useFormContext } from '../context';
import { useControl } from '../controls/use-control';
import { newRow } from '../draft/draft';
import { useFieldEntries } from '../fields/registry-context';
import { childPointer } from '../pointer';
import { deref, isNode } from '../schema';
import type { RemovedRow } from '../store/form-store';
import { columnsOf, keyColumnsOf } from './columns';
import { revealSmoothly } from './reveal';
import { REVEAL_FIELD } from './reveal-field';
import { rowDragHandlers } from './row-drag';
import { TableRow } from './table-row';

/**
 * Rows are grouped in <tbody> blocks of ROWS_PER_BLOCK, each with `content-visibility: auto` (styles.ts)
 * on top of each row's own: Chromium then watches one block instead of every row of it while it is
 * off screen. At 500 rows, watching every row cost ~8 ms of each frame at 4× CPU slowdown (keystroke
 * p95 63–77 → 36–37 ms, bench/forms/README.md); at 100 rows nothing changes.
 */
const ROWS_PER_BLOCK = 25;
function blocksOf<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_BLOCK) out.push(items.slice(i, i + ROWS_PER_BLOCK));
  return out;
}

/** How to find again, in the row's new place, the control of a row that had the focus. */
function focusedControl(
  rowPointer: string,
): ((row: HTMLElement, newPointer: string) => HTMLElement | null) | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return undefined;
  const move = active.dataset.move;
  if (move)
    return (row) =>
      row.querySelector<HTMLElement>(`[data-move="${move}"]:not(:disabled)`) ??
      row.querySelector<HTMLElement>('[data-move]:not(:disabled)');
  const path = active.dataset.path;
  if (path?.startsWith(`${rowPointer}/`))
    return (row, newPointer) =>
      row.querySelector<HTMLElement>(
        `[data-path="${CSS.escape(newPointer + path.slice(rowPointer.length))}"]`,
      );
  if (active.dataset.rowToggle !== undefined)
    return (row) => row.querySelector<HTMLElement>('[data-row-toggle]');
  return undefined;
}

const lengthOf = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/**
 * An array of objects as an editable table: add, remove with undo, reorder, a row count.
 * Each row shows its key columns and opens into a form of all its other fields (Formily's
 * ArrayCards, amis's combo), so a table is never wider than the page and every row stays
 * identifiable. Rows are our own memoised components bound to the store, so typing in row 57
 * renders row 57's cell and nothing else.
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
  // Each column's cell is chosen here, once, from the form's registry (its own entries included).
  const entries = useFieldEntries();
  const columns = useMemo(
    () => (items ? columnsOf(program, root, items, entries) : []),
    [program, root, items, entries],
  );
  const keyOption = (props.uischema as { options?: Record<string, unknown> }).options?.keyColumns;
  const keyColumns = useMemo(() => keyColumnsOf(columns, keyOption), [columns, keyOption]);
  const formColumns = useMemo(
    () => columns.filter((col) => !keyColumns.includes(col)),
    [columns, keyColumns],
  );
  // Fixed column widths shared by every row: a row's layout never depends on another's. The key
  // columns share what the form column leaves, down to a floor; below that the rows stack (CSS).
  const actionsWidth = (formColumns.length > 0 ? 64 : 0) + (c.readonly ? 0 : 150);
  const template = useMemo(
    () =>
      `48px ${keyColumns.map((col) => `minmax(96px, ${col.width}fr)`).join(' ')}${actionsWidth > 0 ? ` ${actionsWidth}px` : ''}`,
    [keyColumns, actionsWidth],
  );
  // Rows whose form is open, by row key (a row keeps it through moves, removal and undo).
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const focusOnOpen = useRef<string | undefined>(undefined);
  const onToggle = useCallback((key: string, focus: boolean) => {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else {
        next.add(key);
        focusOnOpen.current = focus ? key : undefined;
      }
      return next;
    });
  }, []);
  const takeFocus = useCallback((key: string) => {
    if (focusOnOpen.current !== key) return false;
    focusOnOpen.current = undefined;
    return true;
  }, []);
  // A link to a field of a closed row (the error summary's) opens that row first.
  useEffect(() => {
    const reveal = (e: Event): void => {
      const path = (e as CustomEvent<string>).detail;
      if (!path.startsWith(`${c.pointer}/`)) return;
      const key = store.rowKeys(c.pointer)[Number(path.slice(c.pointer.length + 1).split('/')[0])];
      if (key) setOpen((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
    };
    document.addEventListener(REVEAL_FIELD, reveal);
    return () => document.removeEventListener(REVEAL_FIELD, reveal);
  }, [store, c.pointer]);
  const maxItems = typeof c.schema.maxItems === 'number' ? c.schema.maxItems : undefined;
  const [removed, setRemoved] = useState<RemovedRow | null>(null);

  useEffect(() => {
    if (!removed) return;
    const t = setTimeout(() => setRemoved(null), 15_000);
    return () => clearTimeout(t);
  }, [removed]);

  const add = (): void => {
    const at = lengthOf(store.get(c.pointer));
    const first = keyColumns[0];
    const target = first ? `${childPointer(c.pointer, at)}${first.key}` : undefined;
    // The new row's first cell mounts live and takes the focus in the render that adds the row
    // (a text cell; any other kind is focused on the next frame below).
    store.requestFocus(target);
    store.insertRow(c.pointer, at, newRow(root, items));
    // Adding or removing a row touches the list: its own rules (the year's minimum of rows) show.
    store.touch(c.pointer);
    // A new row opens with its form: every field of it is in reach, the first one focused.
    const key = store.rowKeys(c.pointer)[at];
    if (key && formColumns.length > 0) setOpen((prev) => new Set(prev).add(key));
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
      store.touch(c.pointer);
      if (r) setRemoved(r);
    },
    [store, c.pointer],
  );
  // A row that moves into another block is mounted anew there (React keeps a row only under the same
  // parent): the control it had the focus on (↑, ↓, a field) takes it again after the move.
  const tableRef = useRef<HTMLTableElement>(null);
  const refocus = useRef<(() => void) | undefined>(undefined);
  const onMove = useCallback(
    (from: number, to: number) => {
      const row = tableRef.current?.querySelector<HTMLElement>(`tr[data-row="${from}"]`);
      const find = row?.contains(document.activeElement)
        ? focusedControl(childPointer(c.pointer, from))
        : undefined;
      store.moveRow(c.pointer, from, to);
      refocus.current = find
        ? () => {
            if (document.activeElement && document.activeElement !== document.body) return;
            const moved = tableRef.current?.querySelector<HTMLElement>(`tr[data-row="${to}"]`);
            if (moved) find(moved, childPointer(c.pointer, to))?.focus({ preventScroll: true });
          }
        : undefined;
    },
    [store, c.pointer],
  );
  useLayoutEffect(() => {
    const f = refocus.current;
    refocus.current = undefined;
    f?.();
  });
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
            ref={tableRef}
            {...(c.readonly ? {} : drag)}
            className="sb-table sb-grid"
            aria-labelledby={`${c.id}-title`}
            style={{ '--sb-cols': template } as CSSProperties}
          >
            <thead>
              <tr className="sb-row sb-head">
                <th scope="col" className="sb-rownum">
                  序号
                </th>
                {keyColumns.map((col) => (
                  <th scope="col" key={col.key}>
                    {col.title}
                    {col.required && <span className="sb-req"> *</span>}
                  </th>
                ))}
                {actionsWidth > 0 && (
                  <th scope="col" className="sb-actions">
                    操作
                  </th>
                )}
              </tr>
            </thead>
            {blocksOf(keys).map((block, b) => (
              <tbody
                // A block keeps its place: rows move between blocks, blocks are only added and removed.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={b}
                className="sb-rows"
                style={{ '--sb-block-rows': block.length } as CSSProperties}
              >
                {block.map((key, j) => {
                  const index = b * ROWS_PER_BLOCK + j;
                  return (
                    <TableRow
                      key={key}
                      rowKey={key}
                      pointer={c.pointer}
                      index={index}
                      isLast={index === keys.length - 1}
                      keyColumns={keyColumns}
                      formColumns={formColumns}
                      open={open.has(key)}
                      onToggle={onToggle}
                      takeFocus={takeFocus}
                      readonly={c.readonly}
                      onRemove={onRemove}
                      onMove={onMove}
                    />
                  );
                })}
              </tbody>
            ))}
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
