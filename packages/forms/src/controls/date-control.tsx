import { formatIs, type OwnPropsOfRenderer, rankWith } from '@jsonforms/core';
import { useFormContext } from '../context';
import { dateText, dateTimeText, parseDate, parseDateTime } from '../values';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

const raw = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Dates shown and typed the Chinese way (`2024年3月1日`); ISO `2024-03-01` is also accepted. */
export function DateControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  return (
    <BufferedTextField
      c={c}
      format={raw}
      blurFormat={dateText}
      parse={parseDate}
      placeholder="如 2024年3月1日"
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

export const dateControlEntry = { tester: rankWith(3, formatIs('date')), renderer: DateControl };
export const dateTimeControlEntry = { tester: rankWith(3, formatIs('date-time')), renderer: DateTimeControl };
