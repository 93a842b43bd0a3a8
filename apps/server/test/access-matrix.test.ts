/**
 * The authorisation matrix, generated from ONE table: every route of the app (method + URL
 * pattern) against no session, the applicant of organisation A (owner of the records), the
 * applicant of organisation B on A's records, staff of the programme, a reviewer assigned to
 * A's application, one not assigned, and an administrator — with the expected status in each
 * cell. The app's actual routes are collected with an onRoute hook: a route without a row
 * fails the test, so a new route cannot slip in unchecked.
 *
 * Writes are sent so that, once access is granted, they stop at a harmless later check (an
 * empty body → 400, a stale version → 409, a submitted application → 409 READ_ONLY): the cell
 * proves the access decision without changing what the next cells see.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config';
import {
  BACKENDS,
  Client,
  PASSWORD,
  PROGRAM,
  startTestServer,
  type TestServer,
  withUploads,
} from './support/app';

const ACTORS = ['anon', 'A', 'B', 'staff', 'reviewer', 'otherReviewer', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Cell = number;
type Cells = [anon: Cell, A: Cell, B: Cell, staff: Cell, reviewer: Cell, otherReviewer: Cell, admin: Cell];

interface Ids {
  app: string;
  sha: string;
}

interface Row {
  method: string;
  url: string;
  /** The request each actor sends (default: the URL with its parameters filled, no body). */
  send?: (ids: Ids) => { url: string; body?: unknown };
  cells: Cells;
  /** Each actor uses a session of its own for this row (logout ends it). */
  fresh?: boolean;
  /** Present only in some builds (the portal's files, when apps/web/dist exists). */
  optional?: boolean;
}

const all = (c: Cell): Cells => [c, c, c, c, c, c, c];
const P = `/api/programs/${PROGRAM}`;
const EMPTY = { url: '', body: {} };
const at = (url: string, body?: unknown) => () => ({ url, body });

