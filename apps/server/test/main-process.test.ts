/**
 * main.ts as an operator runs it, in a process of its own: demo accounts created and printed,
 * structured logs without cookies or CSRF tokens, SIGTERM → a graceful stop with each step
 * logged and exit code 0; and a refused configuration exits 2 with the reason in Chinese.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo';
import { ApiClient } from './support/http';
import {
  runServerExpectingExit,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'shenbao-main-'));
let server: ServerProcess | undefined;

afterAll(async () => {
  await stopServerProcess(server);
  rmSync(dir, { recursive: true, force: true });
});

describe('main.ts', () => {
  it('starts with demo accounts, logs without secrets, and stops gracefully on SIGTERM', async () => {
    server = await startServerProcess({
      dataDir: join(dir, 'data'),
      extra: { SHENBAO_DEMO: '1', LOG_LEVEL: 'info' },
    });
    const out = server.output();
    expect(out).toContain('演示账号（仅供试用，请勿用于真实数据）');
    for (const login of ['staff', 'reviewer', 'admin', '13800000001'])
      expect(out).toContain(`登录名 ${login}`);

    const staff = await new ApiClient(server.url).anonymous();
    const login = await staff.request('POST', '/api/auth/login', {
      json: { login: 'staff', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ user: { role: 'staff', programs: ['*'] } });
    const applicant = await new ApiClient(server.url).anonymous();
    const a = await applicant.request('POST', '/api/auth/login', {
      json: { login: '13800000001', password: DEMO_PASSWORD },
    });
    expect(a.status).toBe(200);
    // The demo enterprise can start an application of the shipped programme.
    const made = await applicant.request('POST', '/api/applications', {
      json: { programId: 'ai-innovation-center', year: 2026 },
    });
    expect(made.status).toBe(201);
    // 2026's call closed in March; the demo opened the next year's call so a trial can submit.
    const years = await applicant.request('GET', '/api/programs/ai-innovation-center/targets');
    const open = (years.json as { year: number; callWindow: { open: boolean } }[]).filter(
      (y) => y.callWindow.open,
    );
    expect(open.map((y) => y.year)).toEqual([2027]);
    expect(out).toMatch(
      /演示：已发布 ai-innovation-center 的 2027 年度认定要求，申报时间 \S+ 至 \S+（仅供试用）/,
    );
    staff.close();
    applicant.close();

    const session = staff.cookies.get('sb_session') as string;
    const code = await server.kill('SIGTERM');
    const log = server.output();
    expect(code).toBe(0);
    for (const step of [
      'shutting down',
      'stopping: no new connections, finishing requests in flight',
      'requests finished; closing the database',
      'database closed',
    ])
      expect(log).toContain(step);
    // JSON lines with the request id; no session token or CSRF token anywhere.
    expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    expect(log).not.toContain(session);
    expect(log).not.toContain(staff.csrfToken as string);
    expect(log).not.toContain(applicant.csrfToken as string);
  }, 180_000);

  it('refuses demo accounts in production with exit code 2 and the reason in Chinese', async () => {
    const r = await runServerExpectingExit({
      dataDir: join(dir, 'prod'),
      extra: { NODE_ENV: 'production', SHENBAO_DEMO: '1' },
    });
    expect(r.code).toBe(2);
    expect(r.output).toContain(
      '配置错误：生产环境（NODE_ENV=production）不能创建演示账号：请去掉 SHENBAO_DEMO 设置',
    );
  }, 60_000);
});
