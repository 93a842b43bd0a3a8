import { clockText, type FormStore, idleDebounce } from '@shenbao/forms';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saved'; at: Date }
  /** Kept in this browser; the server could not be reached and will be tried again. */
  | { kind: 'offline'; at: Date }
  /** The server holds another version: the applicant is choosing (saving waits). */
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

export interface SaveSnapshot {
  data: unknown;
  step: number;
}

/** Where a snapshot goes (the server with a local copy, or this browser only), and how it went. */
export type SaveSink = (snapshot: SaveSnapshot) => Promise<SaveState>;

/** Longest wait for an idle moment once the quiet spell is over (ms). */
const IDLE_TIMEOUT = 500;
/** Waits before sending again what the server did not get (ms); the last one repeats. */
const RETRY = [3_000, 10_000, 30_000, 60_000];

export interface Autosave {
  /** Saves now what is not saved yet (before submitting, leaving, generating a document). */
  flush: () => Promise<SaveState>;
  /** Something outside the form data changed (e.g. a kept-aside field was discarded): save it too. */
  changed: () => void;
  /** After a conflict is settled: saving goes on. */
  resume: () => void;
  stop: () => void;
}

/**
 * Saves within a second of each change (debounced so typing is not slowed), at once when the
 * page is hidden or closed, and again — after a pause, or as soon as the browser is back
 * online — whatever the server has not received.
 */
export function startAutosave(
  store: FormStore,
  sink: SaveSink,
  onState: (s: SaveState) => void,
  delay = 400,
): Autosave {
  let dirty = false;
  let unsent = false;
  let paused = false;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let last: SaveState = { kind: 'idle' };
  let running: Promise<SaveState> | undefined;

  const report = (s: SaveState): SaveState => {
    last = s;
    onState(s);
    return s;
  };

  const scheduleRetry = (): void => {
    if (retryTimer) clearTimeout(retryTimer);
    const wait = RETRY[Math.min(retries, RETRY.length - 1)] as number;
    retries++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void save();
    }, wait);
  };

  const attempt = async (): Promise<SaveState> => {
    if (paused || (!dirty && !unsent)) return last;
    dirty = false;
    let result: SaveState;
    try {
      result = await sink({ data: store.getData(), step: store.currentStep });
    } catch (e) {
      result = { kind: 'error', message: `草稿保存失败：${(e as Error).message}` };
    }
    unsent = result.kind === 'offline' || result.kind === 'error';
    if (result.kind === 'offline') scheduleRetry();
    else if (result.kind === 'saved') retries = 0;
    if (result.kind === 'conflict') paused = true;
    return report(result);
  };

  // One save at a time: a change during a save is saved right after it.
  const save = async (): Promise<SaveState> => {
    while (running) await running;
    running = attempt();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  // After a short quiet spell, in the next idle moment (at most ~0.9 s after the change), so the
  // write does not land on the applicant's next keystroke.
  const later = idleDebounce(() => void save(), delay, IDLE_TIMEOUT);
  const schedule = (): void => {
    // Report "saving" once per burst of typing, not once per keystroke.
    if (!dirty && !paused) report({ kind: 'pending' });
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
  const onOnline = (): void => {
    if (unsent || dirty) {
      retries = 0;
      void save();
    }
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onHide);
  window.addEventListener('online', onOnline);
  return {
    changed: schedule,
    flush: async () => {
      later.cancel();
      return save();
    },
    resume: () => {
      paused = false;
      dirty = true;
      void save();
    },
    stop: () => {
      offData();
      offUi();
      later.cancel();
      if (retryTimer) clearTimeout(retryTimer);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('online', onOnline);
    },
  };
}

export function saveStateText(s: SaveState, where: 'server' | 'local'): string {
  switch (s.kind) {
    case 'idle':
      return where === 'server' ? '草稿自动保存到服务器' : '草稿自动保存在本机浏览器中';
    case 'pending':
      return '正在保存…';
    case 'saved':
      return `已保存于 ${clockText(s.at)}`;
    case 'offline':
      return '保存在本机，待同步';
    case 'conflict':
      return '服务器上有另一版本，请选择';
    case 'error':
      return s.message;
  }
}
