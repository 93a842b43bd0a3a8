/**
 * Browser benchmark (`pnpm bench`): the portal's application form against stock JSON Forms 3.8
 * with the material renderers, and a plain <input> as the floor, in Debian Chromium, production
 * builds, same run. What is measured and why: bench/forms/README.md.
 *
 * SHENBAO_BENCH_QUICK=1: 30 keystrokes per run and 3 added rows (a short check of the harness).
 * SHENBAO_BENCH_KEYS=N: keystrokes per run (default 200). SHENBAO_BENCH_BASELINE_KEYS=M: keystrokes
 * of stock's 4× runs and of the plain input (default 50). SHENBAO_BENCH_FULL=1: N everywhere,
 * and the 1× pauses as separate runs instead of one run with the pauses mixed (~15 minutes).
 * SHENBAO_BENCH_ONLY=stock,plain: measure only these targets. SHENBAO_BENCH_PACE=steady: keys
 * sent on a fixed schedule instead of "key acknowledged, then the pause" (see TypingSpec.pace).
 * SHENBAO_BENCH_REUSE_BUILD=1: use the builds left in .tmp/bench by an earlier run, if any.
 * SHENBAO_BENCH_TRACE=1: also trace 10 keys per target and print where the time goes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../apps/server/src/config';
import { startServer } from '../apps/server/src/server';
import { type StaticServer, serveStatic } from '../apps/web/static-server';
import { type BuiltPage, buildStock, buildWeb } from './forms/build';
import { CHROMIUM, launchChromium, measureAll, type Target, type TypingSpec } from './forms/harness';
import { reportLines } from './forms/report';
import { traceLines, traceTyping } from './forms/trace';

export const PAUSES_1X = [120, 200, 400];
export const PAUSES_4X = [200, 120, 50];
/** The case row typed into (0-based), as in the portal's `data-path` example. */
export const CASE_ROW = 57;
/**
 * Success cases in the form (SHENBAO_BENCH_CASES, default 100; 500 shows how the cost grows with
 * rows): the portal's fixture `bench` or `bench<N>`, stock's `?cases=N`.
 */
export const BENCH_ROWS = Number(process.env.SHENBAO_BENCH_CASES ?? 100);
/** The portal's benchmark route (100 cases, 20 support units, cases step open). */
export const OURS_ROUTE = `#/p/ai-innovation-center/apply?fixture=bench${BENCH_ROWS === 100 ? '' : BENCH_ROWS}`;

/** Title of the success-cases array, which stock shows above its table. */
export function casesTitle(root: string): string {
  const schema = JSON.parse(
    readFileSync(join(root, 'schemas', 'ai-innovation-center', 'application.schema.json'), 'utf8'),
  ) as { properties: { capability: { properties: { cases: { title: string } } } } };
  return schema.properties.capability.properties.cases.title;
}

export function stockTarget(root: string, url: string): Target {
  const table = casesTitle(root);
  return {
    name: 'stock',
    url: BENCH_ROWS === 100 ? url : `${url}?cases=${BENCH_ROWS}`,
    probe: {
      field: { table, column: '项目内容', row: CASE_ROW },
      rows: { table },
      expectedRows: BENCH_ROWS,
      add: { table },
    },
  };
}

export function oursTarget(url: string): Target {
  return {
    name: 'ours',
    url: `${url}${OURS_ROUTE}`,
    probe: {
      // 项目内容 is in the row's form: the row is opened first (its 展开 button), as a person would.
      field: {
        css: `[data-path="/capability/cases/${CASE_ROW}/content"]`,
        open: `[data-array-path="/capability/cases"] [data-row-toggle="${CASE_ROW}"]`,
      },
      // Each row's key column (客户名称): in the DOM whether or not the row's form is open.
      rows: { css: '[data-path^="/capability/cases/"][data-path$="/client"]' },
      expectedRows: BENCH_ROWS,
      add: { css: '[data-add-row="/capability/cases"]' },
    },
  };
}

export function plainTarget(root: string): { target: (url: string) => Target; dir: string } {
  return {
    dir: join(root, 'bench', 'forms', 'plain'),
    target: (url) => ({ name: 'plain', url, probe: { field: { css: '#plain' }, expectedRows: 0 } }),
  };
}

/**
 * The portal as users get it: its build served with the API by the real server (apps/server) on
 * a free port, over an embedded database in a temporary folder. The fixture route needs no login.
 */
