/**
 * Documents through the real app (PGlite in a temp folder): the 申请书 of the example
 * application opens and names the applicant; the 承诺书 is refused for a hall already built, with
 * the programme's reason; drafts that are not yet valid print blanks and say （草稿）; PDF comes
 * through LibreOffice; and rendering runs in workers, so /healthz answers while 20 documents render.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveApplicationData } from '@shenbao/store';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Applicant,
  BACKENDS,
  type Client,
  PROGRAM,
  startTestServer,
  type TestServer,
  withUploads,
} from './support/app';

const REPO = join(import.meta.dirname, '..', '..', '..');
const read = (...p: string[]) => JSON.parse(readFileSync(join(REPO, ...p), 'utf8'));
const EXAMPLE = read('examples', 'application.json');
const HALL_COMMITTED = read('examples', 'application-hall-committed.json');
const manifest = read('schemas', PROGRAM, 'program.json');
const doc = (id: string) => manifest.documents.find((d: { id: string }) => d.id === id);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The visible text of a .docx body (runs joined, tags dropped). */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

describe('documents', () => {
  let s: TestServer;
  let a: Applicant;

  /** A draft of `a`'s enterprise holding `data` (USCC and name made the org's own). */
  async function draft(
    who: Applicant,
    data: Record<string, unknown>,
  ): Promise<{ id: string; version: number }> {
    const made = await who.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
    const id = made.json.id as string;
    const version = (await who.client.get(`/api/applications/${id}`)).json.version as number;
    const saved = await who.client.put(`/api/applications/${id}`, { data, version });
    expect(saved.status).toBe(200);
    return { id, version: saved.json.version };
  }
  const own = (who: Applicant, base: typeof EXAMPLE) => {
    const d = structuredClone(base);
    d.applicant.creditCode = who.uscc;
    d.applicant.name = who.orgName;
    return d;
  };
  const fetchDoc = (c: Client, id: string, docId: string, format = 'docx') =>
    s.app.inject({
      method: 'GET',
      url: `/api/applications/${id}/documents/${docId}?format=${format}`,
      headers: { cookie: cookieOf(c) },
      remoteAddress: c.ip,
    });

  beforeAll(async () => {
    s = await startTestServer(BACKENDS[0] as (typeof BACKENDS)[number]);
    a = await s.applicant({ orgName: '东莞文书测试人工智能科技有限公司' });
  }, 120_000);
  // Closing stops the render pool and the database: under a loaded machine (the whole suite) over 10 s.
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  it('the 申请书 of the example application opens and names the applicant', async () => {
    const { id } = await draft(a, own(a, EXAMPLE));
    const r = await fetchDoc(a.client, id, 'application-book');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${doc('application-book').title}.docx`)}`,
    );
    const text = docxText(r.rawPayload);
    expect(text).toContain('东莞文书测试人工智能科技有限公司');
    expect(text).not.toContain('____');
  });

  it('the 承诺书 is refused for a hall already built, naming when it applies', async () => {
    const { id } = await draft(a, own(a, EXAMPLE));
    const r = await fetchDoc(a.client, id, 'hall-commitment');
    expect(r.statusCode).toBe(422);
    expect(r.json()).toEqual({
      statusCode: 422,
      code: 'NOT_APPLICABLE',
      message: `“${doc('hall-commitment').title}”不适用于本申报：该文书仅在${doc('hall-commitment').when}提供（${doc('hall-commitment').article}）`,
    });
  });

  it('the 承诺书 is produced when the hall is committed', async () => {
    const other = await s.applicant();
    const { id } = await draft(other, own(other, HALL_COMMITTED));
    const r = await fetchDoc(other.client, id, 'hall-commitment');
    expect(r.statusCode).toBe(200);
    expect(docxText(r.rawPayload)).toContain(other.orgName);
  });

  it('a draft that is not yet valid prints ____ for blanks and its file name says （草稿）', async () => {
    const other = await s.applicant();
    const partial = own(other, EXAMPLE);
    partial.applicant.businessScope = undefined;
    partial.applicant.legalRepresentative = undefined;
    const { id } = await draft(other, partial);
    const r = await fetchDoc(other.client, id, 'application-book');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(
      encodeURIComponent(`${doc('application-book').title}（草稿）.docx`),
    );
    expect(docxText(r.rawPayload)).toContain('____');
  });

  it('an unknown document is 404; another organisation’s application is 404; no session is 401', async () => {
    const { id } = await draft(a, own(a, EXAMPLE));
    expect((await fetchDoc(a.client, id, 'no-such-document')).statusCode).toBe(404);
    // A bureau document is not a document of an application.
    expect((await fetchDoc(a.client, id, 'publicity-notice')).statusCode).toBe(404);
    const other = await s.applicant();
    expect((await fetchDoc(other.client, id, 'application-book')).statusCode).toBe(404);
    expect((await fetchDoc(s.client(), id, 'application-book')).statusCode).toBe(401);
    expect((await fetchDoc(a.client, id, 'application-book', 'exe')).statusCode).toBe(400);
  });

  it('a submitted application prints clean for staff; data that no longer passes is 422 with reasons', async () => {
    const b = await s.applicant();
    const { id, version } = await draft(b, await withUploads(b, own(b, EXAMPLE)));
    const submitted = await b.client.post(`/api/applications/${id}/submit`, { version });
    expect(submitted.status).toBe(200);
    const staff = await s.account('staff');
    const r = await fetchDoc(staff.client, id, 'application-book');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).not.toContain(encodeURIComponent('（草稿）'));
    expect(docxText(r.rawPayload)).toContain(b.orgName);

    // Behind the API's back (a migration gone wrong, say): the submitted data loses a field.
    const broken = own(b, EXAMPLE);
    broken.applicant.businessScope = undefined;
    const w = await saveApplicationData(s.db, {
      id,
      version: submitted.json.version,
      data: broken,
      title: b.orgName,
      town: null,
      userId: null,
    });
    expect(w?.ok).toBe(true);
    const refused = await fetchDoc(staff.client, id, 'application-book');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INVALID_DATA');
    expect(refused.json().reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/applicant/businessScope' })]),
    );
  });

  it('PDF through LibreOffice: the text shows the applicant', async () => {
    const { id } = await draft(a, own(a, EXAMPLE));
    const r = await fetchDoc(a.client, id, 'application-book', 'pdf');
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(
      encodeURIComponent(`${doc('application-book').title}.pdf`),
    );
    const dir = mkdtempSync(join(tmpdir(), 'shenbao-pdf-test-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), r.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], {
        encoding: 'utf8',
      });
      expect(text.replace(/\s+/g, '')).toContain('东莞文书测试人工智能科技有限公司');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('20 documents rendering at once do not hold up /healthz', async () => {
    const { id } = await draft(a, own(a, EXAMPLE));
    const base = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const headers = { cookie: cookieOf(a.client) };
    // Warm the programme's pool first, so the burst measures rendering, not thread start-up.
    expect(
      (await fetch(`${base}/api/applications/${id}/documents/application-book`, { headers })).status,
    ).toBe(200);
    const order: string[] = [];
    const docs = Array.from({ length: 20 }, (_, i) =>
      fetch(`${base}/api/applications/${id}/documents/application-book`, { headers }).then(async (res) => {
        await res.arrayBuffer();
        order.push(`doc${i}`);
        return res.status;
      }),
    );
    const health = fetch(`${base}/healthz`).then(async (res) => {
      await res.json();
      order.push('healthz');
      return res.status;
    });
    expect(await health).toBe(200);
    // When /healthz answered, documents were still being rendered.
    const pendingAtHealth = 20 - order.indexOf('healthz');
    expect(pendingAtHealth).toBeGreaterThan(0);
    expect(await Promise.all(docs)).toEqual(Array(20).fill(200));
  }, 120_000);
});
