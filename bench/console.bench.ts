/**
 * The bureau's console at scale (`pnpm bench`, issue 10): 10,000 applications seeded straight
 * into the store (bench/console-seed.ts), on PGlite and on PostgreSQL, then through the server
 * in its own process (as bench/server.bench.ts runs it) on loopback:
 * - the first page of the list, sorted, with the counts per state (what the console's table
 *   asks for first), and a filter (镇街 + state + text): median and p95 of sequential requests;
 * - the Excel export of the 10,000 rows: time to the last byte and the server process's peak
 *   resident memory (VmHWM of /proc: the most it ever held, start-up included);
 * - the public 公示 page `/notices/:id` with 500 entries (a notice published through the store's
 *   notice functions, its HTML rendered by docgen as publishing does): time to first byte and
 *   to the whole page.
 * The table and filter targets (≤ 1 s to first rows, filter ≤ 100 ms) are for the
 * browser; the server's share of them is what is measured here and should be a small fraction.
 *
 * SHENBAO_BENCH_CONSOLE_ROWS=N: applications seeded (default 10,000).
 * Run alone: `npx tsx bench/console.bench.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadProgram, noticeDocument, noticeSummary, noticeTitle } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { renderHtml } from '@shenbao/docgen';
import { type ApiClient, loginClient } from '../apps/server/test/support/http';
import { quantile } from '../apps/server/test/support/load';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../apps/server/test/support/server-process';
import {
  createNotice,
  createUser,
  type Database,
  openDatabase,
  publishNotice,
} from '../packages/store/src/index';
import { startPostgres } from '../test/support/postgres';
import { BENCH_PROGRAM, type Seeded, seedApplications } from './console-seed';

const ROWS = Number(process.env.SHENBAO_BENCH_CONSOLE_ROWS ?? 10_000);
const NOTICE_ENTRIES = 500;
const REPEAT = 20;
const STAFF = { login: 'bench-staff', password: 'Passw0rd-Bench' };
const SERVER_ENV = { LOG_LEVEL: 'warn', SHENBAO_SCHEDULER_MS: '0' };

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** A /proc/<pid>/status field in kB (VmRSS now, VmHWM the peak so far). */
function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

/** One GET timed to the first byte and to the last, with the bytes' count. */
function timedGet(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; ttfb: number; total: number; bytes: number }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers, agent: false }, (res) => {
      let ttfb = Number.NaN;
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
        bytes += c.length;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ttfb, total: performance.now() - t0, bytes }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

interface Latency {
  p50: number;
  p95: number;
}

/** Median and p95 of `count` sequential calls after 3 unmeasured ones. */
async function latency(count: number, fn: () => Promise<void>): Promise<Latency> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** The staff account and a published 公示 with `entries` entries, straight into the store. */
async function seedRest(db: Database, root: string, seeded: Seeded, entries: number): Promise<string> {
  const made = await createUser(db, {
    login: STAFF.login,
    name: '测试工作人员',
    role: 'staff',
    programs: [BENCH_PROGRAM],
    password: STAFF.password,
  });
  if (!made.ok) throw new Error('staff account not created');
  const program = loadProgram(readProgramDir(join(root, 'schemas', BENCH_PROGRAM)));
  const doc = noticeDocument(program, 'publicity-notice');
  if (!doc) throw new Error('no publicity-notice document');
  const example = JSON.parse(readFileSync(join(root, 'examples', 'publicity-notice.json'), 'utf8'));
  const template = example.centers[0];
  const data = {
    ...example,
    year: seeded.year,
    centers: Array.from({ length: entries }, (_, i) => ({
      ...template,
      brand: `第${i + 1}号人工智能应用创新中心`,
      operator: `东莞市第${i + 1}号科技有限公司`,
      town: seeded.towns[i % seeded.towns.length],
    })),
  };
  const title = noticeTitle(doc, seeded.year);
  const draft = await createNotice(db, {
    programId: BENCH_PROGRAM,
    documentId: doc.entry.id,
    year: seeded.year,
    title,
    data,
    summary: {},
    userId: made.value.id,
  });
  const html = renderHtml(program, doc.entry.id, data, { skipValidation: true });
  const published = await publishNotice(db, {
    id: draft.id,
    version: draft.version,
    data,
    html,
    title,
    summary: { ...noticeSummary(doc, seeded.year, data) },
    userId: made.value.id,
  });
  if (!published?.ok) throw new Error('notice not published');
  return draft.id;
}

export interface ConsoleFigures {
  backend: string;
  seedMs: number;
  firstPage: Latency;
  firstPageCold: number;
  filter: Latency;
  filterRows: number;
  exportMs: number;
  exportBytes: number;
  rssBeforeKb: number;
  peakKb: number;
  noticeTtfb: Latency;
  noticeTotal: Latency;
  noticeBytes: number;
}

