/**
 * The bureau's console in the browser at scale (`pnpm bench`, issue 10): 10,000 applications
 * seeded straight into the store (bench/console-seed.ts, PGlite), each with three reviewers'
 * scores, then the server in its own process (as bench/console.bench.ts runs it) serving the
 * portal's production build, and Debian Chromium logged in as staff:
 * - the staff list (申报列表): time from the navigation's start to the first table rows painted
 *   (a MutationObserver sees the first row, the next animation frame counts as painted), over
 *   fresh page loads after one unmeasured load;
 * - a filter: choosing a state in the list's state filter, and a keyword search, each from the
 *   change until the new table's rows are painted;
 * - the dashboard (统计): time from the navigation's start until every chart has been drawn
 *   (ECharts' `finished`, which the page marks with `data-rendered`).
 * Targets (issue 10): table ≤ 1 s to first rows, filter ≤ 100 ms. The browser and the server
 * share the machine's two cores: the load average is printed beside the figures.
 *
 * SHENBAO_BENCH_CONSOLE_ROWS=N: applications seeded (default 10,000). Run alone:
 * `npx tsx bench/console-browser.bench.ts` (about 1½ minutes when the portal build is current).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { quantile } from '../apps/server/test/support/load';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../apps/server/test/support/server-process';
import { createUser, type Database, openDatabase } from '../packages/store/src/index';
import { sharedBuild } from '../test/e2e/portal/server';
import { CHROMIUM, launchChromium } from '../test/support/chromium';
import { BENCH_PROGRAM, type Seeded, seedApplications } from './console-seed';

const STAFF = { login: 'bench-staff', password: 'Passw0rd-Bench' };
const SERVER_ENV = { LOG_LEVEL: 'warn', SHENBAO_SCHEDULER_MS: '0' };
const LIST = `#/p/${BENCH_PROGRAM}/staff/applications`;
const DASHBOARD = (year: number) => `#/p/${BENCH_PROGRAM}/staff/dashboard?year=${year}`;
const ROWS_SELECTOR = '[data-testid="staff-list"] tbody tr';

export interface Spread {
  runs: number;
  p50: number;
  max: number;
}

export interface ConsoleBrowserFigures {
  rows: number;
  seedMs: number;
  /** Navigation start → first rows painted: a fresh browser context's load, and loads with the cache warm. */
  tableCold: Load;
  table: LoadSpread;
  /** A state chosen in the filter → the new rows painted. */
  stateFilter: Spread;
  /** A keyword searched → the new rows painted. */
  textFilter: Spread;
  dashboardCold: Load;
  dashboard: LoadSpread;
}

/** The spread of loads' totals, with the median of when each kind of request ended. */
export interface LoadSpread extends Spread {
  ends: Load['ends'];
  /** The median main-thread time of the loads. */
  busy: number;
}

const spreadOf = (ls: Load[]): LoadSpread => {
  const med = (k: keyof Load['ends']) => spread(ls.map((l) => l.ends[k])).p50;
  return {
    ...spread(ls.map((l) => l.total)),
    ends: { script: med('script'), programme: med('programme'), data: med('data') },
    busy: spread(ls.map((l) => l.busy)).p50,
  };
};

const spread = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  return { runs: s.length, p50: quantile(s, 0.5), max: s.at(-1) ?? Number.NaN };
};

/** Three reviewers and their scores of every application (a spread of 55–99), and the staff account. */
async function seedRest(db: Database): Promise<void> {
  const staff = await createUser(db, {
    login: STAFF.login,
    name: '测试工作人员',
    role: 'staff',
    programs: [BENCH_PROGRAM],
    password: STAFF.password,
  });
  if (!staff.ok) throw new Error('staff account not created');
  for (let r = 0; r < 3; r++) {
    const u = await createUser(db, {
      login: `bench-reviewer-${r}`,
      name: `评审专家${r + 1}`,
      role: 'reviewer',
      programs: [BENCH_PROGRAM],
      password: STAFF.password,
    });
    if (!u.ok) throw new Error('reviewer not created');
    await db.query(
      `INSERT INTO reviews (application_id, reviewer_id, data, score)
       SELECT a.id, $1, '{}'::jsonb, 55 + ((hashtext(a.id || $1) & 2147483647) % 45)
         FROM applications a WHERE a.program_id = $2`,
      [u.value.id, BENCH_PROGRAM],
    );
  }
  await db.query('ANALYZE reviews');
}

