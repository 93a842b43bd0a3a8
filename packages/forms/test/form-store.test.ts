import { describe, expect, it } from 'vitest';
import { FormStore } from '../src/store/form-store';

describe('FormStore: one keystroke wakes one field', () => {
  it('wakes the edited path and its ancestors, not its siblings', () => {
    const store = new FormStore({ cases: [{ content: 'a' }, { content: 'b' }] });
    const woken: string[] = [];
    for (const p of ['', '/cases', '/cases/0/content', '/cases/1/content'])
      store.subscribe(p, () => woken.push(p));
    store.set('/cases/1/content', 'bc');
    expect(woken.sort()).toEqual(['', '/cases', '/cases/1/content']);
    expect(store.get('/cases/1/content')).toBe('bc');
  });

  it('shares structure: the untouched row keeps its identity', () => {
    const store = new FormStore({ cases: [{ content: 'a' }, { content: 'b' }] });
    const first = store.get('/cases/0');
    store.set('/cases/1/content', 'x');
    expect(store.get('/cases/0')).toBe(first);
  });

  it('an emptied field removes its key, so the message says “必填”', () => {
    const store = new FormStore({ a: { name: 'x' } });
    store.set('/a/name', undefined);
    expect(store.getData()).toEqual({ a: {} });
  });

  it('rows keep their keys through remove, undo and move', () => {
    const store = new FormStore({ rows: [1, 2, 3] });
    const keys = store.rowKeys('/rows');
    const removed = store.removeRow('/rows', 1);
    expect(store.get('/rows')).toEqual([1, 3]);
    expect(store.rowKeys('/rows')).toEqual([keys[0], keys[2]]);
    store.insertRow('/rows', removed?.index ?? 0, removed?.value, removed?.key);
    expect(store.get('/rows')).toEqual([1, 2, 3]);
    expect(store.rowKeys('/rows')).toEqual(keys);
    store.moveRow('/rows', 0, 2);
    expect(store.get('/rows')).toEqual([2, 3, 1]);
    expect(store.rowKeys('/rows')).toEqual([keys[1], keys[2], keys[0]]);
  });

  it('editing a cell does not change the row keys (the table does not re-render)', () => {
    const store = new FormStore({ rows: [{ a: 1 }] });
    const keys = store.rowKeys('/rows');
    store.set('/rows/0/a', 2);
    expect(store.rowKeys('/rows')).toBe(keys);
  });
});

describe('FormStore: errors are shown after touch or submit, not on first load', () => {
  it('hides errors until the field is touched', () => {
    const store = new FormStore({});
    store.setErrors(new Map([['/name', ['「名称」为必填项']]]));
    expect(store.visibleErrorsAt('/name')).toEqual([]);
    store.touch('/name');
    expect(store.visibleErrorsAt('/name')).toEqual(['「名称」为必填项']);
  });

  it('shows every error after a submit attempt', () => {
    const store = new FormStore({});
    store.setErrors(
      new Map([
        ['/a', ['x']],
        ['/b', ['y']],
      ]),
    );
    store.setSubmitAttempted(true);
    expect(store.visibleErrorsAt('/b')).toEqual(['y']);
  });

  it('wakes only the paths whose messages changed', () => {
    const store = new FormStore({});
    store.setErrors(
      new Map([
        ['/a', ['x']],
        ['/b', ['y']],
      ]),
    );
    const woken: string[] = [];
    store.subscribeErrors('/a', () => woken.push('/a'));
    store.subscribeErrors('/b', () => woken.push('/b'));
    store.setErrors(
      new Map([
        ['/a', ['x']],
        ['/b', ['z']],
      ]),
    );
    expect(woken).toEqual(['/b']);
  });

  it('touched marks follow their row when a row above is removed', () => {
    const store = new FormStore({ rows: [{ a: 1 }, { a: 2 }] });
    store.touch('/rows/1/a');
    store.removeRow('/rows', 0);
    expect(store.isTouched('/rows/0/a')).toBe(true);
    expect(store.isTouched('/rows/1/a')).toBe(false);
  });
});
