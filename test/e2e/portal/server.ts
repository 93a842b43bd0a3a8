import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../../apps/server/src/config';
import type { DemoAccount } from '../../../apps/server/src/demo';
import { type RunningServer, startServer } from '../../../apps/server/src/server';
import { launchChromium } from '../../support/chromium';
import { ROOT } from '../../support/programs';

export const WEB = join(ROOT, 'apps', 'web');
export const DIST = join(WEB, 'dist');

/**
 * The business clock of the test servers: inside the 2026 call window (schemas/…/targets/2026.json,
 * 2026-03-12 to 2026-03-20 17:30 Beijing time), so submissions are judged as on that day.
 */
export const CALL_DAY = new Date('2026-03-16T10:00:00+08:00');

export interface BuildOptions {
  /** Carry the benchmark's example data behind `?fixture=bench` (VITE_SHENBAO_FIXTURES=1). */
  fixtures?: boolean;
}

/**
 * Builds the portal once (production build, as users get it), into apps/web/dist or, so that
 * test files running side by side do not empty each other's build, into a folder of its own.
 */
export function buildPortal(outDir = DIST, opts: BuildOptions = {}): void {
  const vite = join(WEB, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: WEB,
    encoding: 'utf8',
    // vitest sets NODE_ENV=test, which would give React's development build.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      VITE_SHENBAO_FIXTURES: opts.fixtures ? '1' : '',
    },
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** What a portal build is made of: its hash says whether a build is still current. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort())
        if (name !== 'node_modules' && name !== 'dist') walk(join(path, name));
    } else hash.update(path).update(readFileSync(path));
  };
  for (const part of [
    'apps/web/src',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'packages/forms/src',
    'packages/core/src',
    'examples',
  ])
    walk(join(ROOT, part));
  return hash.digest('hex');
}

/** Whether the process that took a lock (its PID in `<lock>/pid`) is still running. */
function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    // Just made (its PID not yet written: its maker is running), or already gone.
    return existsSync(lock);
  }
  if (!Number.isInteger(pid) || pid <= 0) return existsSync(lock);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Resolves when `path` is gone (the builder removed its lock), told by the file system rather
 * than by polling or by a time limit.
 */
function removed(path: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(path));
    const done = (): void => {
      watcher.close();
      resolve();
    };
    watcher.on('change', () => {
      if (!existsSync(path)) done();
    });
    watcher.on('error', done);
    if (!existsSync(path)) done();
  });
}

/** The build the browser tests share (with the benchmark fixture): one build per change of the sources. */
export const SHARED_DIST = join(ROOT, '.tmp', 'e2e-portal-dist');

/**
 * Builds the portal into SHARED_DIST unless the build there is of the current sources. Test files
 * run side by side: the first takes the lock (a folder made atomically) and builds, the others
 * wait for its stamp. A lock whose builder process is gone (a killed run) is taken over.
 */
export async function sharedBuild(): Promise<string> {
  const stamp = join(SHARED_DIST, '.sources');
  const lock = `${SHARED_DIST}.lock`;
  const want = sourceHash();
  for (;;) {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return SHARED_DIST;
    try {
      mkdirSync(join(ROOT, '.tmp'), { recursive: true });
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
    } catch {
      // A lock whose builder is gone (a killed run) is taken over; a live builder is waited for.
      if (existsSync(lock) && !holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else await removed(lock);
      continue;
    }
    try {
      if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
        rmSync(stamp, { force: true });
        buildPortal(SHARED_DIST, { fixtures: true });
        writeFileSync(stamp, want);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface Portal {
  /** The portal's address, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  browser: Browser;
  server: RunningServer;
  /** The demo accounts the server created (applicant, staff, reviewer, admin). */
  demo: DemoAccount[];
  /** The server's business clock: move `at` to let time pass (deadlines fall due, a new year begins). */
  clock: { at: Date };
  close(): Promise<void>;
}

/**
 * A test file's own portal: the shared production build (with the benchmark fixture), served with
 * the API by a real server of its own (apps/server, in this process) on a free localhost port with
 * an embedded database in a temporary folder, the demo accounts, the repository's programmes plus
 * the test programmes of test/fixtures/programs, the clock on a day of the 2026 call — and Chromium.
 */
export async function startPortal(
  opts: {
    now?: Date;
    schedulerMs?: number;
    /** SHENBAO_PROGRAMS instead of the repository's and the test programmes: folders given at run time. */
    programs?: string[];
  } = {},
): Promise<Portal> {
  const outDir = await sharedBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'shenbao-e2e-data-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      SHENBAO_DATA_DIR: dataDir,
      SHENBAO_PROGRAMS: (opts.programs ?? [ROOT, join(ROOT, 'test', 'fixtures', 'programs')]).join(','),
      SHENBAO_WEB_DIST: outDir,
      SHENBAO_DEMO: '1',
      LOG_LEVEL: 'silent',
      ...(opts.schedulerMs === undefined ? {} : { SHENBAO_SCHEDULER_MS: String(opts.schedulerMs) }),
    },
    ROOT,
  );
  const clock = { at: opts.now ?? CALL_DAY };
  const server = await startServer(config, { now: () => new Date(clock.at) });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    url: `${server.url}/`,
    browser,
    server,
    demo: server.demo,
    clock,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo account of a role. */
export function demoAccount(portal: Portal, role: DemoAccount['role']): DemoAccount {
  const a = portal.demo.find((d) => d.role === role);
  if (!a) throw new Error(`the server made no demo ${role}`);
  return a;
}

/** Logs in on the login page as a person does; back on `next` (a hash route) afterwards. */
export async function loginWith(page: Page, portal: Portal, login: string, password: string, next = '#/') {
  await page.goto(`${portal.url}#/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-account').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  await page.getByTestId('who').waitFor();
}

/** Logs in as the server's demo applicant, staff member, reviewer or administrator. */
export function loginAs(page: Page, portal: Portal, role: DemoAccount['role'], next = '#/'): Promise<void> {
  const a = demoAccount(portal, role);
  return loginWith(page, portal, a.login, a.password, next);
}

export interface Enterprise {
  uscc: string;
  orgName: string;
  contact: string;
  mobile: string;
  password: string;
}

/** Registers an enterprise on the register page as its first user does; logged in afterwards. */
export async function registerEnterprise(page: Page, portal: Portal, e: Enterprise, next = '#/mine') {
  await page.goto(`${portal.url}#/register?next=${encodeURIComponent(next)}`);
  const field = (name: string) => page.locator(`[data-field="${name}"]`);
  await field('uscc').fill(e.uscc);
  await field('orgName').fill(e.orgName);
  await field('contact').fill(e.contact);
  await field('mobile').fill(e.mobile);
  await field('password').fill(e.password);
  await field('confirm').fill(e.password);
  await page.getByRole('button', { name: '注册并登录' }).click();
  await page.waitForURL((u) => !u.hash.startsWith('#/register'));
  await page.getByTestId('who').waitFor();
}
