import {
  and,
  isNumberControl,
  type OwnPropsOfRenderer,
  optionIs,
  or,
  rankWith,
  schemaMatches,
  type Tester,
} from '@jsonforms/core';
import InputAdornment from '@mui/material/InputAdornment';
import { titleWithoutUnit, unitOf } from '../schema';
import { numberText, parseNumber } from '../values';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

export const AMOUNT_UNIT = '万元';

const isWan: Tester = or(
  optionIs('unit', AMOUNT_UNIT),
  schemaMatches((s) => typeof s.title === 'string' && unitOf(s.title) === AMOUNT_UNIT),
);

/** Amounts in 万元: grouped digits when not editing, and the amount in 元 as a hint. */
export function AmountControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const control = { ...c, label: titleWithoutUnit(c.label) };
  return (
    <BufferedTextField
      c={control}
      format={(v) => numberText(v)}
      blurFormat={(v) => numberText(v, true)}
      parse={parseNumber}
      inputMode="decimal"
      endAdornment={<InputAdornment position="end">{AMOUNT_UNIT}</InputAdornment>}
    />
  );
}

export const amountControlEntry = {
  tester: rankWith(3, and(isNumberControl, isWan)),
  renderer: AmountControl,
};
