import type { OwnPropsOfRenderer } from '@jsonforms/core';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { useMemo } from 'react';
import { useFormContext } from '../context';
import { useStoreValue } from '../hooks';
import { enumOptions } from '../schema';
import { FieldRadio } from './field-radio';
import { helperText, useControl } from './use-control';

/** One choice of a few: radio buttons for up to three options (or `format: radio`), else a list. */
export function EnumControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store, schema: root } = useFormContext();
  const value = useStoreValue(c.pointer);
  const options = useMemo(() => enumOptions(root, c.schema) ?? [], [root, c.schema]);
  const radio =
    (props.uischema as { options?: { format?: string } }).options?.format === 'radio' || options.length <= 3;
  const error = c.errors.length > 0;
  const helper = helperText(c);
  const set = (v: string): void => {
    store.set(c.pointer, v === '' ? undefined : v);
    store.touch(c.pointer);
  };
  if (radio) {
    const labelId = `${c.id}-label`;
    return (
      <FormControl error={error} margin="dense" fullWidth component="fieldset">
        <FormLabel id={labelId} component="legend" required={c.required} sx={{ fontSize: '0.8rem' }}>
          {c.label}
        </FormLabel>
        <RadioGroup row aria-labelledby={labelId} value={value ?? ''} onChange={(_e, v) => set(v)}>
          {options.map((o) => (
            <FormControlLabel
              key={o.value}
              value={o.value}
              disabled={c.readonly}
              label={o.label}
              control={<FieldRadio c={c} described={Boolean(helper)} invalid={error} />}
            />
          ))}
        </RadioGroup>
        {helper && <FormHelperText id={c.helperId}>{helper}</FormHelperText>}
      </FormControl>
    );
  }
  return (
    <TextField
      select
      id={c.id}
      label={c.label}
      required={c.required}
      fullWidth
      size="small"
      margin="dense"
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => set(e.target.value)}
      error={error}
      helperText={helper}
      disabled={c.readonly}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-path': c.pointer },
        inputLabel: { shrink: true },
      }}
    >
      <option value="">请选择</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
