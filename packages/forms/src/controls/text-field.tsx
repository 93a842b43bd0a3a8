import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useBufferedInput } from '../hooks';
import { type ControlInfo, helperText } from './use-control';

export interface BufferedTextFieldProps {
  c: ControlInfo;
  format: (v: unknown) => string;
  parse: (text: string) => unknown;
  blurFormat?: (v: unknown) => string;
  multiline?: boolean;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'tel' | 'email';
  type?: string;
  endAdornment?: ReactNode;
  placeholder?: string;
  /** Shown under the field when there is no error (a live hint). */
  hint?: ReactNode;
  className?: string;
  onInput?: (text: string) => void;
  autoComplete?: string;
}

/** A MUI text field whose text the browser owns (see useBufferedInput). */
export function BufferedTextField(p: BufferedTextFieldProps) {
  const { c } = p;
  const b = useBufferedInput<HTMLInputElement | HTMLTextAreaElement>(
    c.pointer,
    p.format,
    p.parse,
    p.blurFormat,
  );
  const error = c.errors.length > 0;
  const helper = error ? helperText(c) : (p.hint ?? c.description);
  return (
    <TextField
      id={c.id}
      label={c.label}
      required={c.required}
      fullWidth
      size="small"
      margin="dense"
      type={p.type}
      defaultValue={b.defaultValue}
      inputRef={b.ref}
      onChange={(e) => {
        b.onChange(e);
        p.onInput?.(e.target.value);
      }}
      onBlur={b.onBlur}
      error={error}
      helperText={helper}
      multiline={p.multiline}
      disabled={c.readonly}
      placeholder={p.placeholder}
      className={p.className}
      autoComplete={p.autoComplete ?? 'off'}
      slotProps={{
        htmlInput: { 'data-path': c.pointer, inputMode: p.inputMode, rows: p.multiline ? 3 : undefined },
        inputLabel: { shrink: true },
        // A plain <textarea>: MUI's autosizing one measures every field with a forced layout of
        // the whole page on mount (35 ms at 1× with a hundred rows). CSS `field-sizing` grows it.
        input: {
          endAdornment: p.endAdornment,
          inputComponent: p.multiline ? 'textarea' : undefined,
        },
      }}
    />
  );
}
