/**
 * Smoke test of the browser benchmark's harness (bench/forms): builds the stock JSON Forms page,
 * types 10 keys into a success case's text field in Debian Chromium and checks that every key
 * was timed and the text arrived. No timing assertions: the figures belong to `pnpm bench`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveStatic } from '../../apps/web/static-server';
import { stockTarget } from '../../bench/browser.bench';
import { buildStock } from '../../bench/forms/build';
import { CHROMIUM, launchChromium, typingRun } from '../../bench/forms/harness';
import { percentile } from '../../bench/forms/stats';

const root = join(import.meta.dirname, '..', '..');

describe.skipIf(!existsSync(CHROMIUM))('browser benchmark harness', () => {
  let out = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'shenbao-bench-'));
    const built = await buildStock(root, join(out, 'stock'));
    server = await serveStatic(built.dir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('times 10 keystrokes into a case of the stock page and the text arrives', async () => {
    if (!browser || !server) throw new Error('setup failed');
    const result = await typingRun(browser, stockTarget(root, server.url), {
      cpu: 1,
      pauses: [50],
      keys: 10,
      // A shared CI machine under load can stall a frame for seconds; this checks the harness, not speed.
      giveUpMs: 60_000,
    });
    expect(result.keydowns).toBe(10);
    expect(result.timedOut).toBe(0);
    expect(result.lost).toBe(0);
    expect(result.extra).toBe(0);
    expect(result.exact).toBe(true);

    // Every key timed: a finite, positive keydown → frame time, under the give-up bound.
    expect(result.latencies).toHaveLength(10);
    for (const latency of result.latencies) {
      expect(Number.isFinite(latency)).toBe(true);
      expect(latency).toBeGreaterThan(0);
      expect(latency).toBeLessThan(60_000);
    }
    // Every key after the first is filed under the one pause it followed.
    expect(Object.keys(result.byPause)).toEqual(['50']);
    expect(result.byPause[50]).toHaveLength(9);
    expect(result.byPause[50]).toEqual(result.latencies.slice(1));
    // The summary figures are ordered and come from the samples.
    const ladder = [0, 50, 95, 99, 100].map((p) => percentile(result.latencies, p));
    expect(ladder).toEqual([...ladder].sort((a, b) => a - b));
    expect(ladder[0]).toBe(Math.min(...result.latencies));
    expect(ladder.at(-1)).toBe(Math.max(...result.latencies));
    for (const value of ladder) expect(result.latencies).toContain(value);

    // The wait for the main thread: one per key, finite and not before the event.
    expect(result.inputDelays).toHaveLength(10);
    for (const delay of result.inputDelays) {
      expect(Number.isFinite(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
    }

    // Long tasks (> 50 ms each, by the Long Tasks API): the count matches the list, the longest is
    // one of them and no more than their sum.
    const tasks = result.longTasks;
    expect(tasks.at).toHaveLength(tasks.count);
    for (const t of tasks.at) expect(t.ms).toBeGreaterThanOrEqual(50);
    if (tasks.count === 0) expect([tasks.max, tasks.total]).toEqual([0, 0]);
    else {
      expect(tasks.max).toBeGreaterThanOrEqual(50);
      expect(tasks.total).toBeGreaterThanOrEqual(tasks.max);
      expect(Math.round(tasks.max)).toBe(Math.max(...tasks.at.map((t) => t.ms)));
    }

    expect(result.coldMs).not.toBeNull();
    expect(Number.isFinite(result.coldMs)).toBe(true);
    expect(result.coldMs).toBeGreaterThan(0);
    // The machine's load average, recorded beside the figures.
    expect(Number.isFinite(result.load)).toBe(true);
    expect(result.load).toBeGreaterThanOrEqual(0);
  }, 300_000);
});
