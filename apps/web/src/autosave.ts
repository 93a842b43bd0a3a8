import { clockText, type Draft, type FormStore, idleDebounce } from '@shenbao/forms';
import { saveDraft } from './storage/db';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string };

/** Longest wait for an idle moment once the quiet spell is over (ms). */
const IDLE_TIMEOUT = 500;

/**
 * Saves the draft to IndexedDB within a second of each change (debounced so typing is not
 * slowed), and at once when the page is hidden or closed.
 */
export function startAutosave(
  store: FormStore,
  base: () => Omit<Draft, 'data' | 'step' | 'savedAt'>,
  onState: (s: SaveState) => void,
  delay = 400,
): { flush: () => Promise<void>; changed: () => void; stop: () => void } {
  let dirty = false;
  const save = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    const at = new Date();
    try {
      await saveDraft({
        ...base(),
        data: store.getData(),
        step: store.currentStep,
        savedAt: at.toISOString(),
      });
      onState({ kind: 'saved', at });
    } catch (e) {
      dirty = true;
      onState({ kind: 'error', message: `草稿保存失败：${(e as Error).message}` });
    }
  };
  // After a short quiet spell, in the next idle moment (at most ~0.9 s after the change), so the
  // write does not land on the applicant's next keystroke.
  const later = idleDebounce(() => void save(), delay, IDLE_TIMEOUT);
  const schedule = (): void => {
    // Report "saving" once per burst of typing, not once per keystroke.
    if (!dirty) onState({ kind: 'pending' });
    dirty = true;
    later.call();
  };
  let lastStep = store.currentStep;
  const offData = store.onChange(schedule);
  const offUi = store.subscribeUi(() => {
    if (store.currentStep !== lastStep) {
      lastStep = store.currentStep;
      schedule();
    }
  });
  const onHide = (): void => {
    if (document.visibilityState === 'hidden' && dirty) void save();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onHide);
  return {
    /** Something outside the form data changed (e.g. a kept-aside field was discarded): save it too. */
    changed: schedule,
    flush: async () => {
      later.cancel();
      await save();
    },
    stop: () => {
      offData();
      offUi();
      later.cancel();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
    },
  };
}

export function saveStateText(s: SaveState): string {
  switch (s.kind) {
    case 'idle':
      return '草稿自动保存在本机浏览器中';
    case 'pending':
      return '正在保存…';
    case 'saved':
      return `已保存于 ${clockText(s.at)}`;
    case 'error':
      return s.message;
  }
}
