/**
 * `pnpm server` / `pnpm start`: the server as an operator runs it. Reads the configuration
 * from the environment (config.ts), starts, prints demo logins when SHENBAO_DEMO is set, and
 * on SIGTERM/SIGINT stops gracefully: no new connections, requests in flight finished, the
 * database checkpointed and closed, exit 0. Importing this file starts the server; tests and
 * the bench use `startServer` from ./server instead.
 */
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`配置错误：${e.message}`);
  process.exit(2);
}

const log = createLogger(config.logLevel);
const server = await startServer(config, { logger: log }).catch((err: unknown) => {
  // A refusal to start (the data folder in use, a broken programme) is said once, plainly.
  log.fatal({ err }, 'server did not start');
  console.error(`服务未能启动：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

log.info({ url: server.url, backend: server.db.backend }, 'listening');
console.log(
  `申报服务已启动：${server.url}（数据库：${server.db.backend === 'pglite' ? '内嵌 PGlite' : 'PostgreSQL'}）`,
);
if (server.demo.length > 0) {
  console.log('演示账号（仅供试用，请勿用于真实数据）：');
  for (const a of server.demo) console.log(`  ${a.name}（${a.role}）  登录名 ${a.login}  密码 ${a.password}`);
}

for (const c of server.demoCalls)
  console.log(
    `演示：已发布 ${c.programId} 的 ${c.year} 年度认定要求，申报时间 ${c.opens} 至 ${c.closes}（仅供试用）`,
  );

closeWithGrace(
  { delay: 10_000, logger: { error: (m: unknown) => log.error(m) } },
  async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await server.close();
    log.info('stopped');
  },
);
