import { formatIs, type OwnPropsOfRenderer, or, rankWith } from '@jsonforms/core';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

const format = (v: unknown): string => (typeof v === 'string' ? v : '');
const parse = (t: string): string | undefined => {
  const s = t.trim().replace(/\s+/g, '').replace(/[－—]/g, '-');
  return s === '' ? undefined : s;
};

const PLACEHOLDER: Record<string, string> = {
  mobile: '11位手机号码',
  landline: '区号-号码，如 0769-22228101',
  phone: '手机或固定电话',
};

/** Mobile and landline numbers (core's formats decide validity). */
export function PhoneControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const kind = String(c.schema.format ?? 'phone');
  return (
    <BufferedTextField
      c={c}
      format={format}
      parse={parse}
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      placeholder={PLACEHOLDER[kind]}
    />
  );
}

export const phoneControlEntry = {
  tester: rankWith(4, or(formatIs('mobile'), formatIs('landline'), formatIs('phone'))),
  renderer: PhoneControl,
};
