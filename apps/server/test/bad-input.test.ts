/**
 * The bad-input corpus (test/fixtures/bad-input) played against a real server process on a
 * PGlite temp folder, as an attacking applicant logged in through the real register API: every
 * case gets its expected status, every refusal a Chinese message, no body leaks a stack, a path
 * or SQL; the process is alive after each case, /healthz answers after all of them, and another
 * organisation's draft is exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadInputCase, bodyOf, fill, loadCorpus, placeholdersOf } from './support/bad-input-cases';
import { headerText, universalProblems } from './support/bad-input-checks';
import {
  ApiClient,
  type Applicant,
  freshMobile,
  freshUscc,
  type HttpResponse,
  registerApplicant,
  send,
} from './support/http';
import { sendRaw } from './support/raw';
import {
  REPO_ROOT,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './support/server-process';

const corpus = loadCorpus();
const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'application.json'), 'utf8'));
const PROGRAM = 'ai-innovation-center';

let dataDir: string;
let server: ServerProcess;
let attacker: Applicant;
let victim: Applicant;
let appId: string;
let otherAppId: string;
let victimVersion: number;
const captured: Record<string, string> = {};

async function createDraft(a: Applicant): Promise<{ id: string; version: number }> {
  const made = await a.client.request('POST', '/api/applications', {
    json: { programId: PROGRAM, year: 2026 },
  });
  if (made.status !== 201) throw new Error(`create → ${made.status} ${made.text}`);
  const { id, version } = made.json as { id: string; version: number };
  const saved = await a.client.request('PUT', `/api/applications/${id}`, {
    json: { data: example, version },
  });
  if (saved.status !== 200) throw new Error(`save → ${saved.status} ${saved.text}`);
  return { id, version: (saved.json as { version: number }).version };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'shenbao-bad-input-'));
  // A portal page of our own, so what the portal answers does not depend on a build being there.
  const web = join(dataDir, 'web');
  mkdirSync(web);
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>申报</title><p id="shenbao-test-portal">',
  );
  server = await startServerProcess({ dataDir: join(dataDir, 'data'), extra: { SHENBAO_WEB_DIST: web } });
  attacker = await registerApplicant(server.url);
  victim = await registerApplicant(server.url);
  appId = (await createDraft(attacker)).id;
  const v = await createDraft(victim);
  otherAppId = v.id;
  victimVersion = v.version;
}, 180_000);

afterAll(async () => {
  attacker?.client.close();
  victim?.client.close();
  await stopServerProcess(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function varsFor(c: BadInputCase): Promise<Record<string, string>> {
  const needs = placeholdersOf(c);
  const vars: Record<string, string> = {
    appId,
    otherAppId,
    uscc: freshUscc(),
    mobile: freshMobile(),
    sessionToken: attacker.client.csrfToken ?? '',
    ...captured,
  };
  if (needs.has('version')) {
    const res = await attacker.client.request('GET', `/api/applications/${appId}`);
    vars.version = String((res.json as { version: number }).version);
  }
  if (needs.has('anonToken')) {
    const other = await new ApiClient(server.url).anonymous();
    vars.anonToken = other.csrfToken ?? '';
    other.close();
  }
  for (const k of needs)
    if (!(k in vars)) throw new Error(`placeholder {{${k}}} has no value (capture it first)`);
  return vars;
}

async function play(c: BadInputCase): Promise<HttpResponse> {
  const vars = await varsFor(c);
  if (c.raw !== undefined) return sendRaw(server.url, Buffer.from(fill(c.raw, vars), 'utf8'));
  const { body, contentType } = bodyOf(c.body, vars);
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  let tab: ApiClient | undefined;
  const who = c.as ?? 'applicant';
  if (who === 'applicant') tab = attacker.client;
  else if (who === 'anonymous') tab = await new ApiClient(server.url).anonymous();
  if (tab) {
    if (tab.cookies.size > 0) headers.cookie = tab.cookieHeader();
    const csrf = c.csrf ?? 'own';
    if (csrf === 'own' && tab.csrfToken && !['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(c.method))
      headers['x-csrf-token'] = tab.csrfToken;
    if (csrf === 'wrong') headers['x-csrf-token'] = randomBytes(32).toString('base64url');
  }
  for (const [k, v] of Object.entries(c.headers ?? {})) {
    // An empty value in the corpus means "leave this header out".
    if (v === '') delete headers[k];
    else headers[k] = fill(v, vars);
  }
  try {
    return await send(server.url, {
      method: c.method,
      path: fill(c.url, vars),
      headers,
      body,
      chunked: c.chunked,
      sendBytes: c.sendBytes,
    });
  } finally {
    if (tab && tab !== attacker.client) tab.close();
  }
}

function caseProblems(c: BadInputCase, res: HttpResponse): string[] {
  const e = c.expect;
  const problems = universalProblems(res);
  const body = (res.json ?? {}) as Record<string, unknown>;
  if (e.message !== undefined && !String(body.message ?? '').includes(e.message))
    problems.push(`message should contain “${e.message}”`);
  if (e.code !== undefined && body.code !== e.code) problems.push(`code should be ${e.code}`);
  for (const [k, v] of Object.entries(e.json ?? {}))
    if (JSON.stringify(body[k]) !== JSON.stringify(v)) problems.push(`${k} should be ${JSON.stringify(v)}`);
  for (const [k, subs] of Object.entries(e.fieldExcludes ?? {})) {
    const value = body[k];
    if (typeof value !== 'string') problems.push(`${k} should be a string`);
    else
      for (const s of subs)
        if (value.includes(s)) problems.push(`${k} should not contain ${JSON.stringify(s)}`);
  }
  for (const [k, max] of Object.entries(e.fieldMaxLength ?? {})) {
    const value = body[k];
    if (typeof value !== 'string' || [...value].length > max)
      problems.push(`${k} should be a string of at most ${max} characters`);
  }
  for (const s of e.bodyIncludes ?? []) if (!res.text.includes(s)) problems.push(`body should contain ${s}`);
  for (const s of e.bodyExcludes ?? [])
    if (res.text.includes(s)) problems.push(`body should not contain ${s}`);
  for (const [h, s] of Object.entries(e.headers ?? {}))
    if (!headerText(res, h).includes(s)) problems.push(`header ${h} should contain ${s}`);
  for (const [h, subs] of Object.entries(e.headerExcludes ?? {}))
    for (const s of subs)
      if (headerText(res, h).includes(s))
        problems.push(`header ${h} should not contain ${JSON.stringify(s)}`);
  if (e.maxItems !== undefined) {
    const items = body.items;
    if (!Array.isArray(items) || items.length > e.maxItems) problems.push(`at most ${e.maxItems} items`);
  }
  return problems;
}

describe('bad input corpus', () => {
  it('holds at least 100 cases, each named once', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const names = corpus.map((c) => `${c.file} › ${c.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(corpus.map((c) => [`${c.file} › ${c.name}`, c] as const))('%s', async (_title, c) => {
    const res = await play(c);
    const summary = `${c.method} ${c.url.slice(0, 120)} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, summary).toBe(c.expect.status);
    expect(caseProblems(c, res), summary).toEqual([]);
    for (const [name, field] of Object.entries(c.capture ?? {})) {
      const value = (res.json as Record<string, unknown> | undefined)?.[field];
      expect(typeof value, `capture ${field}`).toBe('string');
      captured[name] = value as string;
    }
    expect(server.alive(), `the server process died:\n${server.output().slice(-3000)}`).toBe(true);
  });

  it('leaves the server alive and healthy', async () => {
    expect(server.alive()).toBe(true);
    const health = await send(server.url, { method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true });
  });

  it("leaves another organisation's draft exactly as it was", async () => {
    const res = await victim.client.request('GET', `/api/applications/${otherAppId}`);
    expect(res.status).toBe(200);
    const record = res.json as { version: number; data: unknown; state: string };
    expect(record.version).toBe(victimVersion);
    expect(record.state).toBe('draft');
    expect(record.data).toEqual(example);
  });
});
