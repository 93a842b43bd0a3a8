import type { OwnPropsOfRenderer } from '@jsonforms/core';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { useMemo } from 'react';
import { useFormContext } from '../context';
import { useStoreValue } from '../hooks';
import { enumOptions, isNode, type SchemaNode } from '../schema';
import { helperText, useControl } from './use-control';

/** Toggles one choice in a list of choices, keeping the schema's order. */
export function toggleChoice(
  current: unknown,
  value: string,
  on: boolean,
  order: readonly string[],
): string[] {
  const set = new Set(Array.isArray(current) ? current.map(String) : []);
  if (on) set.add(value);
  else set.delete(value);
  return order.filter((o) => set.has(o));
}

/** Several choices of a fixed list (`uniqueItems` array of an enum): checkboxes. */
export function MultiEnumControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store, schema: root } = useFormContext();
  const value = useStoreValue(c.pointer);
  const options = useMemo(
    () => (isNode(c.schema.items) ? (enumOptions(root, c.schema.items as SchemaNode) ?? []) : []),
    [root, c.schema],
  );
  const selected = new Set(Array.isArray(value) ? value.map(String) : []);
  const error = c.errors.length > 0;
  const helper = helperText(c);
  const labelId = `${c.id}-label`;
  return (
    <FormControl error={error} margin="dense" fullWidth component="fieldset" id={c.id}>
      <FormLabel id={labelId} component="legend" required={c.required} sx={{ fontSize: '0.8rem' }}>
        {c.label}
      </FormLabel>
      <FormGroup row aria-labelledby={labelId}>
        {options.map((o) => (
          <FormControlLabel
            key={o.value}
            label={o.label}
            disabled={c.readonly}
            control={
              <Checkbox
                size="small"
                checked={selected.has(o.value)}
                onChange={(e) => {
                  const next = toggleChoice(
                    value,
                    o.value,
                    e.target.checked,
                    options.map((x) => x.value),
                  );
                  store.set(c.pointer, next);
                  store.touch(c.pointer);
                }}
                slotProps={{
                  input: {
                    'aria-describedby': helper ? c.helperId : undefined,
                    'aria-invalid': error ? 'true' : undefined,
                    ...({ 'data-path': c.pointer } as object),
                  },
                }}
              />
            }
          />
        ))}
      </FormGroup>
      {helper && <FormHelperText id={c.helperId}>{helper}</FormHelperText>}
    </FormControl>
  );
}