async function measure(
  backend: string,
  server: ServerProcess,
  seeded: Seeded,
  noticeId: string,
  seedMs: number,
): Promise<ConsoleFigures> {
  const staff: ApiClient = await loginClient(server.url, STAFF.login, STAFF.password);
  try {
    const get = async (path: string) => {
      const r = await staff.request('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path} → ${r.status} ${r.text.slice(0, 200)}`);
      return r;
    };
    const first = `/api/applications?programId=${BENCH_PROGRAM}&sort=updated_at&order=desc&pageSize=50`;
    const t0 = performance.now();
    const cold = await get(first);
    const firstPageCold = performance.now() - t0;
    const total = (cold.json as { total: number }).total;
    if (total !== ROWS) throw new Error(`list total ${total}, expected ${ROWS}`);
    const firstPage = await latency(REPEAT, async () => void (await get(first)));
    const town = seeded.towns[3] as string;
    const state = seeded.states[1] as string;
    const filterPath = `/api/applications?programId=${BENCH_PROGRAM}&town=${town}&state=${state}&q=${encodeURIComponent('智能')}&sort=title&pageSize=50`;
    const filterRows = ((await get(filterPath)).json as { total: number }).total;
    const filter = await latency(REPEAT, async () => void (await get(filterPath)));

    const rssBeforeKb = statusKb(server.pid, 'VmRSS');
    const exp = await timedGet(server.url, `/api/exports/applications.xlsx?programId=${BENCH_PROGRAM}`, {
      cookie: staff.cookieHeader(),
    });
    if (exp.status !== 200) throw new Error(`export → ${exp.status}`);
    const peakKb = statusKb(server.pid, 'VmHWM');

    const page = `/notices/${noticeId}`;
    const accept = { accept: 'text/html' };
    const check = await timedGet(server.url, page, accept);
    if (check.status !== 200) throw new Error(`${page} → ${check.status}`);
    const ttfbs: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const r = await timedGet(server.url, page, accept);
      ttfbs.push(r.ttfb);
      totals.push(r.total);
    }
    ttfbs.sort((a, b) => a - b);
    totals.sort((a, b) => a - b);
    return {
      backend,
      seedMs,
      firstPage,
      firstPageCold,
      filter,
      filterRows,
      exportMs: exp.total,
      exportBytes: exp.bytes,
      rssBeforeKb,
      peakKb,
      noticeTtfb: { p50: quantile(ttfbs, 0.5), p95: quantile(ttfbs, 0.95) },
      noticeTotal: { p50: quantile(totals, 0.5), p95: quantile(totals, 0.95) },
      noticeBytes: check.bytes,
    };
  } finally {
    staff.close();
  }
}

function report(f: ConsoleFigures, log: (s: string) => void): void {
  const lat = (l: Latency) => `p50 ${ms(l.p50)}  p95 ${ms(l.p95)}`;
  log(`  ${f.backend} (seeded ${ROWS.toLocaleString('en-US')} in ${(f.seedMs / 1000).toFixed(1)} s)`);
  log(
    `    first page (50, sorted, with counts): ${lat(f.firstPage)}  (first request ${ms(f.firstPageCold)}; browser target ≤ 1 s to first rows)`,
  );
  log(`    filter 镇街 + state + text (${f.filterRows} rows): ${lat(f.filter)}  (browser target ≤ 100 ms)`);
  log(
    `    Excel export of ${ROWS.toLocaleString('en-US')} rows: ${(f.exportMs / 1000).toFixed(2)} s, ${(f.exportBytes / 1024).toFixed(0)} KB; server RSS ${mb(f.rssBeforeKb)} before, peak ${mb(f.peakKb)}  (target ≤ 5 s in ≤ 200 MB)`,
  );
  log(
    `    公示 page, ${NOTICE_ENTRIES} entries (${(f.noticeBytes / 1024).toFixed(0)} KB): first byte ${lat(f.noticeTtfb)}, whole page ${lat(f.noticeTotal)}`,
  );
}

async function withPglite(root: string, log: (s: string) => void): Promise<ConsoleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-bench-console-'));
  let server: ServerProcess | undefined;
  try {
    const db = await openDatabase({ dataDir: join(dir, 'pglite'), checkpointEveryMs: 0 });
    const t0 = performance.now();
    let seeded: Seeded;
    let noticeId: string;
    try {
      seeded = await seedApplications(db, root, ROWS);
      noticeId = await seedRest(db, root, seeded, NOTICE_ENTRIES);
    } finally {
      await db.close();
    }
    const seedMs = performance.now() - t0;
    server = await startServerProcess({ dataDir: dir, extra: SERVER_ENV });
    const f = await measure('PGlite', server, seeded, noticeId, seedMs);
    report(f, log);
    return f;
  } finally {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres(root: string, log: (s: string) => void): Promise<ConsoleFigures> {
  const pg = await startPostgres({ database: 'shenbao_console_bench' });
  let server: ServerProcess | undefined;
  try {
    const db = await openDatabase({ databaseUrl: pg.url, poolSize: 4 });
    const t0 = performance.now();
    let seeded: Seeded;
    let noticeId: string;
    try {
      seeded = await seedApplications(db, root, ROWS);
      noticeId = await seedRest(db, root, seeded, NOTICE_ENTRIES);
    } finally {
      await db.close();
    }
    const seedMs = performance.now() - t0;
    server = await startServerProcess({ databaseUrl: pg.url, extra: SERVER_ENV });
    const f = await measure('PostgreSQL', server, seeded, noticeId, seedMs);
    report(f, log);
    return f;
  } finally {
    await stopServerProcess(server);
    await pg.stop();
  }
}

export async function benchConsole(root: string, log = console.log): Promise<ConsoleFigures[]> {
  log(
    `Console: ${ROWS.toLocaleString('en-US')} applications seeded into the store, then through the server in its own process (loopback, ${REPEAT} sequential requests per figure)`,
  );
  const out = [await withPglite(root, log), await withPostgres(root, log)];
  log(`  load average: ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  return out;
}

/** Entry point bench/run.ts calls. */
export async function runConsoleBench(root: string): Promise<void> {
  await benchConsole(root);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runConsoleBench(join(import.meta.dirname, '..'));
}
