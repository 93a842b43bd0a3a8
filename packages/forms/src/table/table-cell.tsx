import { type ComponentType, memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useFormContext } from '../context';
import { openDatePicker } from '../controls/date-picker';
import type { CellProps } from '../fields/entry';
import { useBufferedInput, useStoreValue, useVisibleErrors } from '../hooks';
import { fieldId } from '../pointer';
import type { Column } from './columns';
import { OwnField, ownsItsForm } from './field-owner';
import { useLazyFill } from './lazy-fill';

export type { CellProps } from '../fields/entry';

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const parseText = (t: string): unknown => (t === '' ? undefined : t);

/** How a typed cell reads, writes and looks; fixed per kind (`textCell(spec)` makes its cell once). */
export interface TextCellSpec {
  /** What is typed → the stored value (the default: the text, or nothing when empty). */
  parse?: (text: string) => unknown;
  /** The stored value as the cell shows it when not editing (the default: as it is). */
  show?: (value: unknown) => string;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric';
  /** Several lines (a textarea). */
  multiline?: boolean;
  /** Fixed-width digits (codes). */
  mono?: boolean;
  /** A calendar button beside the field. */
  calendar?: boolean;
}

interface Spec {
  spec: TextCellSpec;
}

function ErrorText({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="sb-cell-error" id={id}>
      {errors.join('；')}
    </div>
  );
}

/** How a cell shows its value when it is not being edited (as the input shows it after blur). */
const shownText = (spec: TextCellSpec, value: unknown): string => (spec.show ?? text)(value);

/**
 * What every cell's field carries, stand-in or live: its id, accessible name, required and
 * error state (aria), and the `data-path` by which tests and the error summary find it.
 */
function useCellField(pointer: string, column: Column, label: string) {
  const errors = useVisibleErrors(pointer);
  const id = fieldId(pointer);
  const errId = `${id}-err`;
  const invalid = errors.length > 0;
  return {
    errors,
    errId,
    attrs: {
      id,
      'aria-label': label,
      'aria-required': column.required || undefined,
      'aria-invalid': invalid ? true : undefined,
      'aria-describedby': invalid ? errId : undefined,
      'data-path': pointer,
    },
  };
}

/** A text cell's field with the calendar button of a date column, and its error text under it. */
function TextCellFrame({
  pointer,
  label,
  readonly,
  spec,
  errId,
  errors,
  children,
}: CellProps & Spec & { errId: string; errors: readonly string[]; children: React.ReactNode }) {
  return (
    <>
      {spec.calendar && !readonly ? (
        <DateCell pointer={pointer} label={label}>
          {children}
        </DateCell>
      ) : (
        children
      )}
      <ErrorText id={errId} errors={errors} />
    </>
  );
}

/** A date cell's calendar button next to its field (static or live). */
function DateCell({
  pointer,
  label,
  children,
}: {
  pointer: string;
  label: string;
  children: React.ReactNode;
}) {
  const { store } = useFormContext();
  return (
    <div className="sb-datecell">
      {children}
      <button
        type="button"
        className="sb-cal"
        aria-label={`选择日期：${label}`}
        title="选择日期"
        onClick={(e) =>
          openDatePicker(e.currentTarget.parentElement as HTMLElement, store.get(pointer), (iso) => {
            store.set(pointer, iso);
            store.touch(pointer);
          })
        }
      />
    </div>
  );
}

/** The character offset under the pointer in a box's text, where the live field's caret goes. */
function offsetAt(box: HTMLElement, x: number, y: number): number | undefined {
  const doc = box.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos && box.contains(pos.offsetNode)) return pos.offset;
  const range = doc.caretRangeFromPoint?.(x, y);
  return range && box.contains(range.startContainer) ? range.startOffset : undefined;
}