// One row per route; the cells are: no session, A (owner), B (other organisation), staff,
// assigned reviewer, other reviewer, admin.
// biome-ignore format: the table is read as a table
const TABLE: Row[] = [
  { method: 'GET', url: '/healthz', cells: all(200) },
  { method: 'GET', url: '/api/openapi.json', cells: all(200) },
  { method: 'GET', url: '/api/docs', cells: all(200) },
  // swagger-ui's HEAD twin of its page, registered under the trailing-slash URL.
  { method: 'HEAD', url: '/api/docs/', cells: all(200) },
  { method: 'GET', url: '/api/docs/json', cells: all(200) },
  { method: 'GET', url: '/api/docs/yaml', cells: all(200) },
  { method: 'GET', url: '/api/docs/static/*', send: at('/api/docs/static/index.css'), cells: all(200) },
  { method: 'GET', url: '/api/docs/static/index.html', cells: all(302) },
  { method: 'GET', url: '/api/docs/static/swagger-initializer.js', cells: all(200) },
  { method: 'GET', url: '/*', send: at('/'), cells: all(200), optional: true },

  { method: 'POST', url: '/api/auth/register', send: at('/api/auth/register', {}), cells: all(400) },
  { method: 'POST', url: '/api/auth/login', send: at('/api/auth/login', {}), cells: all(400) },
  { method: 'POST', url: '/api/auth/logout', fresh: true,                            cells: [401, 204, 204, 204, 204, 204, 204] },
  { method: 'GET', url: '/api/auth/me',                                              cells: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', url: '/api/auth/csrf', cells: all(200) },
  { method: 'GET', url: '/api/org/users',                                            cells: [401, 200, 200, 403, 403, 403, 403] },
  { method: 'POST', url: '/api/org/users', send: at('/api/org/users', {}),           cells: [401, 400, 400, 403, 403, 403, 403] },
  { method: 'GET', url: '/api/admin/users',                                          cells: [401, 403, 403, 403, 403, 403, 200] },
  { method: 'POST', url: '/api/admin/users', send: at('/api/admin/users', {}),       cells: [401, 403, 403, 403, 403, 403, 400] },

  { method: 'GET', url: '/api/programs', cells: all(200) },
  { method: 'GET', url: '/api/programs/:pid/bundle', send: at(`${P}/bundle`), cells: all(200) },
  { method: 'GET', url: '/api/programs/:pid/files/*', send: at(`${P}/files/program.json`), cells: all(200) },
  { method: 'GET', url: '/api/programs/:pid/targets', send: at(`${P}/targets`), cells: all(200) },
  { method: 'GET', url: '/api/programs/:pid/targets/:year', send: at(`${P}/targets/2026`), cells: all(200) },
  { method: 'PUT', url: '/api/programs/:pid/targets/:year', send: at(`${P}/targets/2026`, {}),                 cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/programs/:pid/targets/:year/publish', send: at(`${P}/targets/2026/publish`, {}), cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/programs/:pid/bans', send: at(`${P}/bans`, {}),                                  cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'GET', url: '/api/programs/:pid/bans', send: at(`${P}/bans`),                                       cells: [401, 403, 403, 200, 403, 403, 403] },

  { method: 'GET', url: '/api/applications',                                                                     cells: [401, 200, 200, 200, 200, 200, 403] },
  { method: 'POST', url: '/api/applications', send: at('/api/applications', {}),                                 cells: [401, 400, 400, 403, 403, 403, 403] },
  { method: 'GET', url: '/api/applications/:id', send: (i) => at(`/api/applications/${i.app}`)(),                 cells: [401, 200, 404, 200, 200, 403, 403] },
  { method: 'PUT', url: '/api/applications/:id', send: (i) => at(`/api/applications/${i.app}`, { data: {}, version: 1 })(), cells: [401, 409, 404, 403, 403, 403, 403] },
  { method: 'POST', url: '/api/applications/:id/submit', send: (i) => at(`/api/applications/${i.app}/submit`, { version: 1 })(), cells: [401, 409, 404, 403, 403, 403, 403] },
  { method: 'POST', url: '/api/applications/:id/withdraw', send: (i) => at(`/api/applications/${i.app}/withdraw`, { version: 0 })(), cells: [401, 409, 404, 403, 403, 403, 403] },
  { method: 'GET', url: '/api/applications/:id/receipt', send: (i) => at(`/api/applications/${i.app}/receipt`)(), cells: [401, 200, 404, 200, 200, 403, 403] },
  { method: 'GET', url: '/api/applications/:id/audit', send: (i) => at(`/api/applications/${i.app}/audit`)(),     cells: [401, 403, 403, 200, 403, 403, 200] },
  { method: 'POST', url: '/api/applications/:id/reviewers', send: (i) => at(`/api/applications/${i.app}/reviewers`, {})(), cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'GET', url: '/api/applications/:id/reviewers', send: (i) => at(`/api/applications/${i.app}/reviewers`)(), cells: [401, 403, 403, 200, 403, 403, 403] },
  { method: 'DELETE', url: '/api/applications/:id/reviewers/:userId', send: (i) => at(`/api/applications/${i.app}/reviewers/nobody`)(), cells: [401, 403, 403, 404, 403, 403, 403] },

  // The procedure: state and timeline, transitions (A's application is 待形式审查 and the version sent is stale), reviews, objections, messages.
  { method: 'GET', url: '/api/applications/:id/procedure', send: (i) => at(`/api/applications/${i.app}/procedure`)(), cells: [401, 200, 404, 200, 200, 403, 403] },
  { method: 'POST', url: '/api/applications/:id/transitions/:transitionId', send: (i) => at(`/api/applications/${i.app}/transitions/accept`, { version: 0 })(), cells: [401, 403, 404, 409, 403, 403, 403] },
  { method: 'POST', url: '/api/transitions/:transitionId', send: at('/api/transitions/accept', {}),            cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'PUT', url: '/api/applications/:id/reviews/mine', send: (i) => at(`/api/applications/${i.app}/reviews/mine`, { data: {} })(), cells: [401, 403, 403, 403, 409, 403, 403] },
  { method: 'GET', url: '/api/applications/:id/reviews', send: (i) => at(`/api/applications/${i.app}/reviews`)(), cells: [401, 403, 403, 200, 200, 403, 403] },
  { method: 'POST', url: '/api/applications/:id/objections', send: (i) => at(`/api/applications/${i.app}/objections`, { raisedBy: '某公司', raisedAt: '2026-09-01', content: '异议' })(), cells: [401, 403, 403, 409, 403, 403, 403] },
  { method: 'POST', url: '/api/objections/:id/decision', send: at('/api/objections/999999/decision', { decision: 'dismissed', reason: '不成立' }), cells: [401, 403, 403, 404, 403, 403, 403] },
  { method: 'GET', url: '/api/messages',                                                                         cells: [401, 200, 200, 403, 403, 403, 403] },
  { method: 'POST', url: '/api/messages/:id/read', send: at('/api/messages/999999/read', {}),                   cells: [401, 404, 404, 403, 403, 403, 403] },

  // Attachments and documents (their own plugins, the same access rules).
  { method: 'POST', url: '/api/attachments', send: at(`/api/attachments?programId=${PROGRAM}`, {}),            cells: [401, 415, 415, 403, 403, 403, 403] },
  { method: 'GET', url: '/api/attachments/:sha256', send: (i) => at(`/api/attachments/${i.sha}`)(),            cells: [401, 200, 404, 403, 403, 403, 403] },
  { method: 'GET', url: '/api/applications/:id/attachments/:sha256', send: (i) => at(`/api/applications/${i.app}/attachments/${i.sha}`)(), cells: [401, 200, 404, 200, 200, 403, 403] },
  { method: 'GET', url: '/api/applications/:id/documents/:docId', send: (i) => at(`/api/applications/${i.app}/documents/application-book?format=docx`)(), cells: [401, 200, 404, 200, 200, 403, 403] },

  // notices (P6): the staff API (bodies left empty → 400, an unknown notice → 404) and the public pages and feeds.
  { method: 'GET', url: '/api/notices', send: at(`/api/notices?programId=${PROGRAM}`),                        cells: [401, 403, 403, 200, 403, 403, 403] },
  { method: 'POST', url: '/api/notices', send: at('/api/notices', {}),                                         cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'GET', url: '/api/notices/:id', send: at('/api/notices/999999'),                                   cells: [401, 403, 403, 404, 403, 403, 403] },
  { method: 'PUT', url: '/api/notices/:id', send: at('/api/notices/999999', {}),                               cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/notices/:id/refresh', send: at('/api/notices/999999/refresh', {}),              cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/notices/:id/publish', send: at('/api/notices/999999/publish', {}),              cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/notices/:id/correct', send: at('/api/notices/999999/correct', {}),              cells: [401, 403, 403, 404, 403, 403, 403] },
  { method: 'GET', url: '/api/notices/:id/document', send: at('/api/notices/999999/document?format=docx'), cells: all(404) },
  { method: 'GET', url: '/notices', cells: all(200) },
  { method: 'GET', url: '/notices/feed.xml', cells: all(200) },
  { method: 'GET', url: '/notices/feed.json', cells: all(200) },
  { method: 'GET', url: '/notices/:id', send: at('/notices/999999'), cells: all(404) },

  // centres (P5): A's application is submitted, not recognised, so a centre route that grants access answers 404
  // (none such); empty bodies stop at validation (400).
  { method: 'GET', url: '/api/centres', send: at(`/api/centres?programId=${PROGRAM}`),                        cells: [401, 200, 200, 200, 403, 403, 403] },
  { method: 'GET', url: '/api/centres/:id', send: (i) => at(`/api/centres/${i.app}`)(),                        cells: [401, 404, 404, 404, 403, 403, 403] },
  { method: 'PUT', url: '/api/centres/:id/years/:year/goals', send: (i) => at(`/api/centres/${i.app}/years/2027/goals`, { goals: {} })(), cells: [401, 404, 404, 404, 403, 403, 403] },
  { method: 'PUT', url: '/api/centres/:id/years/:year/self-assessment', send: (i) => at(`/api/centres/${i.app}/years/2027/self-assessment`, { data: {} })(), cells: [401, 404, 404, 403, 403, 403, 403] },
  { method: 'POST', url: '/api/centres/:id/years/:year/assessment', send: (i) => at(`/api/centres/${i.app}/years/2027/assessment`, {})(), cells: [401, 403, 403, 404, 403, 403, 403] },
  { method: 'POST', url: '/api/centres/missed-assessments', send: at('/api/centres/missed-assessments', {}),   cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/centres/:id/revoke', send: (i) => at(`/api/centres/${i.app}/revoke`, {})(),     cells: [401, 403, 403, 400, 403, 403, 403] },
  { method: 'POST', url: '/api/centres/:id/changes', send: (i) => at(`/api/centres/${i.app}/changes`, {})(),   cells: [401, 400, 400, 403, 403, 403, 403] },
  { method: 'GET', url: '/api/centres/:id/years/:year/documents/:docId', send: (i) => at(`/api/centres/${i.app}/years/2027/documents/self-assessment-report`)(), cells: [401, 404, 404, 404, 403, 403, 403] },

  // lists (P7): what is due and the Excel exports, staff of the programme only.
  { method: 'GET', url: '/api/due', send: at(`/api/due?programId=${PROGRAM}`),                                   cells: [401, 403, 403, 200, 403, 403, 403] },
  { method: 'GET', url: '/api/exports/applications.xlsx', send: at(`/api/exports/applications.xlsx?programId=${PROGRAM}`), cells: [401, 403, 403, 200, 403, 403, 403] },
  { method: 'GET', url: '/api/stats', send: at(`/api/stats?programId=${PROGRAM}&year=2026`),                   cells: [401, 403, 403, 200, 403, 403, 403] },
  { method: 'GET', url: '/api/exports/centres.xlsx', send: at(`/api/exports/centres.xlsx?programId=${PROGRAM}&year=2026`), cells: [401, 403, 403, 200, 403, 403, 403] },
];

const key = (method: string, url: string) => `${method} ${url}`;
const EXAMPLE = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'application.json'), 'utf8'));

