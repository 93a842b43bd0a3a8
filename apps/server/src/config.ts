/**
 * The server's configuration, read once from the environment into one object that is passed
 * to every plugin (plugins read nothing from `process.env` themselves).
 *
 * | variable             | default                               | meaning |
 * | -------------------- | ------------------------------------- | ------- |
 * | `PORT`               | `5173`                                | TCP port to listen on |
 * | `HOST`               | `127.0.0.1`                           | address to listen on (`0.0.0.0` behind a proxy in a container) |
 * | `DATABASE_URL`       | —                                     | PostgreSQL connection string; absent: embedded PGlite in the data folder (one process only) |
 * | `SHENBAO_DATA_DIR`   | `<repo>/.shenbao-data`                | data folder: PGlite database (`pglite/`), attachments (`files/`), generated secret |
 * | `SHENBAO_PROGRAMS`   | the repository root                   | comma-separated programme folders (`…/schemas/<id>`) or roots holding `schemas/<id>` |
 * | `SHENBAO_SECRET`     | generated once into the data folder   | ≥ 32 characters; signs the anonymous CSRF token; required when `NODE_ENV=production` and shared by every process behind one load balancer |
 * | `SHENBAO_WEB_DIST`   | `apps/web/dist` when it exists        | portal build served at `/` |
 * | `SHENBAO_DEMO`       | off                                   | `1`: create demo accounts at start and print them; refused when `NODE_ENV=production` |
 * | `TRUST_PROXY`        | off                                   | `true`, a hop count, or comma-separated proxy addresses/CIDRs whose `X-Forwarded-*` headers are believed |
 * | `LOG_LEVEL`          | `info`                                | pino level (`fatal` … `trace`, `silent`) |
 * | `SESSION_TTL_HOURS`  | `8`                                   | idle expiry of a session |
 * | `SHENBAO_SCHEDULER_MS` | `60000`                             | how often due deadlines (公示期满 …) are acted on; also once at start; `0`: never (another process does it) |
 * | `NODE_ENV`           | —                                     | `production`: Secure cookies, secret required, no demo accounts |
 * | `SHENBAO_STORAGE`, `S3_*` | `local`                          | attachment storage, read by the attachments plugin (see src/blob/index.ts) |
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findProgramDirs } from '@shenbao/core/node';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoginPolicy {
  /** Failed passwords in a row before an account is locked. */
  maxFailures: number;
  lockMinutes: number;
  /** Login (and registration) attempts one address may make per minute. */
  perAddressPerMinute: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Programme schema folders (`…/schemas/<id>`), resolved from SHENBAO_PROGRAMS. */
  programDirs: string[];
  secret: string;
  webDist: string | undefined;
  demo: boolean;
  production: boolean;
  /** As Fastify takes it: all, none, addresses/CIDRs, or a hop test for a count of proxies. */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  logLevel: string;
  sessionTtlMs: number;
  /** Milliseconds between runs of the deadline scheduler; 0: this process runs none. */
  schedulerMs: number;
  login: LoginPolicy;
  repoRoot: string;
  /** The environment the config was read from, for plugins with their own settings (storage). */
  env: Env;
}

/** A setting that cannot be used: the message names the variable, in Chinese. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} 的值“${raw}”无效：应为 ${min} 至 ${max} 之间的整数`);
  return n;
}

function trustProxy(raw: string | undefined): ServerConfig['trustProxy'] {
  const v = raw?.trim();
  if (!v || /^(0|false|no|off)$/i.test(v)) return false;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) {
    // The n nearest hops are our proxies (what proxy-addr means by a number).
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The secret from SHENBAO_SECRET, or (outside production) one generated on first start and
 * kept in the data folder, so anonymous CSRF tokens survive a restart.
 */
function secretFrom(env: Env, dataDir: string, production: boolean): string {
  const given = env.SHENBAO_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('SHENBAO_SECRET 太短：至少需要 32 个字符');
    return given;
  }
  if (production)
    throw new ConfigError(
      '生产环境（NODE_ENV=production）必须设置 SHENBAO_SECRET（至少 32 个字符，多个服务进程须相同）',
    );
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(32).toString('base64url');
  writeFileSync(file, `${fresh}\n`, { mode: 0o600 });
  return fresh;
}

/** Reads the configuration; throws `ConfigError` with a Chinese message on a wrong value. */
export function loadConfig(env: Env = process.env, repoRoot: string = REPO_ROOT): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.SHENBAO_DATA_DIR?.trim() || join(repoRoot, '.shenbao-data'));
  const demo = truthy(env.SHENBAO_DEMO);
  if (demo && production)
    throw new ConfigError('生产环境（NODE_ENV=production）不能创建演示账号：请去掉 SHENBAO_DEMO 设置');

  const programEntries = (env.SHENBAO_PROGRAMS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const programDirs = findProgramDirs(programEntries.length > 0 ? programEntries : [repoRoot]);
  if (programEntries.length > 0 && programDirs.length === 0)
    throw new ConfigError(
      `SHENBAO_PROGRAMS（${programEntries.join(', ')}）中没有找到项目：应为含 program.json 的目录，或含 schemas/<项目> 的根目录`,
    );

  const webDefault = join(repoRoot, 'apps', 'web', 'dist');
  const webGiven = env.SHENBAO_WEB_DIST?.trim();
  const webDist = webGiven
    ? resolve(webGiven)
    : existsSync(join(webDefault, 'index.html'))
      ? webDefault
      : undefined;
  if (webDist !== undefined && !existsSync(join(webDist, 'index.html')))
    throw new ConfigError(`SHENBAO_WEB_DIST（${webDist}）中没有 index.html：请先构建门户（vite build）`);

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.has(logLevel))
    throw new ConfigError(`LOG_LEVEL 的值“${logLevel}”无效：应为 ${[...LOG_LEVELS].join('、')} 之一`);

  return {
    port: integer(env, 'PORT', 5173, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir,
    programDirs,
    secret: secretFrom(env, dataDir, production),
    webDist,
    demo,
    production,
    trustProxy: trustProxy(env.TRUST_PROXY),
    logLevel,
    sessionTtlMs: integer(env, 'SESSION_TTL_HOURS', 8, 1, 24 * 30) * 3_600_000,
    schedulerMs: integer(env, 'SHENBAO_SCHEDULER_MS', 60_000, 0, 24 * 3_600_000),
    login: { maxFailures: 5, lockMinutes: 15, perAddressPerMinute: 20 },
    repoRoot,
    env,
  };
}