/**
 * In every page of the context: `__bench.rows` is set to the time (since navigation start) of the
 * animation frame after the first list row appeared, `__bench.charts` to that after every chart
 * of the dashboard was drawn.
 */
const INIT = `(() => {
  const b = (window.__bench = { rows: undefined, charts: undefined });
  const check = () => {
    if (b.rows === undefined && document.querySelector('${ROWS_SELECTOR}')) {
      b.rows = -1;
      requestAnimationFrame(() => { b.rows = performance.now(); });
    }
    const charts = document.querySelectorAll('.chart');
    if (b.charts === undefined && document.querySelector('[data-testid="dashboard"]') && charts.length > 0 &&
        [...charts].every((c) => c.getAttribute('data-rendered') === 'true')) {
      b.charts = -1;
      requestAnimationFrame(() => { b.charts = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-rendered'] });
})();`;

/** What a load waited for, in ms from navigation start: the figure and when the page's requests ended. */
export interface Load {
  total: number;
  /** When the last answer of each kind of request ended (the portal's script, the programme, the figures). */
  ends: Record<'script' | 'programme' | 'data', number>;
  /** The page's main thread busy (ms of tasks) until then. */
  busy: number;
}

/**
 * When the page's last answer of each kind ended. A string, not a function: tsx's transform would
 * wrap named functions in a helper the page does not have.
 */
const ENDS = `(() => {
  const entries = performance.getEntriesByType('resource');
  const end = (test) => Math.max(0, ...entries.filter((e) => test(e.name)).map((e) => e.responseEnd));
  return {
    script: end((u) => /\\/assets\\/.*\\.js$/.test(u)),
    programme: end((u) => u.includes('/api/programs/')),
    data: end((u) => u.includes('/api/applications?') || u.includes('/api/stats?')),
  };
})()`;

let profiles = 0;

