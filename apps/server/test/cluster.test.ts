/**
 * Two server processes on one PostgreSQL (same DATABASE_URL, same SHENBAO_SECRET), as behind a
 * load balancer: a session opened on one is valid on the other; the login limits (the account
 * lock and the per-address limit) count the attempts made on both together, reaching their
 * refusal at the same attempt as on one process; a save on one is seen on the other, and a
 * stale write on the other gets 409 with the current record.
 *
 * The servers trust X-Forwarded-For from 127.0.0.1 (as behind a proxy), so each phase of the
 * test comes from its own address and starts from a fresh per-address count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPostgres, startPostgres } from '../../../test/support/postgres';
import { ApiClient, forwardedFor, type HttpResponse, registerApplicant } from './support/http';
import { type ServerProcess, startServerProcess, stopServerProcess } from './support/server-process';

const PROGRAM = 'ai-innovation-center';

let pg: RunningPostgres;
let dir: string;
let a: ServerProcess;
let b: ServerProcess;
let address = 100;

beforeAll(async () => {
  pg = await startPostgres({ database: 'shenbao_cluster' });
  dir = mkdtempSync(join(tmpdir(), 'shenbao-cluster-'));
  const env = (n: string) => ({
    databaseUrl: pg.url,
    dataDir: join(dir, n),
    extra: { TRUST_PROXY: '127.0.0.1' },
  });
  // One after the other: both would migrate the same empty database at once otherwise (the
  // migration lock is tested by the store; here the point is two live processes).
  a = await startServerProcess(env('a'));
  b = await startServerProcess(env('b'));
}, 180_000);

afterAll(async () => {
  await stopServerProcess(a);
  await stopServerProcess(b);
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A tab on `server` that comes from its own address. */
async function tab(server: ServerProcess, ip: number): Promise<ApiClient> {
  return new ApiClient(server.url, { headers: forwardedFor(ip) }).anonymous();
}

/** The same browser (cookie, CSRF token, address) pointed at the other process. */
function onOther(client: ApiClient, server: ServerProcess): ApiClient {
  const moved = new ApiClient(server.url, { headers: client.defaultHeaders });
  for (const [k, v] of client.cookies) moved.cookies.set(k, v);
  moved.csrfToken = client.csrfToken;
  return moved;
}

/** Failed logins for `login`, alternating over `servers`, until one is not 401; returns each status. */
async function failUntilRefused(
  servers: ServerProcess[],
  login: string,
  ip: number,
  max = 30,
): Promise<number[]> {
  const tabs = await Promise.all(servers.map((s) => tab(s, ip)));
  const statuses: number[] = [];
  for (let i = 0; i < max; i++) {
    const t = tabs[i % tabs.length] as ApiClient;
    const res = await t.request('POST', '/api/auth/login', { json: { login, password: 'Wrong-passw0rd' } });
    statuses.push(res.status);
    if (res.status !== 401) break;
  }
  for (const t of tabs) t.close();
  return statuses;
}

describe('two server processes on one PostgreSQL', () => {
  it('a session opened on one is valid on the other', async () => {
    const applicant = await registerApplicant(a.url, { headers: forwardedFor(address++) });
    const meA = await applicant.client.request('GET', '/api/auth/me');
    expect(meA.status).toBe(200);
    const other = onOther(applicant.client, b);
    const meB = await other.request('GET', '/api/auth/me');
    expect(meB.status, meB.text).toBe(200);
    expect(meB.json).toEqual(meA.json);

    // And the other way: a login on B, used on A.
    const t = await tab(b, address++);
    const login = await t.request('POST', '/api/auth/login', {
      json: { login: applicant.login, password: applicant.password },
    });
    expect(login.status, login.text).toBe(200);
    const onA = onOther(t, a);
    const me = await onA.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect((me.json as { user: { login: string } }).user.login).toBe(applicant.login);
    // B has used the session (and remembers it); a logout on A ends it on B too: the store
    // announces the ended session at commit and B forgets it (within milliseconds; waited for).
    expect((await t.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await onA.request('POST', '/api/auth/logout')).status).toBe(204);
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) status = (await t.request('GET', '/api/auth/me')).status;
    expect(status).toBe(401);
    for (const c of [applicant.client, other, t, onA]) c.close();
  });

  it('an account is locked at the same failed attempt whether the attempts go to one process or alternate', async () => {
    const one = await registerApplicant(a.url, { headers: forwardedFor(address++) });
    const two = await registerApplicant(a.url, { headers: forwardedFor(address++) });
    const single = await failUntilRefused([a], one.login, address++);
    const alternating = await failUntilRefused([a, b], two.login, address++);
    expect(single.at(-1)).toBe(423);
    expect(alternating).toEqual(single);
    // The lock holds on both processes, for the right password too.
    for (const s of [a, b]) {
      const t = await tab(s, address++);
      const res = await t.request('POST', '/api/auth/login', {
        json: { login: two.login, password: two.password },
      });
      expect(res.status).toBe(423);
      expect((res.json as { message: string }).message).toMatch(/^账号已锁定，请于\d{2}:\d{2}后重试$/);
      t.close();
    }
    one.client.close();
    two.client.close();
  });

  it('the per-address login limit counts the attempts on both processes together', async () => {
    // Unknown logins: no account lock interferes, only the address's count.
    const count = async (servers: ServerProcess[], ip: number): Promise<number[]> => {
      const tabs = await Promise.all(servers.map((s) => tab(s, ip)));
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res: HttpResponse = await (tabs[i % tabs.length] as ApiClient).request(
          'POST',
          '/api/auth/login',
          {
            json: { login: `nobody-${ip}-${i}`, password: 'Wrong-passw0rd' },
          },
        );
        statuses.push(res.status);
        if (res.status === 429) {
          expect((res.json as { message: string }).message).toBe('尝试过于频繁，请稍后再试');
          break;
        }
      }
      for (const t of tabs) t.close();
      return statuses;
    };
    const single = await count([a], address++);
    const alternating = await count([a, b], address++);
    expect(single.at(-1)).toBe(429);
    expect(alternating).toEqual(single);
  }, 120_000);

  it('a save on one is seen on the other, and a stale write on the other gets 409 with the current record', async () => {
    const applicant = await registerApplicant(a.url, { headers: forwardedFor(address++) });
    const onA = applicant.client;
    const onB = onOther(onA, b);
    const made = await onA.request('POST', '/api/applications', { json: { programId: PROGRAM, year: 2026 } });
    expect(made.status).toBe(201);
    const { id, version } = made.json as { id: string; version: number };

    const saved = await onA.request('PUT', `/api/applications/${id}`, {
      json: { data: { center: { name: '在甲进程保存' } }, version },
    });
    expect(saved.status).toBe(200);
    const v2 = (saved.json as { version: number }).version;

    const seen = await onB.request('GET', `/api/applications/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.json).toMatchObject({ version: v2, data: { center: { name: '在甲进程保存' } } });

    const stale = await onB.request('PUT', `/api/applications/${id}`, {
      json: { data: { center: { name: '在乙进程基于旧版本保存' } }, version },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({
      code: 'STALE',
      current: { version: v2, data: { center: { name: '在甲进程保存' } } },
    });
    onA.close();
    onB.close();
  });
});
