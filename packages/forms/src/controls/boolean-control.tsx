import type { OwnPropsOfRenderer } from '@jsonforms/core';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import RadioGroup from '@mui/material/RadioGroup';
import { useFormContext } from '../context';
import { useStoreValue } from '../hooks';
import { FieldRadio } from './field-radio';
import { helperText, useControl } from './use-control';

/**
 * Yes/no questions as two radio buttons, so “否” is an answer and not a forgotten box;
 * a box that must be ticked (`const: true`, a declaration) as a checkbox.
 */
export function BooleanControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store } = useFormContext();
  const value = useStoreValue(c.pointer);
  const error = c.errors.length > 0;
  const helper = helperText(c);
  const set = (v: boolean | undefined): void => {
    store.set(c.pointer, v);
    store.touch(c.pointer);
  };
  if (c.schema.const === true) {
    return (
      <FormControl error={error} margin="dense" fullWidth>
        <FormControlLabel
          control={
            <Checkbox
              checked={value === true}
              onChange={(e) => set(e.target.checked ? true : undefined)}
              disabled={c.readonly}
              slotProps={{
                input: {
                  id: c.id,
                  'aria-describedby': helper ? c.helperId : undefined,
                  'aria-invalid': error ? 'true' : undefined,
                  ...({ 'data-path': c.pointer } as object),
                },
              }}
            />
          }
          label={`${c.label}${c.required ? ' *' : ''}`}
        />
        {helper && <FormHelperText id={c.helperId}>{helper}</FormHelperText>}
      </FormControl>
    );
  }
  const labelId = `${c.id}-label`;
  return (
    <FormControl error={error} margin="dense" fullWidth component="fieldset">
      <FormLabel id={labelId} component="legend" required={c.required} sx={{ fontSize: '0.8rem' }}>
        {c.label}
      </FormLabel>
      <RadioGroup
        row
        aria-labelledby={labelId}
        value={value === true ? 'true' : value === false ? 'false' : ''}
        onChange={(_e, v) => set(v === 'true')}
      >
        {(['true', 'false'] as const).map((v) => (
          <FormControlLabel
            key={v}
            value={v}
            disabled={c.readonly}
            control={<FieldRadio c={c} described={Boolean(helper)} invalid={error} />}
            label={v === 'true' ? '是' : '否'}
          />
        ))}
      </RadioGroup>
      {helper && <FormHelperText id={c.helperId}>{helper}</FormHelperText>}
    </FormControl>
  );
}
