/**
 * Smoke test of the console's browser benchmark (bench/console-browser.bench.ts) on 200
 * applications: the staff list is timed to its first rows, a state filter and a keyword search to
 * their new rows, the 统计 dashboard to its charts drawn — every figure measured. No timing
 * assertions: the figures belong to `pnpm bench`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchConsoleBrowser } from '../../bench/console-browser.bench';
import { CHROMIUM } from '../support/chromium';

const root = join(import.meta.dirname, '..', '..');

describe.skipIf(!existsSync(CHROMIUM))('console browser benchmark', () => {
  it('times the list, two kinds of filter and the dashboard over 200 applications', async () => {
    const f = await benchConsoleBrowser(root, { rows: 200, loads: 1, filters: 2 });
    expect(f.rows).toBe(200);
    const figures = {
      'list, nothing cached': f.tableCold.total,
      'list, cache warm': f.table.p50,
      'list request ended': f.table.ends.data,
      'state filter': f.stateFilter.p50,
      'keyword search': f.textFilter.p50,
      'dashboard, nothing cached': f.dashboardCold.total,
      'dashboard, cache warm': f.dashboard.p50,
    };
    for (const [name, v] of Object.entries(figures)) {
      expect(Number.isFinite(v), name).toBe(true);
      expect(v, name).toBeGreaterThan(0);
    }
    expect(f.stateFilter.runs).toBe(2);
    expect(f.textFilter.runs).toBe(2);
  }, 300_000);
});
