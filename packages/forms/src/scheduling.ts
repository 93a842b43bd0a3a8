/**
 * When deferred work runs, so that it lands between the applicant's keystrokes and frames rather
 * than on them. Where the browser lacks a hook (no frames or no idle callbacks, as in tests), the
 * work runs on the next turn of the event loop.
 */

type IdleApi = (cb: () => void, opts: { timeout: number }) => number;
type FrameApi = (cb: () => void) => number;

/** Runs `fn` in the browser's next idle moment, at the latest after `timeout` ms; returns a cancel. */
export function whenIdle(fn: () => void, timeout: number): () => void {
  const g = globalThis as { requestIdleCallback?: IdleApi; cancelIdleCallback?: (id: number) => void };
  if (g.requestIdleCallback && g.cancelIdleCallback) {
    const id = g.requestIdleCallback(fn, { timeout });
    const cancel = g.cancelIdleCallback;
    return () => cancel(id);
  }
  const t = setTimeout(fn, 0);
  return () => clearTimeout(t);
}

/** Runs `fn` after the next frame has been painted (on the next turn where there are no frames). */
export function afterPaint(fn: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: FrameApi }).requestAnimationFrame;
  if (raf) raf(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/**
 * A debounce that also waits for idle time: `fn` runs once `quiet` ms have passed without another
 * `call()`, in the next idle moment after that (at the latest `idleTimeout` ms later).
 */
export function idleDebounce(
  fn: () => void,
  quiet: number,
  idleTimeout: number,
): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | undefined;
  const cancel = (): void => {
    if (timer) clearTimeout(timer);
    cancelIdle?.();
    timer = undefined;
    cancelIdle = undefined;
  };
  const call = (): void => {
    cancel();
    timer = setTimeout(() => {
      timer = undefined;
      cancelIdle = whenIdle(() => {
        cancelIdle = undefined;
        fn();
      }, idleTimeout);
    }, quiet);
  };
  return { call, cancel };
}
