import { memo, useCallback } from 'react';
import { useFormContext } from '../context';
import { openDatePicker } from '../controls/date-picker';
import { normaliseUscc } from '../controls/uscc-control';
import { useBufferedInput, useStoreValue, useVisibleErrors } from '../hooks';
import { fieldId } from '../pointer';
import { dateText, numberText, parseDate, parseNumber } from '../values';
import type { Column } from './columns';
import { useLazyFill } from './lazy-fill';

interface CellProps {
  pointer: string;
  column: Column;
  /** Accessible name: column title and row number. */
  label: string;
  readonly: boolean;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const parseText = (t: string): unknown => (t === '' ? undefined : t);
const parseCode = (t: string): unknown => normaliseUscc(t);

function ErrorText({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="sb-cell-error" id={id}>
      {errors.join('；')}
    </div>
  );
}

/** Plain inputs, one per cell: a table of a hundred rows must mount in a blink. */
function TextCell({ pointer, column, label, readonly }: CellProps) {
  const { store } = useFormContext();
  const errors = useVisibleErrors(pointer);
  const id = fieldId(pointer);
  const errId = `${id}-err`;
  const parse =
    column.kind === 'number'
      ? parseNumber
      : column.kind === 'date'
        ? parseDate
        : column.kind === 'uscc'
          ? parseCode
          : parseText;
  const blur =
    column.kind === 'date' ? dateText : column.kind === 'number' ? (v: unknown) => numberText(v) : text;
  const b = useBufferedInput<HTMLInputElement & HTMLTextAreaElement>(pointer, text, parse, blur);
  const common = {
    id,
    ref: b.ref,
    defaultValue: b.defaultValue,
    onChange: b.onChange,
    onBlur: b.onBlur,
    readOnly: readonly,
    'aria-label': label,
    'aria-required': column.required || undefined,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': errors.length > 0 ? errId : undefined,
    'data-path': pointer,
    className: `sb-input${column.kind === 'uscc' ? ' sb-mono' : ''}`,
    autoComplete: 'off',
    spellCheck: false,
  };
  const field =
    column.kind === 'longtext' ? (
      <textarea rows={2} {...common} />
    ) : (
      <input
        type="text"
        inputMode={column.kind === 'number' ? 'decimal' : undefined}
        placeholder={column.kind === 'date' ? '2024年3月1日' : undefined}
        {...common}
      />
    );
  return (
    <>
      {column.kind === 'date' && !readonly ? (
        <div className="sb-datecell">
          {field}
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
      ) : (
        field
      )}
      <ErrorText id={errId} errors={errors} />
    </>
  );
}

function SelectCell({ pointer, column, label, readonly }: CellProps) {
  const { store } = useFormContext();
  const value = useStoreValue(pointer);
  // Until it is focused or pressed, the select holds only the chosen option (see useLazyFill).
  const { full, fill } = useLazyFill();
  const current = value === undefined ? '' : String(value);
  const options = full ? column.options : column.options?.filter((o) => o.value === current);
  const errors = useVisibleErrors(pointer);
  const id = fieldId(pointer);
  const errId = `${id}-err`;
  const onChange = useCallback(
    (e: React.ChangeEvent<HTMLSelectElement>) => {
      const v = e.target.value;
      store.set(pointer, v === '' ? undefined : column.kind === 'boolean' ? v === 'true' : v);
      store.touch(pointer);
    },
    [store, pointer, column.kind],
  );
  return (
    <>
      <select
        id={id}
        className="sb-input"
        value={current}
        onChange={onChange}
        onFocus={fill}
        onPointerDown={fill}
        onBlur={() => store.touch(pointer)}
        disabled={readonly}
        aria-label={label}
        aria-required={column.required || undefined}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={errors.length > 0 ? errId : undefined}
        data-path={pointer}
      >
        <option value="">请选择</option>
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={errId} errors={errors} />
    </>
  );
}

function MultiCell({ pointer, column, label, readonly }: CellProps) {
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
    <>
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
    </>
  );
}

export const TableCell = memo(function TableCell(props: CellProps) {
  switch (props.column.kind) {
    case 'select':
    case 'boolean':
      return <SelectCell {...props} />;
    case 'multi':
      return <MultiCell {...props} />;
    default:
      return <TextCell {...props} />;
  }
});
