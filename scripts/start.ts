/**
 * `pnpm start`, the main job: builds the portal (production build), then starts the server
 * (API + portal on one port) on the embedded database in `.shenbao-data/`, with demo accounts
 * unless NODE_ENV=production. Ctrl+C (or SIGTERM) stops it gracefully.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const web = join(root, 'apps', 'web');

console.log('正在构建申报门户（vite build）…');
const build = spawnSync(join(web, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
  // No benchmark fixtures in the build people use.
  env: { ...process.env, NODE_ENV: 'production', VITE_SHENBAO_FIXTURES: '' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

process.env.SHENBAO_WEB_DIST ??= join(web, 'dist');
if (process.env.NODE_ENV !== 'production') process.env.SHENBAO_DEMO ??= '1';
await import('../apps/server/src/main');
