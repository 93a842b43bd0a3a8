import { FormStore } from '@shenbao/forms';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../src/autosave';

const saved: unknown[] = [];
vi.mock('../src/storage/db', () => ({
  saveDraft: async (d: unknown) => {
    saved.push(structuredClone(d));
  },
}));
const { startAutosave } = await import('../src/autosave');

const base = () => ({
  format: 'shenbao-draft' as const,
  key: 'p/apply',
  programId: 'p',
  form: 'apply',
  schemaVersion: '1',
  aside: [],
});

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    saved.length = 0;
    // The module listens for the page being hidden; Node has no document or window.
    const events = { addEventListener: () => {}, removeEventListener: () => {} };
    vi.stubGlobal('document', { ...events, visibilityState: 'visible' });
    vi.stubGlobal('window', events);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('saves a burst of typing once, within a second of the last change, and says so', async () => {
    const store = new FormStore({ applicant: { name: '' } });
    const states: SaveState['kind'][] = [];
    const a = startAutosave(store, base, (s) => states.push(s.kind));
    for (const name of ['东', '东莞', '东莞市']) {
      store.set('/applicant/name', name);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saved).toHaveLength(0);
    expect(states).toEqual(['pending']); // once per burst, not per key
    await vi.advanceTimersByTimeAsync(900);
    expect(saved).toHaveLength(1);
    expect((saved[0] as { data: { applicant: { name: string } } }).data.applicant.name).toBe('东莞市');
    expect(states).toEqual(['pending', 'saved']);
    a.stop();
  });

  it('flush saves at once; changed() saves what is outside the form data', async () => {
    const store = new FormStore({ applicant: { name: 'x' } });
    const a = startAutosave(store, base, () => {});
    store.set('/applicant/name', 'y');
    await a.flush();
    expect(saved).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(saved).toHaveLength(1); // the pending timer was cancelled by the flush
    a.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(2);
    a.stop();
  });
});
