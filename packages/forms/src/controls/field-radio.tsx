import Radio, { type RadioProps } from '@mui/material/Radio';
import type { ControlInfo } from './use-control';

interface FieldRadioProps extends RadioProps {
  c: ControlInfo;
  described: boolean;
  invalid: boolean;
}

/**
 * A radio button that carries the field's DOM contract: data-path, aria-invalid, aria-describedby.
 * FormControlLabel clones its control with value/checked/onChange, so those pass through.
 */
export function FieldRadio({ c, described, invalid, ...radio }: FieldRadioProps) {
  return (
    <Radio
      {...radio}
      size="small"
      slotProps={{
        input: {
          'aria-describedby': described ? c.helperId : undefined,
          'aria-invalid': invalid ? 'true' : undefined,
          ...({ 'data-path': c.pointer } as object),
        },
      }}
    />
  );
}
