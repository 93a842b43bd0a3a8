import { startTransition, useCallback, useEffect, useState } from 'react';

type Task = () => void;
interface Deadline {
  timeRemaining(): number;
  didTimeout: boolean;
}
type IdleApi = (cb: (d: Deadline) => void, opts?: { timeout: number }) => number;

/** Tasks started per idle callback: each one re-renders a cell, so a slice commits a few rows. */
const PER_SLICE = 12;
const queue = new Set<Task>();
let scheduled = false;

const requestIdle: IdleApi =
  (globalThis as { requestIdleCallback?: IdleApi }).requestIdleCallback?.bind(globalThis) ??
  ((cb) => setTimeout(() => cb({ timeRemaining: () => 50, didTimeout: false }), 1) as unknown as number);

function drain(deadline: Deadline): void {
  scheduled = false;
  let n = 0;
  for (const task of queue) {
    if (n >= PER_SLICE || (deadline.timeRemaining() < 1 && !deadline.didTimeout)) break;
    queue.delete(task);
    task();
    n++;
  }
  if (queue.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestIdle(drain, { timeout: 3000 });
}

/** Runs `task` in idle time, a few tasks per idle slice; the returned function cancels it. */
export function whenIdle(task: Task): () => void {
  queue.add(task);
  schedule();
  return () => {
    queue.delete(task);
  };
}

/**
 * Whether a cell should render its full content (e.g. a select's hundred options). Cells
 * start light so a table of a hundred rows paints at once, and fill in idle time, a few rows
 * per slice as a transition that typing interrupts; `fill` does it at once (on focus or press).
 */
export function useIdleFill(): { full: boolean; fill: () => void } {
  const [full, setFull] = useState(false);
  useEffect(() => {
    if (full) return;
    return whenIdle(() => startTransition(() => setFull(true)));
  }, [full]);
  const fill = useCallback(() => setFull(true), []);
  return { full, fill };
}
