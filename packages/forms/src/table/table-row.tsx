import { type KeyboardEvent, memo, useLayoutEffect, useRef } from 'react';
import { childPointer, fieldId } from '../pointer';
import type { Column } from './columns';
import { FieldOwner, hasOwnForm } from './field-owner';
import { TableCell } from './table-cell';

export interface RowProps {
  pointer: string;
  rowKey: string;
  index: number;
  isLast: boolean;
  /** Shown in the compact row. */
  keyColumns: readonly Column[];
  /** Edited in the row's form, under the compact row, while it is open. */
  formColumns: readonly Column[];
  open: boolean;
  readonly: boolean;
  /** `focus`: the form's first field takes the focus (opened from the keyboard). */
  onToggle: (key: string, focus: boolean) => void;
  /** True once for the row whose form was just opened by the applicant: its first field takes the focus. */
  takeFocus: (key: string) => boolean;
  onRemove: (index: number) => void;
  onMove: (from: number, to: number) => void;
}

/** A field of row `n`, named for a screen reader with its row. */
function RowCell({
  rowPointer,
  n,
  column,
  readonly,
}: {
  rowPointer: string;
  n: number;
  column: Column;
  readonly: boolean;
}) {
  return (
    <TableCell
      pointer={rowPointer + column.key}
      column={column}
      label={`第${n}项 ${column.title}`}
      readonly={readonly}
    />
  );
}

/** The form of a row's other fields: each with its visible title, laid out in as many columns as fit. */
function RowForm({
  rowPointer,
  rowKey,
  n,
  columns,
  readonly,
  formId,
  toggleId,
  takeFocus,
  onClose,
}: {
  rowPointer: string;
  rowKey: string;
  n: number;
  columns: readonly Column[];
  readonly: boolean;
  formId: string;
  toggleId: string;
  takeFocus: (key: string) => boolean;
  onClose: () => void;
}) {
  const ref = useRef<HTMLFieldSetElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the form opens
  useLayoutEffect(() => {
    if (!takeFocus(rowKey)) return;
    ref.current?.querySelector<HTMLElement>('[data-path], summary')?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // An open list of choices closes first (its own Esc); the next Esc closes the row's form.
    const open = (e.target as HTMLElement).closest('details[open]');
    if (open) {
      open.removeAttribute('open');
      (open.querySelector('summary') as HTMLElement | null)?.focus();
      return;
    }
    e.preventDefault();
    document.getElementById(toggleId)?.focus();
    onClose();
  };
  // The row's fields have a form of their own, as each compact cell does (FieldOwner).
  return (
    <FieldOwner className="sb-row-owner">
      <fieldset className="sb-row-form" id={formId} ref={ref} onKeyDown={onKeyDown}>
        <legend className="sb-sr">第{n}项 全部信息</legend>
        {columns.map((col) => (
          <div key={col.key} className={`sb-field${col.kind === 'longtext' ? ' sb-field-wide' : ''}`}>
            <span className="sb-field-label" id={`${fieldId(rowPointer + col.key)}-title`}>
              {col.title}
              {col.required && <span className="sb-req"> *</span>}
            </span>
            <RowCell rowPointer={rowPointer} n={n} column={col} readonly={readonly} />
          </div>
        ))}
      </fieldset>
    </FieldOwner>
  );
}

/**
 * One row: its key columns in the compact table, the rest in a form that opens under it.
 * Re-renders when its index or open state changes, never because another row was edited.
 */
export const TableRow = memo(function TableRow({
  pointer,
  rowKey,
  index,
  isLast,
  keyColumns,
  formColumns,
  open,
  readonly,
  onToggle,
  takeFocus,
  onRemove,
  onMove,
}: RowProps) {
  const rowPointer = childPointer(pointer, index);
  const n = index + 1;
  const rowId = fieldId(rowPointer);
  const formId = `${rowId}-form`;
  const toggleId = `${rowId}-toggle`;
  const hasForm = formColumns.length > 0;
  return (
    <tr className={`sb-row${open ? ' sb-row-open' : ''}`} data-row={index}>
      <th
        scope="row"
        className="sb-rownum"
        draggable={!readonly}
        data-drag-handle={readonly ? undefined : ''}
        title={readonly ? undefined : '拖动可调整顺序'}
      >
        {n}
      </th>
      {keyColumns.map((col) => (
        <td key={col.key} data-title={col.title}>
          {hasOwnForm(col.cell) ? (
            <RowCell rowPointer={rowPointer} n={n} column={col} readonly={readonly} />
          ) : (
            <FieldOwner className="sb-cell-owner">
              <RowCell rowPointer={rowPointer} n={n} column={col} readonly={readonly} />
            </FieldOwner>
          )}
        </td>
      ))}
      {(hasForm || !readonly) && (
        <td className="sb-actions">
          {hasForm && (
            <button
              type="button"
              id={toggleId}
              className="sb-toggle"
              aria-expanded={open}
              aria-controls={open ? formId : undefined}
              aria-label={`${open ? '收起' : '展开'}第${n}项全部信息`}
              data-row-toggle={index}
              // From the keyboard (Enter or Space: a click without a pointer, detail 0) the focus moves
              // into the opened form; a pointer user clicks the field they want.
              onClick={(e) => onToggle(rowKey, e.detail === 0)}
            >
              {open ? '收起' : '展开'}
            </button>
          )}
          {!readonly && (
            <>
              <button
                type="button"
                disabled={index === 0}
                onClick={() => onMove(index, index - 1)}
                data-move="up"
                aria-label={`上移第${n}项`}
                title="上移"
              >
                ↑
              </button>
              <button
                type="button"
                disabled={isLast}
                onClick={() => onMove(index, index + 1)}
                data-move="down"
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
            </>
          )}
        </td>
      )}
      {open && hasForm && (
        <td className="sb-row-detail">
          <RowForm
            rowPointer={rowPointer}
            rowKey={rowKey}
            n={n}
            columns={formColumns}
            readonly={readonly}
            formId={formId}
            toggleId={toggleId}
            takeFocus={takeFocus}
            onClose={() => onToggle(rowKey, false)}
          />
        </td>
      )}
    </tr>
  );
});
