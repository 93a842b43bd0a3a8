import { FormStore } from '@shenbao/forms';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SaveSink, type SaveSnapshot, type SaveState, startAutosave } from '../src/autosave';

/** A sink recording what it got and answering what the test says (saved by default). */
function recordingSink(answers: SaveState['kind'][] = []) {
  const got: SaveSnapshot[] = [];
  const sink: SaveSink = async (snapshot) => {
    got.push(structuredClone(snapshot));
    const kind = answers.shift() ?? 'saved';
    const at = new Date();
    if (kind === 'offline') return { kind, at };
    if (kind === 'conflict') return { kind };
    if (kind === 'error') return { kind, message: '保存失败' };
    return { kind: 'saved', at };
  };
  return { got, sink };
}

/** The applicant name a snapshot carries. */
const nameIn = (s: SaveSnapshot | undefined): unknown =>
  (s?.data as { applicant?: { name?: unknown } } | undefined)?.applicant?.name;

describe('autosave', () => {
  let online: (() => void) | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    online = undefined;
    // The module listens for the page being hidden and the browser coming back online.
    const events = {
      addEventListener: (type: string, fn: () => void) => {
        if (type === 'online') online = fn;
      },
      removeEventListener: () => {},
    };
    vi.stubGlobal('document', { ...events, visibilityState: 'visible' });
    vi.stubGlobal('window', events);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('saves a burst of typing once, within a second of the last change, and says so', async () => {
    const store = new FormStore({ applicant: { name: '' } });
    const { got, sink } = recordingSink();
    const states: SaveState['kind'][] = [];
    const a = startAutosave(store, sink, (s) => states.push(s.kind));
    for (const name of ['东', '东莞', '东莞市']) {
      store.set('/applicant/name', name);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(got).toHaveLength(0);
    expect(states).toEqual(['pending']); // once per burst, not per key
    await vi.advanceTimersByTimeAsync(900);
    expect(got).toHaveLength(1);
    expect(nameIn(got[0])).toBe('东莞市');
    expect(states).toEqual(['pending', 'saved']);
    a.stop();
  });

  it('flush saves at once; changed() saves what is outside the form data', async () => {
    const store = new FormStore({ applicant: { name: 'x' } });
    const { got, sink } = recordingSink();
    const a = startAutosave(store, sink, () => {});
    store.set('/applicant/name', 'y');
    expect((await a.flush()).kind).toBe('saved');
    expect(got).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(got).toHaveLength(1); // the pending timer was cancelled by the flush
    a.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(got).toHaveLength(2);
    a.stop();
  });

  it('when the server cannot be reached, sends again after a pause and at once when the browser is back online', async () => {
    const store = new FormStore({ applicant: { name: 'x' } });
    const { got, sink } = recordingSink(['offline', 'offline', 'saved']);
    const states: SaveState['kind'][] = [];
    const a = startAutosave(store, sink, (s) => states.push(s.kind));
    store.set('/applicant/name', 'y');
    expect((await a.flush()).kind).toBe('offline');
    // Nothing typed since: the retry timer sends the same data again.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(got).toHaveLength(2);
    expect(states.at(-1)).toBe('offline');
    // The browser says it is online again: no waiting for the next, longer pause.
    online?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toHaveLength(3);
    expect(states.at(-1)).toBe('saved');
    expect(nameIn(got[2])).toBe('y');
    // Saved: no more retries.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(got).toHaveLength(3);
    a.stop();
  });

  it('a conflict stops saving until it is settled; then saving goes on with what was typed', async () => {
    const store = new FormStore({ applicant: { name: 'x' } });
    const { got, sink } = recordingSink(['conflict']);
    const states: SaveState['kind'][] = [];
    const a = startAutosave(store, sink, (s) => states.push(s.kind));
    store.set('/applicant/name', 'y');
    expect((await a.flush()).kind).toBe('conflict');
    store.set('/applicant/name', 'z');
    await vi.advanceTimersByTimeAsync(2000);
    expect(got).toHaveLength(1); // paused
    a.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toHaveLength(2);
    expect(nameIn(got[1])).toBe('z');
    expect(states.at(-1)).toBe('saved');
    a.stop();
  });
});
