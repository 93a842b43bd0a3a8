import {
  type ChangeEvent,
  type FocusEvent,
  type RefObject,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import { useFormContext } from './context';
import { scopeToPointer } from './pointer';
import { conditionPointers, elementVisible } from './validation/hidden';

/** The value at a pointer; re-renders only when that value changes. */
export function useStoreValue(pointer: string): unknown {
  const { store } = useFormContext();
  const subscribe = useCallback((l: () => void) => store.subscribe(pointer, l), [store, pointer]);
  const get = useCallback(() => store.get(pointer), [store, pointer]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Messages to show at a pointer (after touch or submit). */
export function useVisibleErrors(pointer: string): readonly string[] {
  const { store } = useFormContext();
  const subscribe = useCallback((l: () => void) => store.subscribeErrors(pointer, l), [store, pointer]);
  const get = useCallback(() => store.visibleErrorsAt(pointer), [store, pointer]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Re-renders on any error, touch, submit or step change (wizard chrome only). */
export function useUiVersion(): number {
  const { store } = useFormContext();
  const subscribe = useCallback((l: () => void) => store.subscribeUi(l), [store]);
  const get = useCallback(() => store.version, [store]);
  return useSyncExternalStore(subscribe, get, get);
}

/** SHOW/HIDE rules of a layout element, re-evaluated only when a value the rule reads changes. */
export function useRuleVisible(element: unknown, base = ''): boolean {
  const { store, program } = useFormContext();
  const rule = (element as { rule?: { condition?: unknown } } | undefined)?.rule;
  const pointers = useMemo(() => (rule ? conditionPointers(rule.condition, base) : []), [rule, base]);
  const subscribe = useCallback(
    (l: () => void) => {
      const offs = pointers.map((p) => store.subscribe(p, l));
      return () => {
        for (const o of offs) o();
      };
    },
    [store, pointers],
  );
  const get = useCallback(
    () => (rule ? elementVisible(element, store.getData(), program.validator.ajv) : true),
    [rule, element, store, program],
  );
  return useSyncExternalStore(subscribe, get, get);
}

export interface BufferedInput<E extends HTMLInputElement | HTMLTextAreaElement> {
  ref: RefObject<E | null>;
  defaultValue: string;
  onChange: (e: ChangeEvent<E>) => void;
  onBlur: (e: FocusEvent<E>) => void;
}

/**
 * An uncontrolled input bound to the store. The browser owns the text while the field has
 * focus — React never writes it back, so no typed character is ever lost — and every
 * keystroke is committed to the store at once. Changes from elsewhere (undo, import,
 * reordering) are written into the field only while it is not focused.
 */
export function useBufferedInput<E extends HTMLInputElement | HTMLTextAreaElement>(
  pointer: string,
  format: (value: unknown) => string,
  parse: (text: string) => unknown,
  blurFormat: (value: unknown) => string = format,
): BufferedInput<E> {
  const { store } = useFormContext();
  const ref = useRef<E | null>(null);
  const written = useRef<unknown>(store.get(pointer));
  const fmt = useRef({ format, parse, blurFormat });
  fmt.current = { format, parse, blurFormat };
  // The initial text only; later values arrive through the subscription below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: computed once per mount on purpose
  const defaultValue = useMemo(() => blurFormat(store.get(pointer)), []);

  useEffect(() => {
    const sync = (): void => {
      const v = store.get(pointer);
      if (v === written.current) return;
      written.current = v;
      const el = ref.current;
      if (el && el.ownerDocument.activeElement !== el) el.value = fmt.current.blurFormat(v);
    };
    sync();
    return store.subscribe(pointer, sync);
  }, [store, pointer]);

  const onChange = useCallback(
    (e: ChangeEvent<E>) => {
      const v = fmt.current.parse(e.target.value);
      written.current = v;
      store.set(pointer, v);
    },
    [store, pointer],
  );
  const onBlur = useCallback(
    (e: FocusEvent<E>) => {
      store.touch(pointer);
      const text = fmt.current.blurFormat(store.get(pointer));
      if (e.target.value !== text) e.target.value = text;
    },
    [store, pointer],
  );
  return { ref, defaultValue, onChange, onBlur };
}

/** `applicant.name` (JSON Forms path) → `/applicant/name`. */
export function dotToPointer(path: string | undefined): string {
  if (!path) return '';
  return `/${path.split('.').join('/')}`;
}

/** The data pointer of a control: its scope under the dispatch path. */
export function controlPointer(uischema: { scope?: string }, path: string | undefined): string {
  return scopeToPointer(uischema.scope ?? '#', dotToPointer(path));
}
