/**
 * `pnpm start`: builds the portal (production build into apps/web/dist), then starts the server
 * (apps/server/src/main.ts), which serves the portal and the API on one port and prints its
 * address (and the demo logins with SHENBAO_DEMO=1). Configuration: the server's environment
 * variables (PORT, SHENBAO_DATA_DIR, …; see apps/server/src/config.ts). Ctrl+C stops it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const web = import.meta.dirname;
const vite = join(web, 'node_modules', '.bin', 'vite');

console.log('正在构建申报门户（vite build）…');
const build = spawnSync(vite, ['build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', VITE_SHENBAO_FIXTURES: '' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

// The server finds apps/web/dist by itself (SHENBAO_WEB_DIST overrides it).
await import('../server/src/main');
