/**
 * A whole server from a configuration: opens the store (PGlite or PostgreSQL), loads the
 * programmes, seeds the shipped targets, creates demo accounts when asked, builds the app,
 * listens and starts the deadline scheduler (SHENBAO_SCHEDULER_MS). `close()` stops accepting connections, lets requests in flight finish, then closes
 * the store (a PGlite checkpoint and the release of its folder lock). Used by main.ts, tests
 * and the bench.
 */

import {
  type Database,
  deleteExpiredSessions,
  openDatabase,
  pruneCounters,
  storeOptionsFromEnv,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import { type DemoAccount, type DemoCall, ensureDemoAccounts, ensureDemoCalls } from './demo';
import { createLogger } from './logger';
import { loadPrograms } from './program-registry';
import { startScheduler } from './scheduler';
import { seedTargets } from './seed';

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  db: Database;
  /** Demo accounts created or confirmed at start (empty unless SHENBAO_DEMO). */
  demo: DemoAccount[];
  /** Years a demo published with a call open now (SHENBAO_DEMO only). */
  demoCalls: DemoCall[];
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

/** Expired sessions and old rate-limit windows are removed this often (any process may do it). */
const HOUSEKEEPING_MS = 10 * 60_000;

export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const programs = loadPrograms(config.programDirs);
  log.info({ programs: [...programs.keys()] }, 'programmes loaded');

  const db = await openDatabase(storeOptionsFromEnv(config.env, config.repoRoot));
  log.info({ backend: db.backend }, 'database open');
  let app: FastifyInstance | undefined;
  try {
    const seeded = await seedTargets(db, programs);
    if (seeded.length > 0) log.info({ seeded }, 'published targets seeded from programme files');
    const demo = config.demo ? await ensureDemoAccounts(db) : [];
    const demoCalls = config.demo
      ? await ensureDemoCalls(db, programs, (opts.now ?? (() => new Date()))())
      : [];
    if (demoCalls.length > 0) log.info({ demoCalls }, 'demo: a call opened for a trial');
    app = await buildApp({ config, db, programs, logger: log, now: opts.now });
    const url = await app.listen({ port: config.port, host: config.host });

    const housekeeping = setInterval(() => {
      Promise.all([deleteExpiredSessions(db), pruneCounters(db, 60 * 60_000)]).catch((err: unknown) =>
        log.warn({ err }, 'housekeeping failed'),
      );
    }, HOUSEKEEPING_MS);
    housekeeping.unref();
    // Deadlines due (also those that passed while the server was stopped): at start, then periodically.
    const stopScheduler = config.schedulerMs > 0 ? startScheduler(app, config.schedulerMs) : async () => {};

    const running = app;
    let closing: Promise<void> | undefined;
    return {
      url,
      app: running,
      db,
      demo,
      demoCalls,
      close() {
        closing ??= (async () => {
          clearInterval(housekeeping);
          await stopScheduler();
          // /healthz answers 503 from here on, so a load balancer stops sending requests.
          running.closing.value = true;
          log.info('stopping: no new connections, finishing requests in flight');
          await running.close();
          log.info('requests finished; closing the database');
          await db.close();
          log.info('database closed');
        })();
        return closing;
      },
    };
  } catch (e) {
    await app?.close();
    await db.close();
    throw e;
  }
}
