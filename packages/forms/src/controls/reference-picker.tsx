import type { OwnPropsOfRenderer } from '@jsonforms/core';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import { useFormContext } from '../context';
import { useStoreValue } from '../hooks';
import { cachedReferenceOptions } from '../reference-options';
import { deref, isNode, type Option, type SchemaNode } from '../schema';
import { helperText, useControl } from './use-control';

/** The regular expression a yearly target sets on the field, to grey out options outside it. */
function patternTest(schema: SchemaNode): ((v: string) => boolean) | undefined {
  if (typeof schema.pattern !== 'string') return undefined;
  try {
    const re = new RegExp(schema.pattern, 'u');
    return (v) => re.test(v);
  } catch {
    return undefined;
  }
}

/**
 * What text typed and left without a click stands for: the option it names exactly, else the only
 * option it matches (as the list filters, by label); otherwise how many it matches.
 */
export function resolveTyped(
  options: readonly Option[],
  text: string,
  allowed?: (v: string) => boolean,
): { option: Option } | { matches: number } {
  const t = text.trim().toLowerCase();
  const usable = allowed ? options.filter((o) => allowed(o.value)) : options;
  const exact = usable.find(
    (o) =>
      o.value.toLowerCase() === t || o.label.toLowerCase() === t || o.label.toLowerCase().endsWith(` ${t}`),
  );
  if (exact) return { option: exact };
  const matches = usable.filter((o) => o.label.toLowerCase().includes(t));
  return matches.length === 1 && matches[0] ? { option: matches[0] } : { matches: matches.length };
}

/** A searchable picker of reference data; a list of them for arrays of such codes. */
export function ReferencePicker(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { program, store, schema: root } = useFormContext();
  const value = useStoreValue(c.pointer);
  const multiple = c.schema.type === 'array';
  const itemSchema = multiple && isNode(c.schema.items) ? deref(root, c.schema.items) : c.schema;
  const options = useMemo(
    () => cachedReferenceOptions(program, String(itemSchema.format)) ?? [],
    [program, itemSchema],
  );
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const allowed = useMemo(() => patternTest(itemSchema), [itemSchema]);
  // Text typed into a single picker and not yet a choice; kept when the field is left undecided.
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  const error = c.errors.length > 0 || note !== undefined;
  const helper = note ?? helperText(c);
  const current = multiple
    ? (Array.isArray(value) ? value : []).map(
        (v) => byValue.get(String(v)) ?? { value: String(v), label: String(v) },
      )
    : typeof value === 'string'
      ? (byValue.get(value) ?? { value, label: value })
      : null;
  const grouped = options.some((o) => o.group);
  return (
    <Autocomplete<Option, boolean, false, false>
      multiple={multiple}
      id={c.id}
      options={options}
      value={current as Option & Option[]}
      groupBy={grouped ? (o) => o.group ?? '' : undefined}
      getOptionLabel={(o) => o.label}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      getOptionDisabled={allowed ? (o) => !allowed(o.value) : undefined}
      disabled={c.readonly}
      noOptionsText="无匹配项"
      openText="展开"
      closeText="收起"
      clearText="清除"
      size="small"
      onChange={(_e, v) => {
        if (Array.isArray(v))
          store.set(
            c.pointer,
            v.map((o) => o.value),
          );
        else store.set(c.pointer, v ? v.value : undefined);
        store.touch(c.pointer);
      }}
      {...(multiple
        ? {}
        : {
            clearOnBlur: false,
            inputValue: typed ?? (current as Option | null)?.label ?? '',
            onInputChange: (_e: unknown, text: string, reason: string) => {
              setTyped(reason === 'input' && text !== '' ? text : undefined);
              setNote(undefined);
            },
          })}
      onBlur={() => {
        if (typed !== undefined && typed.trim() !== '') {
          const r = resolveTyped(options, typed, allowed);
          if ('option' in r) {
            store.set(c.pointer, r.option.value);
            setTyped(undefined);
          } else
            setNote(
              r.matches > 1
                ? `“${typed.trim()}”匹配 ${r.matches} 项，请从列表中选择一项`
                : `没有与“${typed.trim()}”匹配的选项，请重新输入`,
            );
        }
        store.touch(c.pointer);
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={c.label}
          required={c.required}
          margin="dense"
          error={error}
          helperText={helper}
          placeholder="输入名称或代码搜索"
          inputProps={{ ...params.inputProps, 'data-path': c.pointer }}
          InputLabelProps={{ ...params.InputLabelProps, shrink: true }}
        />
      )}
    />
  );
}
