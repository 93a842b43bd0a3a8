/**
 * The server in-process for API tests: a real store (PGlite in a temp folder, or a PostgreSQL
 * the test starts), the repository's programmes with their targets seeded, a settable clock,
 * and clients that talk to the app through `app.inject` with their own cookies, CSRF token and
 * address (so the per-address login limit of one test does not spill into another).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, type Database, openDatabase, type Role } from '@shenbao/store';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { startPostgres } from '../../../../test/support/postgres';
import { buildApp } from '../../src/app';
import { loadConfig, type ServerConfig } from '../../src/config';
import { loadPrograms, type ProgramRegistry } from '../../src/program-registry';
import { seedTargets } from '../../src/seed';
import { freshMobile, freshUscc } from './http';

export const PROGRAM = 'ai-innovation-center';
export const PASSWORD = 'Passw0rd-Test';
/** Inside the 2026 call window of the shipped targets (2026-03-12 to 2026-03-20 17:30, Beijing). */
export const IN_WINDOW = new Date('2026-03-16T10:00:00+08:00');

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: replies are read field by field in assertions
  json: any;
}

let ipCounter = 0;
/** A distinct client address (10.x.y.z) per client. */
export function freshIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** A browser tab, as far as the server can tell: cookies, CSRF token, address. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    readonly app: FastifyInstance,
    readonly ip: string = freshIp(),
  ) {}

  async request(
    method: string,
    url: string,
    body?: unknown,
    o: { headers?: Record<string, string>; noCsrf?: boolean; raw?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...o.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (!o.noCsrf && !['GET', 'HEAD'].includes(method) && this.csrfToken)
      headers['x-csrf-token'] ??= this.csrfToken;
    let payload: string | undefined = o.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      payload,
      remoteAddress: this.ip,
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    // Like the portal: the anonymous token is only taken while there is no session.
    const token = (json as { csrfToken?: unknown } | undefined)?.csrfToken;
    const anonymousOnly = url.startsWith('/api/auth/csrf') && this.cookies.has('sb_session');
    if (typeof token === 'string' && !anonymousOnly) this.csrfToken = token;
    return { status: res.statusCode, headers: res.headers, text: res.body, json };
  }

  /** One file as multipart field `file` (how the portal uploads attachments). */
  async upload(url: string, name: string, bytes: Buffer, mediaType: string): Promise<Reply> {
    const boundary = `----shenbao${Date.now()}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\n` +
          `Content-Type: ${mediaType}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload,
      remoteAddress: this.ip,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': this.csrfToken ?? '',
      },
    });
    return { status: res.statusCode, headers: res.headers, text: res.body, json: JSON.parse(res.body) };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  delete = (url: string) => this.request('DELETE', url);

  async anonymous(): Promise<this> {
    const r = await this.get('/api/auth/csrf');
    if (r.status !== 200) throw new Error(`csrf → ${r.status} ${r.text}`);
    return this;
  }

  async login(login: string, password: string = PASSWORD): Promise<Reply> {
    if (!this.csrfToken) await this.anonymous();
    return this.post('/api/auth/login', { login, password });
  }
}

export interface Applicant {
  client: Client;
  uscc: string;
  orgName: string;
  login: string;
  orgId: string;
  userId: string;
}

export interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'shenbao-server-test-'));
      const db = await openDatabase({ dataDir: join(dir, 'pglite'), checkpointEveryMs: 0 });
      return {
        db,
        async dispose() {
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const pg = await startPostgres();
      const db = await openDatabase({ databaseUrl: pg.url, poolSize: 4 });
      return {
        db,
        async dispose() {
          await db.close();
          await pg.stop();
        },
      };
    },
  },
];

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  config: ServerConfig;
  programs: ProgramRegistry;
  /** The server's business clock; tests move it. */
  clock: { at: Date };
  client(ip?: string): Client;
  /** Registers a new enterprise through the API (USCC and name may be given). */
  applicant(o?: { uscc?: string; orgName?: string }): Promise<Applicant>;
  /** Creates a staff/reviewer/admin account in the store and logs it in through the API. */
  account(
    role: Exclude<Role, 'applicant'>,
    programs?: string[],
  ): Promise<{ client: Client; userId: string; login: string }>;
  close(): Promise<void>;
}

let loginCounter = 0;

export async function startTestServer(
  backend: Backend,
  o: { env?: Record<string, string>; db?: Database; onRoute?: (route: RouteOptions) => void } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shenbao-server-config-'));
  const config = loadConfig({ SHENBAO_DATA_DIR: dataDir, ...o.env });
  const programs = loadPrograms(config.programDirs);
  const opened = o.db ? { db: o.db, dispose: async () => {} } : await backend.open();
  const { db } = opened;
  await seedTargets(db, programs);
  const clock = { at: IN_WINDOW };
  const app = await buildApp({ config, db, programs, now: () => clock.at, onRoute: o.onRoute });
  await app.ready();
  const server: TestServer = {
    app,
    db,
    config,
    programs,
    clock,
    client: (ip) => new Client(app, ip),
    async applicant(a = {}) {
      const client = await new Client(app).anonymous();
      const uscc = a.uscc ?? freshUscc();
      const orgName = a.orgName ?? `测试企业${uscc.slice(-6)}有限公司`;
      const login = freshMobile();
      const r = await client.post('/api/auth/register', {
        uscc,
        orgName,
        contact: '测试联系人',
        mobile: login,
        password: PASSWORD,
      });
      if (r.status !== 201) throw new Error(`register → ${r.status} ${r.text}`);
      return { client, uscc, orgName, login, orgId: r.json.org.id, userId: r.json.user.id };
    },
    async account(role, programs = ['*']) {
      const login = `${role}-${++loginCounter}-${Date.now()}`;
      const made = await createUser(db, {
        login,
        name: `测试${role}`,
        role,
        programs: role === 'admin' ? [] : programs,
        password: PASSWORD,
      });
      if (!made.ok) throw new Error(`createUser ${login}: ${made.conflict}`);
      const client = new Client(app);
      const r = await client.login(login);
      if (r.status !== 200) throw new Error(`login ${login} → ${r.status} ${r.text}`);
      return { client, userId: made.value.id, login };
    },
    async close() {
      await app.close();
      await opened.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A small valid PDF, different for each `n`. */
const pdf = (n: string): Buffer =>
  Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

/**
 * `data` with each attachment of its `attachments` list uploaded for real by `a` (the server
 * refuses a submission naming files the organisation never uploaded): digests and sizes replaced.
 */
export async function withUploads<T extends { attachments?: unknown }>(a: Applicant, data: T): Promise<T> {
  const list = (data.attachments ?? []) as { name: string; size: number; sha256: string }[];
  for (const [i, f] of list.entries()) {
    const up = await a.client.upload(
      `/api/attachments?programId=${PROGRAM}&form=application`,
      f.name,
      pdf(`${a.uscc}-${i}`),
      'application/pdf',
    );
    if (up.status !== 201) throw new Error(`upload → ${up.status} ${up.text}`);
    f.sha256 = up.json.sha256;
    f.size = up.json.size;
  }
  return data;
}
