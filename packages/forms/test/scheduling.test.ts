import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleDebounce } from '../src/scheduling';

describe('idleDebounce: work after a quiet spell, in an idle moment', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, after the last of a burst of calls has been quiet long enough', async () => {
    const fn = vi.fn();
    const d = idleDebounce(fn, 400, 500);
    for (let i = 0; i < 5; i++) {
      d.call();
      await vi.advanceTimersByTimeAsync(300); // each call restarts the quiet spell
    }
    expect(fn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled, whether still quiet or already waiting for idle time', async () => {
    const fn = vi.fn();
    const d = idleDebounce(fn, 400, 500);
    d.call();
    d.cancel();
    await vi.advanceTimersByTimeAsync(2000);
    d.call();
    await vi.advanceTimersByTimeAsync(400); // the idle wait has begun (a 0 ms timer without requestIdleCallback)
    d.cancel();
    await vi.advanceTimersByTimeAsync(2000);
    expect(fn).not.toHaveBeenCalled();
  });
});