describe('authorisation matrix', () => {
  const routes = new Set<string>();
  let s: TestServer;
  const clients = new Map<Actor, Client>();
  const logins = new Map<Actor, string>();
  const ids: Ids = { app: '', sha: '' };

  beforeAll(async () => {
    s = await startTestServer(BACKENDS[0] as (typeof BACKENDS)[number], {
      onRoute: (r: RouteOptions) => {
        for (const m of ([] as string[]).concat(r.method)) routes.add(key(m, r.url));
      },
    });
    const a = await s.applicant({ uscc: EXAMPLE.applicant.creditCode, orgName: EXAMPLE.applicant.name });
    const b = await s.applicant();
    const staff = await s.account('staff', [PROGRAM]);
    const reviewer = await s.account('reviewer', [PROGRAM]);
    const otherReviewer = await s.account('reviewer', [PROGRAM]);
    const admin = await s.account('admin');
    clients.set('anon', await s.client().anonymous());
    for (const [actor, c, login] of [
      ['A', a.client, a.login],
      ['B', b.client, b.login],
      ['staff', staff.client, staff.login],
      ['reviewer', reviewer.client, reviewer.login],
      ['otherReviewer', otherReviewer.client, otherReviewer.login],
      ['admin', admin.client, admin.login],
    ] as const) {
      clients.set(actor, c);
      logins.set(actor, login);
    }
    // A's application, with a file A uploaded, submitted (so staff may see it) and assigned to `reviewer`.
    // Every attachment the example names is uploaded for real: submission checks them.
    const data = await withUploads(a, structuredClone(EXAMPLE));
    ids.sha = data.attachments[0].sha256;
    const made = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
    ids.app = made.json.id;
    const saved = await a.client.put(`/api/applications/${ids.app}`, { data, version: made.json.version });
    const submitted = await a.client.post(`/api/applications/${ids.app}/submit`, {
      version: saved.json.version,
    });
    expect(submitted.status).toBe(200);
    expect(
      (await staff.client.post(`/api/applications/${ids.app}/reviewers`, { userId: reviewer.userId })).status,
    ).toBe(204);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('every route of the app has a row in the table (a HEAD twin is checked with its GET)', () => {
    const rows = new Set(TABLE.map((r) => key(r.method, r.url)));
    const missing = [...routes].filter((r) => {
      if (rows.has(r)) return false;
      return !(r.startsWith('HEAD ') && rows.has(`GET ${r.slice(5)}`));
    });
    expect(missing, 'routes without a row in the access matrix').toEqual([]);
    const stale = TABLE.filter((r) => !r.optional && !routes.has(key(r.method, r.url))).map((r) =>
      key(r.method, r.url),
    );
    expect(stale, 'rows for routes the app does not have').toEqual([]);
  });

  for (const row of TABLE) {
    it(`${row.method} ${row.url}`, async (ctx) => {
      if (!routes.has(key(row.method, row.url))) {
        ctx.skip(); // the portal's files exist only once it has been built
        return;
      }
      const actual: Cell[] = [];
      for (const actor of ACTORS) {
        let client = clients.get(actor) as Client;
        if (row.fresh && actor !== 'anon') {
          client = new Client(s.app);
          const r = await client.login(logins.get(actor) as string, PASSWORD);
          expect(r.status, `fresh login of ${actor}`).toBe(200);
        }
        const { url, body } = row.send
          ? row.send(ids)
          : { url: row.url, body: row.method === 'GET' ? undefined : EMPTY.body };
        const res = await client.request(row.method, url, body);
        actual.push(res.status);
        if (res.status >= 400 && row.method !== 'HEAD')
          expect(res.json?.message, `${actor}: ${res.text}`).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(actual).toEqual(row.cells);
      // Fastify's HEAD twin of a GET route gets the very same decisions.
      if (row.method === 'GET' && routes.has(key('HEAD', row.url))) {
        const head: Cell[] = [];
        for (const actor of ACTORS) {
          const { url } = row.send ? row.send(ids) : { url: row.url };
          head.push((await (clients.get(actor) as Client).request('HEAD', url)).status);
        }
        expect(head, 'HEAD').toEqual(row.cells);
      }
    });
  }
});
