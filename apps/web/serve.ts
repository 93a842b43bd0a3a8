/**
 * `pnpm start`: builds the portal (production build) and serves it on localhost,
 * then prints the address to open. Ctrl+C stops it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const web = import.meta.dirname;
const dist = join(web, 'dist');
const vite = join(web, 'node_modules', '.bin', 'vite');

console.log('正在构建申报门户（vite build）…');
const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  let file = join(dist, path);
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory())
    file = join(dist, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});

const port = Number(process.env.PORT ?? 5173);
server.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EADDRINUSE') {
    console.error(`端口 ${port} 已被占用，请用 PORT=其他端口 重新运行`);
    process.exit(1);
  }
  throw e;
});
server.listen(port, '127.0.0.1', () => {
  const url = `http://localhost:${port}/`;
  console.log(
    `\n申报门户已启动，请在浏览器中打开：\n\n  ${url}            项目列表\n  ${url}#/p/ai-innovation-center/apply   东莞市人工智能应用创新中心认定申请（申请人）\n  ${url}#/p/ai-innovation-center/staff/targets   年度认定要求（主管部门）\n\n按 Ctrl+C 停止。`,
  );
});