function StaticTextCell({
  pointer,
  column,
  label,
  readonly,
  spec,
  onActivate,
}: CellProps & Spec & { onActivate: (caret: number | undefined) => void }) {
  const value = useStoreValue(pointer);
  const { errors, errId, attrs } = useCellField(pointer, column, label);
  return (
    <TextCellFrame {...{ pointer, column, label, readonly, spec, errId, errors }}>
      {/* biome-ignore lint/a11y/useSemanticElements: a stand-in that becomes the real <input> on focus or press (TextCell) */}
      <div
        {...attrs}
        role="textbox"
        tabIndex={0}
        aria-multiline={spec.multiline || undefined}
        aria-readonly={readonly || undefined}
        data-placeholder={spec.placeholder}
        className={`sb-input sb-static${spec.multiline ? ' sb-static-long' : ''}${spec.mono ? ' sb-mono' : ''}`}
        onFocus={readonly ? undefined : () => onActivate(undefined)}
        // Pressed: the live field takes the box's place with the focus and the caret where the
        // pointer is. The press itself is cancelled: its mouse events would go to the box that is
        // gone, and focus would fall back to the page.
        onPointerDown={
          readonly
            ? undefined
            : (e) => {
                if (e.button !== 0) return;
                e.preventDefault();
                onActivate(offsetAt(e.currentTarget, e.clientX, e.clientY));
              }
        }
      >
        {shownText(spec, value)}
      </div>
    </TextCellFrame>
  );
}

/**
 * The editing cell: a plain input (or textarea) the browser owns while it has focus. Only an
 * editable cell comes alive (a read-only one stays a stand-in), so it has no read-only state.
 */
