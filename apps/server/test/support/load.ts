/**
 * Closed-loop load: N clients, each sending its next request when its last one answered (as a
 * person saving a form does), for a fixed time. Each client keeps its own state (cookie, CSRF
 * token, the version its last save got back), so every request is a real, non-stale write.
 * Latencies are kept whole and sorted at the end: at most a few hundred thousand numbers.
 */

export interface LoadResult {
  /** Completed operations with the expected outcome. */
  ok: number;
  /** Operations that answered otherwise (each one is a bug in a save benchmark). */
  failed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** The first few failures, for the report. */
  failures: string[];
}

/** The q-quantile (0..1) of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

/**
 * Runs `op(client)` in a loop on every client for `ms` milliseconds (after `warmupMs` whose
 * operations are not counted). `op` resolves true when the operation succeeded, or a string
 * saying what went wrong.
 */
export async function closedLoop<C>(
  clients: readonly C[],
  op: (client: C, index: number) => Promise<true | string>,
  ms: number,
  warmupMs = 0,
  /** Called when the measured window opens and when it closes (e.g. to read CPU counters). */
  window: { open?: () => void; close?: () => void } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + ms;
  let opened = false;
  let closed = false;
  const open = () => {
    if (!opened) window.open?.();
    opened = true;
  };
  const close = () => {
    if (!closed) window.close?.();
    closed = true;
  };
  const opening = setTimeout(open, warmupMs);
  const closing = setTimeout(close, warmupMs + ms);
  await Promise.all(
    clients.map(async (client, index) => {
      for (;;) {
        const t0 = performance.now();
        if (t0 >= end) return;
        let outcome: true | string;
        try {
          outcome = await op(client, index);
        } catch (e) {
          outcome = e instanceof Error ? e.message : String(e);
        }
        const t1 = performance.now();
        if (t0 < measureFrom) continue;
        if (outcome === true) latencies.push(t1 - t0);
        else {
          failed++;
          if (failures.length < 5) failures.push(outcome);
        }
      }
    }),
  );
  clearTimeout(opening);
  clearTimeout(closing);
  open();
  close();
  const seconds = (performance.now() - measureFrom) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    failed,
    seconds,
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    failures,
  };
}

/** Runs `fn` on every item with at most `limit` at a time; results in item order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

/**
 * Open loop: operations arrive at a fixed rate whatever the server's pace (as applicants who
 * save when they are ready, not when the last save answered), each taken by an idle client (a
 * client has one operation in flight at a time: its next save needs the version the last one
 * returned). Latency counts from the arrival, so time spent queued for a client is included —
 * a server slower than the rate shows as latency growing, not as a quietly lower rate.
 */
export async function openLoop<C>(
  clients: readonly C[],
  op: (client: C) => Promise<true | string>,
  ratePerSecond: number,
  ms: number,
  window: { open?: () => void; close?: () => void } = {},
): Promise<LoadResult> {
  const idle = [...clients];
  const waiting: ((c: C) => void)[] = [];
  const acquire = (): Promise<C> =>
    idle.length > 0 ? Promise.resolve(idle.pop() as C) : new Promise((resolve) => waiting.push(resolve));
  const release = (c: C) => {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  };
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const total = Math.floor((ratePerSecond * ms) / 1000);
  const start = performance.now();
  const jobs: Promise<void>[] = [];
  window.open?.();
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    jobs.push(
      (async () => {
        const c = await acquire();
        let outcome: true | string;
        try {
          outcome = await op(c);
        } catch (e) {
          outcome = e instanceof Error ? e.message : String(e);
        } finally {
          release(c);
        }
        if (outcome === true) latencies.push(performance.now() - due);
        else {
          failed++;
          if (failures.length < 5) failures.push(outcome);
        }
      })(),
    );
  }
  await Promise.all(jobs);
  window.close?.();
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    failed,
    seconds,
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    failures,
  };
}
