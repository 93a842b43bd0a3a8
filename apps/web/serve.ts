/**
 * `pnpm start`: builds the portal (production build) and serves it on localhost,
 * then prints the address to open. Ctrl+C stops it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from './static-server';

const web = import.meta.dirname;
const dist = join(web, 'dist');
const vite = join(web, 'node_modules', '.bin', 'vite');

console.log('正在构建申报门户（vite build）…');
const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The default programme (shenbao.config.json) and its forms, for the addresses printed below. */
function defaultProgramme(): { id: string; title: string } {
  const root = join(web, '..', '..');
  const config = JSON.parse(readFileSync(join(root, 'shenbao.config.json'), 'utf8')) as {
    defaultProgram: string;
  };
  const manifest = JSON.parse(readFileSync(join(root, config.defaultProgram, 'program.json'), 'utf8')) as {
    id: string;
    title: string;
  };
  return { id: manifest.id, title: manifest.title };
}

const port = Number(process.env.PORT ?? 5173);
try {
  const { url } = await serveStatic(dist, port);
  const p = defaultProgramme();
  console.log(
    `\n申报门户已启动，请在浏览器中打开：\n\n  ${url}            项目列表\n  ${url}#/p/${p.id}/apply   ${p.title}申请（申请人）\n  ${url}#/p/${p.id}/staff/targets   年度认定要求（主管部门）\n\n按 Ctrl+C 停止。`,
  );
} catch (e) {
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`端口 ${port} 已被占用，请用 PORT=其他端口 重新运行`);
    process.exit(1);
  }
  throw e;
}
