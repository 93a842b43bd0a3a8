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
  }, 180_000);

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
    });
    expect(result.keydowns).toBe(10);
    expect(result.latencies).toHaveLength(10);
    for (const latency of result.latencies) {
      expect(Number.isFinite(latency)).toBe(true);
      expect(latency).toBeGreaterThan(0);
    }
    expect(result.timedOut).toBe(0);
    expect(result.lost).toBe(0);
    expect(result.exact).toBe(true);
    expect(result.coldMs).toBeGreaterThan(0);
    expect(result.longTasks.count).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
