/**
 * What the server adds to Fastify's types: the decorators every plugin reads (database,
 * programmes, configuration, clock) and the per-request session. One declaration for all.
 */
import type { Database, Role, Session, User } from '@shenbao/store';
import type { ServerConfig } from './config';
import type { Notifier } from './notifier';
import type { ProgramRegistry } from './program-registry';
import type { SessionCache } from './session-cache';

/**
 * Who may call a route: `'anyone'`, any signed-in `'session'`, or a list of roles.
 * Routes without it under /api/ count as `'session'` (see plugins/access.ts).
 */
export type RouteAccess = 'anyone' | 'session' | readonly Role[];

export interface RequestSession extends Session {
  /** The cookie's token (the database keeps only its hash); needed to log out. */
  token: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    programs: ProgramRegistry;
    config: ServerConfig;
    /** The business clock (call windows, bans, submission time); injectable for tests. */
    now: () => Date;
    /** Sessions remembered between requests (embedded database only); forget what you end. */
    sessions: SessionCache;
    /** Delivers messages to applicants after their transaction commits (default: logs them). */
    notifier: Notifier;
    /** True from the moment a graceful shutdown starts: /healthz answers 503. */
    closing: { value: boolean };
  }
  interface FastifyRequest {
    user: User | undefined;
    session: RequestSession | undefined;
  }
  interface FastifyContextConfig {
    roles?: RouteAccess;
  }
}
