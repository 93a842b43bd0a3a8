/**
 * The server as an operator runs it: a separate Node process (`node --import tsx
 * apps/server/src/main.ts`, one process, so its PID is the server's own and SIGKILL really kills
 * it), configured by environment variables, on a free 127.0.0.1 port. Used by the durability,
 * cluster and bad-input tests and by the server bench.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { send } from './http';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/** A port nobody listens on right now (the OS picks it; we close and hand it on). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** Sends a signal and waits for the exit; resolves with the exit code or signal name. */
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface ServerEnv {
  /** PGlite data folder (SHENBAO_DATA_DIR); ignored by the server when DATABASE_URL is set. */
  dataDir?: string;
  databaseUrl?: string;
  secret?: string;
  /** Extra variables (LOG_LEVEL, TRUST_PROXY, …). */
  extra?: Record<string, string>;
  /** Extra Node options before the script (e.g. `--cpu-prof` to see where a server's time goes). */
  nodeArgs?: string[];
}

/** Test servers share one fixed secret unless told otherwise (two processes must agree on it). */
export const TEST_SECRET = 'shenbao-test-secret-0123456789-abcdefghijklmnop';

function envFor(port: number, e: ServerEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parent's configuration must not leak into the child (a developer's DATABASE_URL).
  for (const k of ['DATABASE_URL', 'SHENBAO_DATA_DIR', 'SHENBAO_DEMO', 'SHENBAO_SECRET', 'PORT', 'HOST'])
    delete env[k];
  Object.assign(env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    SHENBAO_SECRET: e.secret ?? TEST_SECRET,
    LOG_LEVEL: 'warn',
    ...(e.dataDir ? { SHENBAO_DATA_DIR: e.dataDir } : {}),
    ...(e.databaseUrl ? { DATABASE_URL: e.databaseUrl } : {}),
    ...e.extra,
  });
  return env;
}

function spawnMain(
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join('apps', 'server', 'src', 'main.ts')],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  // Keep the tail only: a long run logs a lot, and only the end tells why a process stopped.
  const keep = (c: Buffer) => {
    out = (out + c.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Should the test process end without its afterAll (a crash), its servers end with it.
  const orphan = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', orphan);
  child.once('exit', () => process.removeListener('exit', orphan));
  return { child, output: () => out };
}

function exitOf(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}

/**
 * Starts a server process and waits until `/healthz` answers 200. Fails with the process's own
 * output when it exits first or does not come up in time.
 */
export async function startServerProcess(
  e: ServerEnv = {},
  o: { port?: number; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = o.port ?? (await freePort());
  const timeoutMs = o.timeoutMs ?? 90_000;
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = spawnMain(envFor(port, e), e.nodeArgs);
  const exited = exitOf(child);
  let gone: number | string | undefined;
  void exited.then((c) => {
    gone = c;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone !== undefined) throw new Error(`server exited (${gone}) before it was ready:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in ${timeoutMs} ms:\n${output()}`);
    }
    const ok = await send(url, { method: 'GET', path: '/healthz', timeoutMs: 2000 }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid as number,
    child,
    output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid as number, signal);
      return exited;
    },
  };
}

/**
 * Starts a server process that is expected to refuse to start; resolves with its exit code and
 * output, or rejects (after killing it) when it comes up instead.
 */
export async function runServerExpectingExit(
  e: ServerEnv = {},
  timeoutMs = 60_000,
): Promise<{ code: number | string; output: string }> {
  const port = await freePort();
  const { child, output } = spawnMain(envFor(port, e), e.nodeArgs);
  const exited = exitOf(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(r, 200))]);
    if (code !== undefined) return { code, output: output() };
    const up = await send(url, { method: 'GET', path: '/healthz', timeoutMs: 1000 }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up || Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(
        `server ${up ? 'started' : 'neither started nor exited'} instead of refusing:\n${output()}`,
      );
    }
  }
}

/** Stops a server started by a test: SIGTERM (graceful), SIGKILL when it does not go in time. */
export async function stopServerProcess(s: ServerProcess | undefined, graceMs = 15_000): Promise<void> {
  if (!s?.alive()) return;
  const done = s.kill('SIGTERM');
  const t = setTimeout(() => {
    if (s.alive()) process.kill(s.pid, 'SIGKILL');
  }, graceMs);
  await done;
  clearTimeout(t);
}
