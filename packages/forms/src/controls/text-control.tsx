import type { OwnPropsOfRenderer } from '@jsonforms/core';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

const format = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** An emptied field removes the value, so `required` (not `minLength`) names the problem. */
const parse = (t: string): unknown => (t === '' ? undefined : t);

export function TextControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const options = (props.uischema as { options?: { multi?: boolean } }).options;
  const maxLength = typeof c.schema.maxLength === 'number' ? c.schema.maxLength : 0;
  const multi = options?.multi === true || maxLength > 500;
  return <BufferedTextField c={c} format={format} parse={parse} multiline={multi} />;
}