async function servePortal(root: string, dist: string): Promise<StaticServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shenbao-bench-data-'));
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', SHENBAO_DATA_DIR: dataDir, SHENBAO_WEB_DIST: dist, LOG_LEVEL: 'silent' },
    root,
  );
  const server = await startServer(config);
  return {
    url: `${server.url}/`,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An earlier build in `dir` when SHENBAO_BENCH_REUSE_BUILD=1, else a fresh one. */
async function reuseOr(
  dir: string,
  build: () => Promise<BuiltPage | undefined>,
): Promise<BuiltPage | undefined> {
  if (process.env.SHENBAO_BENCH_REUSE_BUILD === '1' && existsSync(join(dir, 'index.html')))
    return { dir, ms: 0 };
  return build();
}

export async function runBrowserBench(root: string): Promise<void> {
  console.log('\nBrowser: keystroke latency, long tasks, cold render, add row (Chromium, production builds)');
  if (!existsSync(CHROMIUM)) {
    console.log(`  skipped: ${CHROMIUM} is missing (scripts/system-deps.sh installs Debian's chromium)`);
    return;
  }
  const quick = process.env.SHENBAO_BENCH_QUICK === '1';
  const keys = Number(process.env.SHENBAO_BENCH_KEYS ?? (quick ? 30 : 200));
  const full = process.env.SHENBAO_BENCH_FULL === '1';
  const only = process.env.SHENBAO_BENCH_ONLY?.split(',').map((s) => s.trim());
  const wanted = (name: string) => !only || only.includes(name);
  const addCount = quick ? 3 : 5;
  const pace: TypingSpec['pace'] = process.env.SHENBAO_BENCH_PACE === 'steady' ? 'steady' : 'ack';
  const started = performance.now();
  const out = join(root, '.tmp', 'bench');
  mkdirSync(out, { recursive: true });

  // Stock's 4× runs and the plain floor take fewer keys (default 50) to keep a whole run near
  // 6 minutes: stock at 4× needs ~0.4 s a key. SHENBAO_BENCH_FULL=1 gives every run `keys`.
  const fewer = Math.min(keys, Number(process.env.SHENBAO_BENCH_BASELINE_KEYS ?? (full ? keys : 50)));
  const specsFor = (target: Target): TypingSpec[] => {
    const base = target.name === 'ours' ? keys : fewer;
    const at1x = target.name === 'stock' ? keys : base;
    if (target.name === 'plain')
      return [
        { cpu: 1, pauses: PAUSES_1X, keys: base, pace },
        { cpu: 4, pauses: [50], keys: base, pace },
      ];
    return [
      ...(full
        ? PAUSES_1X.map((p) => ({ cpu: 1, pauses: [p], keys: at1x, pace }))
        : [{ cpu: 1, pauses: PAUSES_1X, keys: at1x, pace }]),
      ...PAUSES_4X.map((p) => ({ cpu: 4, pauses: [p], keys: base, pace })),
    ];
  };

  const servers: StaticServer[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const browser = await launchChromium();
  try {
    if (wanted('ours')) {
      const web = await reuseOr(join(out, 'web'), () => buildWeb(root, join(out, 'web'))).catch(
        (e: Error) => {
          notes.push(`ours: apps/web did not build (${e.message.split('\n')[0]})`);
          return undefined;
        },
      );
      if (web) {
        const server = await servePortal(root, web.dir);
        servers.push(server);
        targets.push(oursTarget(server.url));
        console.log(`  built apps/web in ${(web.ms / 1000).toFixed(1)} s`);
      } else if (notes.length === 0) notes.push('ours: apps/web has no index.html and vite.config yet');
    }
    if (wanted('stock')) {
      const stock = await reuseOr(join(out, 'stock'), () => buildStock(root, join(out, 'stock')));
      if (!stock) throw new Error('the stock page did not build');
      const server = await serveStatic(stock.dir);
      servers.push(server);
      targets.push(stockTarget(root, server.url));
      console.log(`  built the stock JSON Forms page in ${(stock.ms / 1000).toFixed(1)} s`);
    }
    if (wanted('plain')) {
      const plain = plainTarget(root);
      const server = await serveStatic(plain.dir);
      servers.push(server);
      targets.push(plain.target(server.url));
    }
    const loadBefore = loadavg();
    console.log(
      `  Chromium ${browser.version()}, ${cpus().length} cores, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ` +
        `${keys} keystrokes per run (stock at 4× and plain: ${fewer})${quick ? ' (quick)' : ''}, pace ${pace === 'ack' ? 'key acknowledged, then the pause' : 'steady schedule'}`,
    );
    const results = await measureAll(browser, targets, specsFor, addCount, (line) => console.log(line));
    const loadAfter = loadavg();
    if (process.env.SHENBAO_BENCH_TRACE === '1') {
      console.log('\n  Where a keystroke goes (Chromium trace, 10 keys at 1×, renderer main thread):');
      for (const target of targets) {
        const summary = await traceTyping(browser, target, join(out, `trace-${target.name}.json`)).catch(
          (e: Error) => e,
        );
        if (summary instanceof Error) console.log(`    ${target.name}: ${summary.message.split('\n')[0]}`);
        else for (const line of traceLines(target.name, summary)) console.log(`    ${line}`);
      }
    }
    console.log('');
    for (const line of reportLines(results, { pauses1x: PAUSES_1X, pauses4x: PAUSES_4X }))
      console.log(`  ${line}`);
    for (const r of results) if (r.error) notes.push(`${r.name}: ${r.error}`);
    for (const note of notes) console.log(`  note: ${note}`);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, ` +
        `after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}; ${cpus().length} cores; ${seconds.toFixed(0)} s in all`,
    );
    const file = join(out, `browser-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        { date: new Date().toISOString(), keys, quick, loadBefore, loadAfter, results, notes },
        null,
        1,
      ),
    );
    console.log(`  raw figures: ${file}`);
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
}