/** Loads `hash` in a new page of `ctx` and waits for `__bench[key]`. */
async function timedLoad(
  ctx: BrowserContext,
  base: string,
  hash: string,
  key: 'rows' | 'charts',
): Promise<Load> {
  const page = await ctx.newPage();
  try {
    // The renderer's main-thread time (CDP Performance.TaskDuration) holds on a busy machine where
    // the wall time does not; SHENBAO_BENCH_PROFILE=<dir> also writes a V8 CPU profile of each load.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    const profileDir = process.env.SHENBAO_BENCH_PROFILE;
    if (profileDir) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${base}/${hash}`);
    const handle = await page.waitForFunction(
      (k) => {
        const v = (window as unknown as { __bench: Record<string, number | undefined> }).__bench[k];
        return v !== undefined && v >= 0 ? v : false;
      },
      key,
      { timeout: 60_000 },
    );
    const total = (await handle.jsonValue()) as number;
    const ends = (await page.evaluate(ENDS)) as Load['ends'];
    const { metrics } = await cdp.send('Performance.getMetrics');
    const busy = 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN);
    if (profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `${key}-${++profiles}.cpuprofile`), JSON.stringify(profile));
    }
    return { total, ends, busy };
  } finally {
    await page.close();
  }
}

/** A browser context logged in as staff (the saved session), every page observed by INIT. */
async function staffContext(browser: Browser, storage: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    storageState: JSON.parse(storage),
  });
  await ctx.addInitScript(INIT);
  return ctx;
}

/** The first load in a fresh context (nothing cached), then `n` more in one context (the browser's cache warm). */
async function loads(
  browser: Browser,
  base: string,
  storage: string,
  hash: string,
  key: 'rows' | 'charts',
  n: number,
) {
  const fresh = await staffContext(browser, storage);
  let cold: Load;
  try {
    cold = await timedLoad(fresh, base, hash, key);
  } finally {
    await fresh.close();
  }
  const ctx = await staffContext(browser, storage);
  const warm: Load[] = [];
  try {
    await timedLoad(ctx, base, hash, key); // fills the cache
    for (let i = 0; i < n; i++) warm.push(await timedLoad(ctx, base, hash, key));
  } finally {
    await ctx.close();
  }
  return { cold, warm };
}

/**
 * Runs `act` in the page (a change of the list's filters) and resolves with the ms until a new
 * list table (not the one shown before) has rows painted.
 */
function timedFilter(page: Page, act: 'state' | 'text', value: string): Promise<number> {
  return page.evaluate(
    ({ act, value, rows }) =>
      new Promise<number>((resolve, reject) => {
        // The list keeps its table while the next answer loads; `data-list` names the query shown.
        const old = document.querySelector('[data-testid="staff-list"]')?.getAttribute('data-list');
        const fresh = rows.replace(
          '[data-testid="staff-list"]',
          `[data-testid="staff-list"]:not([data-list="${old}"]):not([aria-busy="true"])`,
        );
        const timer = setTimeout(
          () => reject(new Error(`filter ${act}=${value}: no new rows in 30 s`)),
          30_000,
        );
        let t0 = 0;
        const mo = new MutationObserver(() => {
          if (!document.querySelector(fresh)) return;
          mo.disconnect();
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve(performance.now() - t0);
          });
        });
        mo.observe(document.body, {
          childList: true,
          subtree: true,
          attributes: true,
          attributeFilter: ['data-list', 'aria-busy'],
        });
        t0 = performance.now();
        if (act === 'state') {
          const select = document.querySelector('[data-testid="state-filter"]') as HTMLSelectElement;
          select.value = value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        } else {
          const input = document.querySelector(
            '.staff-list form.filters input[type="search"]',
          ) as HTMLInputElement;
          // React reads the value through its own setter's tracker: set it as the browser would.
          const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          set?.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          (input.form as HTMLFormElement).requestSubmit();
        }
      }),
    { act, value, rows: ROWS_SELECTOR },
  );
}

async function measure(
  browser: Browser,
  base: string,
  seeded: Seeded,
  o: { loads: number; filters: number },
): Promise<Omit<ConsoleBrowserFigures, 'rows' | 'seedMs'>> {
  // Log in once through the login page; every measured page starts from the saved session.
  const login = await browser.newContext({ locale: 'zh-CN' });
  const page0 = await login.newPage();
  await page0.goto(`${base}/#/login?next=${encodeURIComponent(LIST)}`);
  await page0.getByTestId('login-account').fill(STAFF.login);
  await page0.getByTestId('login-password').fill(STAFF.password);
  await page0.getByRole('button', { name: '登录', exact: true }).click();
  await page0.locator(ROWS_SELECTOR).first().waitFor({ timeout: 60_000 });
  const storage = JSON.stringify(await login.storageState());
  await login.close();

  const table = await loads(browser, base, storage, LIST, 'rows', o.loads);

  const ctx = await staffContext(browser, storage);
  const states: number[] = [];
  const texts: number[] = [];
  try {
    const page = await ctx.newPage();
    await page.goto(`${base}/${LIST}`);
    await page.locator(ROWS_SELECTOR).first().waitFor({ timeout: 60_000 });
    // One unmeasured change first (the code paths warm), then states in turn and back to 全部.
    await timedFilter(page, 'state', seeded.states[0] as string);
    for (let i = 0; i < o.filters; i++) {
      const state = seeded.states[(i + 1) % seeded.states.length] as string;
      states.push(await timedFilter(page, 'state', state));
    }
    await timedFilter(page, 'state', '');
    const words = ['智能', '数据', '机器人', '软件', '信息'];
    for (let i = 0; i < o.filters; i++)
      texts.push(await timedFilter(page, 'text', words[i % words.length] as string));
  } finally {
    await ctx.close();
  }

  const dashboard = await loads(browser, base, storage, DASHBOARD(seeded.year), 'charts', o.loads);
  return {
    tableCold: table.cold,
    table: spreadOf(table.warm),
    stateFilter: spread(states),
    textFilter: spread(texts),
    dashboardCold: dashboard.cold,
    dashboard: spreadOf(dashboard.warm),
  };
}

/** Seeds, serves and measures; `rows`, `loads` (page loads per figure) and `filters` (changes per filter) for a short run. */
export async function benchConsoleBrowser(
  root: string,
  o: { rows?: number; loads?: number; filters?: number } = {},
): Promise<ConsoleBrowserFigures> {
  const rows = o.rows ?? Number(process.env.SHENBAO_BENCH_CONSOLE_ROWS ?? 10_000);
  const shared = await sharedBuild();
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-bench-console-browser-'));
  // A copy of its own: browser tests running meanwhile rebuild the shared one when the sources change.
  const dist = join(dir, 'web');
  cpSync(shared, dist, { recursive: true });
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    const db = await openDatabase({ dataDir: join(dir, 'pglite'), checkpointEveryMs: 0 });
    let seeded: Seeded;
    try {
      seeded = await seedApplications(db, root, rows);
      await seedRest(db);
    } finally {
      await db.close();
    }
    const seedMs = performance.now() - t0;
    server = await startServerProcess({ dataDir: dir, extra: { ...SERVER_ENV, SHENBAO_WEB_DIST: dist } });
    browser = await launchChromium();
    const f = await measure(browser, server.url, seeded, { loads: o.loads ?? 5, filters: o.filters ?? 10 });
    return { rows, seedMs, ...f };
  } finally {
    await browser?.close();
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reportConsoleBrowser(f: ConsoleBrowserFigures, log: (s: string) => void): void {
  const ms = (n: number) => `${Math.round(n)} ms`;
  const sp = (s: Spread) => `p50 ${ms(s.p50)}, max ${ms(s.max)} of ${s.runs}`;
  const ends = (e: Load['ends']) =>
    `script ${ms(e.script)}, programme ${ms(e.programme)}, figures ${ms(e.data)}`;
  log(
    `  seeded ${f.rows.toLocaleString('en-US')} applications (3 scores each) in ${(f.seedMs / 1000).toFixed(1)} s`,
  );
  log(`  staff list, navigation → first rows painted  (target ≤ 1 s)`);
  log(
    `    nothing cached: ${ms(f.tableCold.total)}, main thread ${ms(f.tableCold.busy)}  (requests ended: ${ends(f.tableCold.ends)})`,
  );
  log(
    `    cache warm:     ${sp(f.table)}, main thread p50 ${ms(f.table.busy)}  (requests ended, p50: ${ends(f.table.ends)})`,
  );
  log(`  filter by state → new rows painted: ${sp(f.stateFilter)}  (target ≤ 100 ms)`);
  log(`  keyword search → new rows painted: ${sp(f.textFilter)}  (target ≤ 100 ms)`);
  log(`  统计 dashboard, navigation → every chart drawn`);
  log(
    `    nothing cached: ${ms(f.dashboardCold.total)}, main thread ${ms(f.dashboardCold.busy)}  (requests ended: ${ends(f.dashboardCold.ends)})`,
  );
  log(
    `    cache warm:     ${sp(f.dashboard)}, main thread p50 ${ms(f.dashboard.busy)}  (requests ended, p50: ${ends(f.dashboard.ends)})`,
  );
  log(`  load average: ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
}

/** Entry point bench/run.ts calls. */
export async function runConsoleBrowserBench(root: string): Promise<void> {
  console.log(
    '\nConsole in the browser: staff list and 统计 over 10,000 applications (Chromium, production build, server in its own process, PGlite)',
  );
  if (!existsSync(CHROMIUM)) {
    console.log(`  skipped: ${CHROMIUM} is missing (scripts/system-deps.sh installs Debian's chromium)`);
    return;
  }
  reportConsoleBrowser(await benchConsoleBrowser(root), console.log);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runConsoleBrowserBench(join(import.meta.dirname, '..'));
}
