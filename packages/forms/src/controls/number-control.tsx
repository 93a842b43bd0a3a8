import type { OwnPropsOfRenderer } from '@jsonforms/core';
import InputAdornment from '@mui/material/InputAdornment';
import { titleWithoutUnit, unitOf } from '../schema';
import { numberText, parseNumber } from '../values';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

const format = (v: unknown): string => numberText(v);

/** Numbers; a unit at the end of the title (`（平方米）`) becomes the field's adornment. */
export function NumberControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const unit = unitOf(c.label);
  const control = unit ? { ...c, label: titleWithoutUnit(c.label) } : c;
  return (
    <BufferedTextField
      c={control}
      format={format}
      parse={parseNumber}
      inputMode={c.schema.type === 'integer' ? 'numeric' : 'decimal'}
      endAdornment={unit ? <InputAdornment position="end">{unit}</InputAdornment> : undefined}
    />
  );
}
