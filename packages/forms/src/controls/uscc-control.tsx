import type { OwnPropsOfRenderer } from '@jsonforms/core';
import { useState } from 'react';
import { useFormContext } from '../context';
import { normaliseUscc, usccHint } from '../uscc';
import { BufferedTextField } from './text-field';
import { useControl } from './use-control';

const format = (v: unknown): string => (typeof v === 'string' ? v : '');
/** 统一社会信用代码 (GB 32100-2015) with its check character verified as you type. */
export function UsccControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store } = useFormContext();
  const [hint, setHint] = useState<string | undefined>(() => usccHint(format(store.get(c.pointer))));
  return (
    <BufferedTextField
      c={c}
      format={format}
      parse={normaliseUscc}
      className="sb-mono"
      placeholder="18位，如 91441900MA5H7K2Q4P"
      hint={hint ?? c.description}
      onInput={(text) => {
        setHint(usccHint(text));
        // A full-length code is judged at once: the check character is the point of the field.
        if ((normaliseUscc(text) ?? '').length >= 18) store.touch(c.pointer);
      }}
    />
  );
}
