/**
 * The Fastify application, without listening: tests build it in-process (`app.inject`, or
 * `listen` on port 0), main.ts builds it once and listens. One plugin per concern; the order
 * below is the order requests meet them (errors, validation and the JSON guard first; then
 * session → access → CSRF on every request; then the routes).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '@shenbao/store';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { ServerConfig } from './config';
import renderer from './documents/renderer';
import { loggingNotifier, type Notifier } from './notifier';
import './fastify-types';
import access from './plugins/access';
import applicationRoutes from './plugins/applications';
import attachmentRoutes from './plugins/attachments';
import authRoutes from './plugins/auth';
import banRoutes from './plugins/bans';
import centreRoutes from './plugins/centres';
import compression from './plugins/compression';
import csrf from './plugins/csrf';
import docs from './plugins/docs';
import documentRoutes from './plugins/documents';
import dueRoutes from './plugins/due';
import errors, { clientErrorHandler, frameworkErrors, sendNotFound } from './plugins/errors';
import exportRoutes from './plugins/exports';
import guard from './plugins/guard';
import headers from './plugins/headers';
import healthRoutes from './plugins/health';
import noticeRoutes from './plugins/notices';
import procedureRoutes from './plugins/procedure';
import programRoutes from './plugins/programs';
import reviewRoutes from './plugins/review';
import session from './plugins/session';
import portal from './plugins/static';
import statsRoutes from './plugins/stats';
import submissionRoutes from './plugins/submission';
import targetRoutes from './plugins/targets';
import userRoutes from './plugins/users';
import validation from './plugins/validation';
import type { ProgramRegistry } from './program-registry';

/** JSON bodies up to 5 MiB (an application with a hundred cases is well under 1 MiB). */
export const BODY_LIMIT = 5 * 1024 * 1024;

export interface BuildOptions {
  config: ServerConfig;
  db: Database;
  programs: ProgramRegistry;
  /** A pino logger (main.ts makes one); absent: no logs (tests). */
  logger?: FastifyBaseLogger;
  /** The business clock: call windows, bans and submission times (tests pass a fixed one). */
  now?: () => Date;
  /** Delivery of messages to applicants beyond the portal (default: logged). */
  notifier?: Notifier;
  /** Told of every route as it is added (the access-matrix test lists them this way). */
  onRoute?: (route: RouteOptions) => void;
}

/** Options the attachments and documents plugins receive. */
export interface FeaturePluginOptions {
  config: ServerConfig;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    loggerInstance: opts.logger,
    logger: opts.logger ? undefined : false,
    bodyLimit: BODY_LIMIT,
    // Also enforced by the guard with the path; the parser refuses them first.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: 500 },
  });

  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.decorate('db', opts.db);
  app.decorate('programs', opts.programs);
  app.decorate('config', config);
  app.decorate('now', opts.now ?? (() => new Date()));
  app.decorate('notifier', opts.notifier ?? loggingNotifier(opts.logger));
  app.decorate('closing', { value: false });
  app.addHook('preClose', async () => {
    app.closing.value = true;
  });

  await app.register(errors);
  await app.register(validation);
  await app.register(guard);
  await app.register(headers);
  await app.register(session);
  await app.register(access);
  await app.register(csrf);
  await app.register(docs);
  await app.register(compression);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(programRoutes);
  await app.register(targetRoutes);
  await app.register(applicationRoutes);
  await app.register(submissionRoutes);
  await app.register(reviewRoutes);
  await app.register(procedureRoutes);
  await app.register(banRoutes);
  await app.register(centreRoutes);
  await app.register(dueRoutes);
  await app.register(exportRoutes);
  await app.register(statsRoutes);
  await app.register(attachmentRoutes, { config });
  await app.register(renderer);
  await app.register(documentRoutes, { config });
  await app.register(noticeRoutes);

  if (config.webDist) await app.register(portal, { root: config.webDist });
  else app.setNotFoundHandler(sendNotFound);
  return app;
}
