/**
 * Server benchmark (`pnpm bench`), all in one run on this machine, the server always in its own
 * process (started as an operator would, `node --import tsx apps/server/src/main.ts`), the load
 * generator here, on loopback:
 * - 50 applicants, each registered through the API and saving its own draft of
 *   examples/application.json in a closed loop (PUT with the version its last save got back),
 *   on PostgreSQL and on PGlite: saves/s, p50/p99;
 * - the floor: a bare `pg` pool of 50 connections doing the same UPDATE of the same JSON at the
 *   same concurrency against the same PostgreSQL (the server stopped meanwhile);
 * - the documents endpoint: 申请书 .docx, 20 concurrent clients, books/s;
 * - a login: median of 20 sequential logins;
 * - the latency at the target rates: saves arriving at 1,000/s (PostgreSQL) and 300/s (PGlite)
 *   in an open loop. In the closed loop of 50 clients latency is set by throughput (Little's law:
 *   mean latency = 50 / saves per second), so that loop alone cannot show both targets.
 *
 * SHENBAO_BENCH_SERVER_SECONDS=N: seconds per measured loop (default 10).
 * SHENBAO_BENCH_PROFILE=<dir>: CPU profiles of the server processes (written when they stop).
 * Run alone: `npx tsx bench/server.bench.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CpuMeter, cpuMeter, type Measured, postmasterOn } from '../apps/server/test/support/cpu';
import {
  type Applicant,
  forwardedFor,
  loginClientTimed,
  registerApplicant,
} from '../apps/server/test/support/http';
import { closedLoop, mapLimit, openLoop, quantile } from '../apps/server/test/support/load';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../apps/server/test/support/server-process';
import { startPostgres } from '../test/support/postgres';

const CLIENTS = 50;
const DOC_CLIENTS = 20;
const LOGINS = 20;
const PROGRAM = 'ai-innovation-center';
/** As behind a proxy on this machine: each simulated applicant has its own address. */
const SERVER_ENV = { TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn' };
/** SHENBAO_BENCH_PROFILE=<dir>: the server processes write V8 CPU profiles there (open in Chrome DevTools). */
const PROFILE_DIR = process.env.SHENBAO_BENCH_PROFILE;
const NODE_ARGS = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
const DOC = 'application-book';
/** The save rates of the targets, offered in an open loop to read the latency at that rate. */
const PG_RATE = 1000;
const PGLITE_RATE = 300;

/** The slice of node-postgres the floor uses. */
interface PgPool {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rowCount: number | null; rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

/**
 * `pg` is the store's dependency; pnpm does not hoist it to the repository root, so the floor
 * loads it through the store's resolution (the very driver the server uses) and types the few
 * calls it makes.
 */
function barePostgres(root: string, url: string, max: number): PgPool {
  const req = createRequire(join(root, 'packages', 'store', 'package.json'));
  const pg = req('pg') as { Pool: new (o: { connectionString: string; max: number }) => PgPool };
  return new pg.Pool({ connectionString: url, max });
}

interface Saver {
  applicant: Applicant;
  id: string;
  version: number;
  n: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The draft a client sends: the example with one field changed per save (so every save has a diff to audit). */
function draftOf(example: Record<string, unknown>, tag: string): Record<string, unknown> {
  const center = example.center as Record<string, unknown>;
  return { ...example, center: { ...center, plan: `${String(center.plan)}（第${tag}次保存）` } };
}

/**
 * The PUT body `{data: draftOf(example, tag), version}` as text, built by splicing the tag and
 * the version into the serialised example: the load generator shares the two cores with the
 * server and the database, so it should not spend them re-serialising 9 KB per request.
 */
function bodyMaker(example: Record<string, unknown>): (tag: string, version: number) => string {
  const [head, rest] = splitAtTag({ data: draftOf(example, TAG), version: 0 });
  const tail = rest.slice(0, rest.lastIndexOf('0}'));
  return (tag, version) => `${head}${tag}${tail}${version}}`;
}

/** The same for the floor's UPDATE: the draft alone, as text. */
function dataMaker(example: Record<string, unknown>): (tag: string) => string {
  const [head, tail] = splitAtTag(draftOf(example, TAG));
  return (tag) => `${head}${tag}${tail}`;
}

const TAG = '\u0000TAG\u0000';

function splitAtTag(value: unknown): [string, string] {
  return JSON.stringify(value).split(JSON.stringify(TAG).slice(1, -1)) as [string, string];
}

async function prepareSavers(url: string, example: Record<string, unknown>, count: number): Promise<Saver[]> {
  // Registration hashes a password (Argon2id): a few at a time, as sign-ups arrive.
  return mapLimit(Array.from({ length: count }), 4, async (_x, i) => {
    // Each applicant from its own address, as real ones are (the server trusts the loopback proxy).
    const applicant = await registerApplicant(url, { headers: forwardedFor(i + 1) });
    const made = await applicant.client.request('POST', '/api/applications', {
      json: { programId: PROGRAM, year: 2026 },
    });
    if (made.status !== 201) throw new Error(`create → ${made.status} ${made.text}`);
    const { id, version } = made.json as { id: string; version: number };
    const saver: Saver = { applicant, id, version, n: 0 };
    const first = await save(saver, bodyMaker(example));
    if (first !== true) throw new Error(first);
    return saver;
  });
}

async function save(s: Saver, body: (tag: string, version: number) => string): Promise<true | string> {
  s.n++;
  const res = await s.applicant.client.request('PUT', `/api/applications/${s.id}`, {
    body: body(String(s.n), s.version),
    headers: { 'content-type': 'application/json' },
  });
  if (res.status !== 200) return `PUT → ${res.status} ${res.text.slice(0, 200)}`;
  s.version = (res.json as { version: number }).version;
  return true;
}

async function saveLoop(
  savers: Saver[],
  example: Record<string, unknown>,
  seconds: number,
  meter: CpuMeter,
): Promise<Measured> {
  const body = bodyMaker(example);
  return meter.result(await closedLoop(savers, (s) => save(s, body), seconds * 1000, 2000, meter.window));
}

/** Saves arriving at `rate` per second (open loop): the latency a target rate gets. */
async function saveAtRate(
  savers: Saver[],
  example: Record<string, unknown>,
  rate: number,
  seconds: number,
  meter: CpuMeter,
): Promise<Measured> {
  const body = bodyMaker(example);
  return meter.result(await openLoop(savers, (s) => save(s, body), rate, seconds * 1000, meter.window));
}

async function documentLoop(savers: Saver[], seconds: number, meter: CpuMeter): Promise<Measured> {
  const clients = savers.slice(0, DOC_CLIENTS);
  const book = async (s: Saver): Promise<true | string> => {
    const res = await s.applicant.client.request(
      'GET',
      `/api/applications/${s.id}/documents/${DOC}?format=docx`,
    );
    if (res.status !== 200) return `GET document → ${res.status} ${res.text.slice(0, 200)}`;
    // A .docx is a zip: PK\x03\x04.
    return res.body.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' ? true : 'not a docx';
  };
  // The render pool starts with the first request (workers, the template compiled in each): not measured.
  for (const outcome of await Promise.all(clients.map(book))) if (outcome !== true) throw new Error(outcome);
  return meter.result(await closedLoop(clients, book, seconds * 1000, 1000, meter.window));
}

/** Median time of `count` sequential logins (the POST only; each tab first gets its anonymous token). */
async function loginMedian(url: string, a: Applicant, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { ms: t, client } = await loginClientTimed(url, a.login, a.password, forwardedFor(1000));
    client.close();
    times.push(t);
  }
  times.sort((x, y) => x - y);
  return quantile(times, 0.5);
}

async function floorLoop(
  url: string,
  savers: Saver[],
  example: Record<string, unknown>,
  seconds: number,
  meter: CpuMeter,
): Promise<Measured> {
  const pool = barePostgres(join(import.meta.dirname, '..'), url, CLIENTS);
  const data = dataMaker(example);
  try {
    const rows = savers.map((s) => ({ id: s.id, version: 0, n: 0 }));
    for (const r of rows) {
      const got = await pool.query('SELECT version FROM applications WHERE id = $1', [r.id]);
      r.version = Number(got.rows[0]?.version);
    }
    const r = await closedLoop(
      rows,
      async (r) => {
        r.n++;
        const json = data(`floor-${r.n}`);
        const res = await pool.query(
          'UPDATE applications SET data = $1::jsonb, version = version + 1 WHERE id = $2 AND version = $3',
          [json, r.id, r.version],
        );
        if (res.rowCount !== 1) return 'UPDATE matched no row';
        r.version++;
        return true;
      },
      seconds * 1000,
      2000,
      meter.window,
    );
    return meter.result(r);
  } finally {
    await pool.end();
  }
}

function closeAll(savers: Saver[]) {
  for (const s of savers) s.applicant.client.close();
}

function rateLine(rate: number, r: Measured, target: string): string {
  const failed = r.failed > 0 ? `  FAILED ${r.failed}: ${r.failures[0]}` : '';
  return `  ${`  at ${fmt(rate)} saves/s offered:`.padEnd(34)}${fmt(r.perSecond).padStart(7)} saves/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  (${target})${failed}`;
}

function line(label: string, r: Measured, unit: string, target: string): string {
  const failed = r.failed > 0 ? `  FAILED ${r.failed}: ${r.failures[0]}` : '';
  const cpu = [
    r.cpu.server !== undefined ? `server ${ms(r.cpu.server)}` : '',
    r.cpu.postgres !== undefined ? `PostgreSQL ${ms(r.cpu.postgres)}` : '',
    `load generator ${ms(r.cpu.generator)}`,
  ].filter(Boolean);
  return [
    `  ${label.padEnd(34)}${fmt(r.perSecond).padStart(7)} ${unit}  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  (${target})${failed}`,
    `  ${''.padEnd(34)}CPU per ${unit.replace('/s', '').replace(/s$/, '')}: ${cpu.join(', ')}`,
  ].join('\n');
}

export interface ServerBenchResult {
  postgres: Measured;
  postgresAtRate: Measured;
  floor: Measured;
  pglite: Measured;
  pgliteAtRate: Measured;
  documents: Measured;
  loginPostgresMs: number;
  loginPgliteMs: number;
}

export async function benchServer(root: string, log = console.log): Promise<ServerBenchResult> {
  const seconds = Number(process.env.SHENBAO_BENCH_SERVER_SECONDS ?? 10);
  const example = JSON.parse(readFileSync(join(root, 'examples', 'application.json'), 'utf8'));
  log(
    `Server: ${CLIENTS} applicants on loopback, each saving its own draft (examples/application.json), ${seconds} s per loop, server in its own process`,
  );

  const pg = await startPostgres({ database: 'shenbao_bench' });
  let server: ServerProcess | undefined;
  let savers: Saver[] = [];
  let postgres: Measured;
  let postgresAtRate: Measured;
  let documents: Measured;
  let floor: Measured;
  let loginPostgresMs: number;
  try {
    server = await startServerProcess({ databaseUrl: pg.url, extra: SERVER_ENV, nodeArgs: NODE_ARGS });
    const postmaster = postmasterOn(pg.port);
    savers = await prepareSavers(server.url, example, CLIENTS);
    postgres = await saveLoop(savers, example, seconds, cpuMeter(server.pid, postmaster));
    log(line('PostgreSQL, through the server:', postgres, 'saves/s', 'target ≥ 1,000 saves/s, p99 ≤ 50 ms'));
    postgresAtRate = await saveAtRate(savers, example, PG_RATE, seconds, cpuMeter(server.pid, postmaster));
    log(rateLine(PG_RATE, postgresAtRate, 'target p99 ≤ 50 ms'));
    documents = await documentLoop(savers, seconds, cpuMeter(server.pid, postmaster));
    loginPostgresMs = await loginMedian(server.url, savers[0]!.applicant, LOGINS);
    await stopServerProcess(server);
    server = undefined;
    floor = await floorLoop(pg.url, savers, example, seconds, cpuMeter(undefined, postmaster));
    log(line('bare pg pool (50), same UPDATE:', floor, 'saves/s', 'the floor'));
    log(
      `  ratio server/floor:               ${(postgres.perSecond / floor.perSecond).toFixed(2)}  (target ≥ 0.5)`,
    );
  } finally {
    closeAll(savers);
    await stopServerProcess(server);
    await pg.stop();
  }

  const dir = mkdtempSync(join(tmpdir(), 'shenbao-bench-pglite-'));
  let pglite: Measured;
  let pgliteAtRate: Measured;
  let loginPgliteMs: number;
  savers = [];
  try {
    server = await startServerProcess({ dataDir: dir, extra: SERVER_ENV, nodeArgs: NODE_ARGS });
    savers = await prepareSavers(server.url, example, CLIENTS);
    pglite = await saveLoop(savers, example, seconds, cpuMeter(server.pid, undefined));
    log(line('PGlite, through the server:', pglite, 'saves/s', 'target ≥ 300 saves/s, p99 ≤ 100 ms'));
    pgliteAtRate = await saveAtRate(savers, example, PGLITE_RATE, seconds, cpuMeter(server.pid, undefined));
    log(rateLine(PGLITE_RATE, pgliteAtRate, 'target p99 ≤ 100 ms'));
    loginPgliteMs = await loginMedian(server.url, savers[0]!.applicant, LOGINS);
  } finally {
    closeAll(savers);
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
  log(
    line(`documents, ${DOC_CLIENTS} concurrent (PostgreSQL):`, documents, 'books/s', 'target ≥ 100 books/s'),
  );
  log(
    `  login, median of ${LOGINS} sequential:     ${ms(loginPostgresMs)} PostgreSQL, ${ms(loginPgliteMs)} PGlite  (target ≤ 150 ms)`,
  );
  log(`  load average:                     ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  return { postgres, postgresAtRate, floor, pglite, pgliteAtRate, documents, loginPostgresMs, loginPgliteMs };
}

/** Entry point bench/run.ts calls. */
export async function runServerBench(root: string): Promise<void> {
  await benchServer(root);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runServerBench(join(import.meta.dirname, '..'));
}