function LiveTextCell({ caret, ...props }: CellProps & Spec & { caret: number | undefined }) {
  const { pointer, column, label, spec } = props;
  const { errors, errId, attrs } = useCellField(pointer, column, label);
  // After leaving the field it shows what the stand-in shows (e.g. 2024年3月1日).
  const b = useBufferedInput<HTMLInputElement & HTMLTextAreaElement>(
    pointer,
    text,
    spec.parse ?? parseText,
    (v) => shownText(spec, v),
  );
  const common = {
    ...attrs,
    ref: b.ref,
    defaultValue: b.defaultValue,
    onChange: b.onChange,
    onBlur: b.onBlur,
    className: `sb-input${spec.mono ? ' sb-mono' : ''}`,
    autoComplete: 'off',
    spellCheck: false,
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the cell comes alive
  useLayoutEffect(() => {
    const el = b.ref.current;
    if (!el) return;
    // The input takes the place of the stand-in, which was already where the focus put it: a
    // scroll here would undo a smooth scroll on its way there (a new row far down the table).
    el.focus({ preventScroll: true });
    const at = Math.min(caret ?? el.value.length, el.value.length);
    el.setSelectionRange(at, at);
  }, []);
  return (
    <OwnField>
      <TextCellFrame {...props} errId={errId} errors={errors}>
        {spec.multiline ? (
          <textarea rows={2} {...common} />
        ) : (
          <input type="text" inputMode={spec.inputMode} placeholder={spec.placeholder} {...common} />
        )}
      </TextCellFrame>
    </OwnField>
  );
}

/**
 * A typed cell of one kind (`spec`), made once per kind (a module constant), so a column's cell is
 * one fixed component and the keystroke path is the same for every kind.
 *
 * It is a box until someone edits it: the value, named and described like the field (role
 * textbox, label, required, invalid, error text), focusable. On focus or press it becomes the real
 * <input>/<textarea> in the same place, before the press lands, so the caret goes where the
 * pointer is. A hundred rows of live inputs cost the browser ~2 ms more per frame while the
 * applicant types elsewhere (they are re-sorted into layers every frame); boxes cost almost nothing.
 */
export function textCell(spec: TextCellSpec): ComponentType<CellProps> {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per kind, at module level (cell-kinds.ts), never in a render
  return ownsItsForm(function TextCell(props: CellProps) {
    const { store } = useFormContext();
    // A new row's first cell is born live and focused, in the same render that adds the row.
    const [live, setLive] = useState(() => store.focusRequested(props.pointer));
    const caret = useRef<number | undefined>(undefined);
    if (live) return <LiveTextCell {...props} spec={spec} caret={caret.current} />;
    const activate = (at: number | undefined): void => {
      caret.current = at;
      setLive(true);
    };
    return <StaticTextCell {...props} spec={spec} onActivate={activate} />;
  });
}

const asText = (v: string): unknown => v;

/** One of the column's options (`options` of its kind); `parse` turns the chosen option's value into the stored one. */
export function selectCell(parse: (value: string) => unknown = asText): ComponentType<CellProps> {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per kind, at module level (cell-kinds.ts), never in a render
  return ownsItsForm(function SelectCell({ pointer, column, label, readonly }: CellProps) {
    const { store } = useFormContext();
    const value = useStoreValue(pointer);
    // Until it is focused or pressed, the select holds only the chosen option (see useLazyFill).
    const { full, fill } = useLazyFill();
    const current = value === undefined ? '' : String(value);
    const options = full ? column.options : column.options?.filter((o) => o.value === current);
    const { errors, errId, attrs } = useCellField(pointer, column, label);
    const onChange = useCallback(
      (e: React.ChangeEvent<HTMLSelectElement>) => {
        const v = e.target.value;
        store.set(pointer, v === '' ? undefined : parse(v));
        store.touch(pointer);
      },
      [store, pointer],
    );
    return (
      <OwnField>
        <select
          {...attrs}
          className="sb-input"
          value={current}
          onChange={onChange}
          onFocus={fill}
          onPointerDown={fill}
          onBlur={() => store.touch(pointer)}
          disabled={readonly}
        >
          {/* Until filled, a chosen value's select holds that option alone (one element fewer a row). */}
          {(full || !options?.length) && <option value="">请选择</option>}
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <ErrorText id={errId} errors={errors} />
      </OwnField>
    );
  });
}

/** Several of the column's options, as checkboxes in a drop-down. */
export const MultiCell = ownsItsForm(function MultiCell({ pointer, column, label, readonly }: CellProps) {
  const { store } = useFormContext();
  const value = useStoreValue(pointer);
  const errors = useVisibleErrors(pointer);
  const id = fieldId(pointer);
  const errId = `${id}-err`;
  const selected = new Set(Array.isArray(value) ? value.map(String) : []);
  const options = column.options ?? [];
  const toggle = (v: string, on: boolean): void => {
    const next = options.map((o) => o.value).filter((o) => (o === v ? on : selected.has(o)));
    store.set(pointer, next);
    store.touch(pointer);
  };
  const summary =
    selected.size === 0
      ? '未选择'
      : options
          .filter((o) => selected.has(o.value))
          .map((o) => o.label)
          .join('、');
  return (
    <OwnField>
      <details className={`sb-multi${errors.length > 0 ? ' sb-invalid' : ''}`} id={id}>
        <summary aria-describedby={errors.length > 0 ? errId : undefined} title={summary}>
          <span className="sb-sr">{label}：</span>
          {selected.size === 0 ? '请选择' : `已选 ${selected.size} 项`}
        </summary>
        <div className="sb-multi-list">
          {options.map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                checked={selected.has(o.value)}
                disabled={readonly}
                onChange={(e) => toggle(o.value, e.target.checked)}
                data-path={pointer}
                aria-invalid={errors.length > 0 ? true : undefined}
              />
              {o.label}
            </label>
          ))}
        </div>
      </details>
      <ErrorText id={errId} errors={errors} />
    </OwnField>
  );
});

/** A row's cell: the component its column's kind chose when the columns were built (no dispatch here). */
export const TableCell = memo(function TableCell(props: CellProps) {
  const Cell = props.column.cell;
  return <Cell {...props} />;
});
