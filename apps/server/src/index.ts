// The server's public surface for tests, the bench and tools.
export { BODY_LIMIT, type BuildOptions, buildApp, type FeaturePluginOptions } from './app';
export { ConfigError, type Env, type LoginPolicy, loadConfig, REPO_ROOT, type ServerConfig } from './config';
export { DEMO_PASSWORD, type DemoAccount, demoUscc, ensureDemoAccounts } from './demo';
export type { RequestSession, RouteAccess } from './fastify-types';
export { HttpError } from './http-error';
export { createLogger } from './logger';
export { type LoadedProgram, loadPrograms, type ProgramRegistry } from './program-registry';
export { seedTargets } from './seed';
export { type RunningServer, type StartOptions, startServer } from './server';
