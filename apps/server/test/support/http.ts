/**
 * A small HTTP client over node:http for tests and the bench that drive a server from outside:
 * the request path goes out byte for byte (no URL normalisation, so `../` and `%2e%2e%2f` reach
 * the server as written), bodies may be any bytes, and each client keeps its own cookies and
 * CSRF token the way a browser tab would.
 */
import { randomInt } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { usccCheckCharacter } from '@shenbao/core';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface SendOptions {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
  /** Sends the body with Transfer-Encoding: chunked (no Content-Length). */
  chunked?: boolean;
  /**
   * Writes only this many bytes of the body (0: the headers alone), then waits for the answer
   * without ending the request: a client watching for an early refusal. Node closes a refused
   * connection while unread bytes sit in its socket, and the reset that follows can destroy an
   * answer already sent; sending no more than the server reads keeps that answer readable.
   */
  sendBytes?: number;
  agent?: Agent;
  timeoutMs?: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One request. Resolves with the answer even when the server answers before it has read the
 * whole body (a 413 on an oversized upload) and then drops the connection: big bodies go out in
 * slices with backpressure, the writing stops once an answer has come, and an error on the
 * socket after the answer began is the server refusing the rest of the body, not a failure.
 */
export function send(base: string, o: SendOptions): Promise<HttpResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    let done = false;
    const headers: Record<string, string | string[]> = { ...o.headers };
    if (o.body !== undefined && !o.chunked && headers['content-length'] === undefined)
      headers['content-length'] = String(Buffer.byteLength(o.body));
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: o.method,
        path: o.path,
        headers,
        agent: o.agent ?? false,
        timeout: o.timeoutMs ?? 30_000,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        const finish = () => {
          if (done) return;
          done = true;
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: parseJson(text) });
        };
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', finish);
        // The connection dropped after the answer arrived: what came is the answer.
        res.on('error', finish);
        res.on('close', finish);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${o.method} ${o.path}: no answer in time`)));
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const whole = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
    const partial = o.sendBytes !== undefined;
    const body = partial ? whole?.subarray(0, o.sendBytes) : whole;
    if (partial) {
      req.flushHeaders();
      const destroyWhenDone = () => setImmediate(() => req.destroy());
      req.on('response', (res) => res.on('close', destroyWhenDone));
    }
    if (body === undefined || (!partial && body.length <= 256 * 1024)) {
      if (body !== undefined) req.write(body);
      req.end();
      return;
    }
    void (async () => {
      const step = 64 * 1024;
      for (let i = 0; i < body.length && !answered && !req.destroyed; i += step) {
        if (!req.write(body.subarray(i, i + step)))
          await new Promise<void>((r) => {
            const go = () => {
              req.off('drain', go);
              req.off('response', go);
              req.off('close', go);
              r();
            };
            req.on('drain', go);
            req.on('response', go);
            req.on('close', go);
          });
      }
      if (!req.destroyed && !partial) req.end();
    })();
  });
}

/** The `name=value` pairs of Set-Cookie headers (attributes dropped). */
function cookiesOf(headers: IncomingHttpHeaders): [string, string][] {
  const out: [string, string][] = [];
  for (const line of headers['set-cookie'] ?? []) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) out.push([pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]);
  }
  return out;
}

export interface ApiOptions {
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Leave out the x-csrf-token header (default: sent on every state-changing method). */
  noCsrf?: boolean;
}

/** A browser tab: its cookies, its CSRF token, one keep-alive connection. */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  readonly agent: Agent;

  /** Headers sent with every request (e.g. X-Forwarded-For behind a trusted proxy). */
  readonly defaultHeaders: Record<string, string>;

  constructor(
    public base: string,
    opts: { keepAlive?: boolean; headers?: Record<string, string> } = {},
  ) {
    this.agent = new Agent({ keepAlive: opts.keepAlive ?? true, maxSockets: 1 });
    this.defaultHeaders = { ...opts.headers };
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, o: ApiOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...o.headers };
    if (this.cookies.size > 0 && headers.cookie === undefined) headers.cookie = this.cookieHeader();
    if (!o.noCsrf && !['GET', 'HEAD', 'OPTIONS'].includes(method) && this.csrfToken)
      headers['x-csrf-token'] ??= this.csrfToken;
    let body = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await send(this.base, { method, path, headers, body, agent: this.agent });
    for (const [k, v] of cookiesOf(res.headers)) this.cookies.set(k, v);
    const token = (res.json as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return res;
  }

  /** The anonymous token (and its `sb_csrf` cookie) that register and login need. */
  async anonymous(): Promise<this> {
    const res = await this.request('GET', '/api/auth/csrf');
    if (res.status !== 200) throw new Error(`GET /api/auth/csrf → ${res.status} ${res.text}`);
    return this;
  }

  close(): void {
    this.agent.destroy();
  }
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A random valid 统一社会信用代码 (random 9-character body, then core's check character), for
 * registering as many enterprises as a test needs; 31^9 bodies make a clash negligible.
 */
export function freshUscc(): string {
  let body = '91441900';
  for (let i = 0; i < 9; i++) body += CHARSET[randomInt(31)];
  const check = usccCheckCharacter(body);
  if (!check) throw new Error(`no check character for ${body}`);
  return body + check;
}

/** A random mobile number (the account's login). */
export function freshMobile(): string {
  return `13${String(randomInt(1e9)).padStart(9, '0')}`;
}

export interface Applicant {
  client: ApiClient;
  login: string;
  password: string;
  uscc: string;
  orgName: string;
}

/** Registers a new enterprise through the real API (anonymous CSRF, then the session cookie). */
export async function registerApplicant(
  base: string,
  o: { uscc?: string; orgName?: string; password?: string; headers?: Record<string, string> } = {},
): Promise<Applicant> {
  const client = await new ApiClient(base, { headers: o.headers }).anonymous();
  const uscc = o.uscc ?? freshUscc();
  const login = freshMobile();
  const password = o.password ?? 'Passw0rd-Test';
  const orgName = o.orgName ?? `测试企业${uscc.slice(-6)}有限公司`;
  const res = await client.request('POST', '/api/auth/register', {
    json: { uscc, orgName, contact: '测试联系人', mobile: login, password },
  });
  if (res.status !== 201) throw new Error(`register → ${res.status} ${res.text}`);
  return { client, login, password, uscc, orgName };
}

/** Logs in through the real API in a fresh tab; `ms` is the time of the login request alone. */
export async function loginClientTimed(
  base: string,
  login: string,
  password: string,
  headers?: Record<string, string>,
): Promise<{ client: ApiClient; ms: number }> {
  const client = await new ApiClient(base, { headers }).anonymous();
  const t0 = performance.now();
  const res = await client.request('POST', '/api/auth/login', { json: { login, password } });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`login → ${res.status} ${res.text}`);
  return { client, ms };
}

/** Logs in through the real API in a fresh tab. */
export async function loginClient(
  base: string,
  login: string,
  password: string,
  headers?: Record<string, string>,
): Promise<ApiClient> {
  return (await loginClientTimed(base, login, password, headers)).client;
}

/** A distinct client address per test actor, for servers started with TRUST_PROXY=127.0.0.1. */
export function forwardedFor(n: number): Record<string, string> {
  return { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
}
