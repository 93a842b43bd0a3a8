import { formatIs, type OwnPropsOfRenderer, rankWith } from '@jsonforms/core';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import { useFormContext } from '../context';
import { dateText, dateTimeText, parseDate, parseDateTime } from '../values';
import { CalendarIcon, openDatePicker } from './date-picker';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

const raw = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Dates shown and typed the Chinese way (`2024年3月1日`); ISO `2024-03-01` is also accepted. */
export function DateControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store } = useFormContext();
  const pick = (e: React.MouseEvent<HTMLButtonElement>): void => {
    const field = e.currentTarget.closest('.MuiInputBase-root') ?? e.currentTarget;
    openDatePicker(field as HTMLElement, store.get(c.pointer), (iso) => {
      store.set(c.pointer, iso);
      store.touch(c.pointer);
    });
  };
  return (
    <BufferedTextField
      c={c}
      format={raw}
      blurFormat={dateText}
      parse={parseDate}
      placeholder="如 2024年3月1日"
      endAdornment={
        c.readonly ? undefined : (
          <InputAdornment position="end">
            <IconButton
              size="small"
              edge="end"
              onClick={pick}
              aria-label={`选择日期：${c.label}`}
              title="选择日期"
            >
              <CalendarIcon />
            </IconButton>
          </InputAdornment>
        )
      }
    />
  );
}

/** Date and time in the programme's time zone (deadlines carry a time of day). */
export function DateTimeControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { timeZone } = useFormContext();
  return (
    <BufferedTextField
      c={c}
      format={raw}
      blurFormat={dateTimeText}
      parse={(t) => parseDateTime(t, timeZone)}
      placeholder="如 2026年3月20日 17:30"
    />
  );
}

export const dateTimeControlEntry = { tester: rankWith(3, formatIs('date-time')), renderer: DateTimeControl };
