/**
 * Notices through the real app on both backends (第九条（四）（五）): a 公示 drafted from three
 * applications in 公示 (state set and `shortlist` recorded in the store), filled in by staff and
 * published; the public page lists exactly them with the 公示期; a later change to an
 * application leaves the published notice as it was (frozen); a correction is a new notice and
 * the old one says so; the Atom and JSON feeds parse; names are escaped; the Word file opens.
 * Then the notices of recognised centres: the 通告 of first-year failures (第十三条) and the
 * 撤销公告 (第十五条), drafted from the centres' records, published and public.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplicationRecord,
  createApplication,
  createOrganization,
  getApplication,
  listAudit,
  recordTransition,
  saveApplicationData,
  setApplicationState,
} from '@shenbao/store';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseInStore } from '../../../test/support/recognise';
import {
  type Applicant,
  BACKENDS,
  type Client,
  PROGRAM,
  startTestServer,
  type TestServer,
} from './support/app';

const REPO = join(import.meta.dirname, '..', '..', '..');
const read = (...p: string[]) => JSON.parse(readFileSync(join(REPO, ...p), 'utf8'));
const EXAMPLE = read('examples', 'application.json');
const PUBLICITY = read('examples', 'publicity-notice.json');
const SELF_ASSESSMENT = read('examples', 'self-assessment.json');
// The XML parser docgen already depends on (no new dependency for a test).
const { DOMParser } = createRequire(join(REPO, 'packages', 'docgen', 'package.json'))('@xmldom/xmldom') as {
  DOMParser: new () => { parseFromString(s: string, type: string): XmlDocument };
};
interface XmlNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface XmlDocument {
  documentElement: { namespaceURI: string | null; localName: string };
  getElementsByTagName(
    name: string,
  ): ArrayLike<XmlNode & { getElementsByTagName(n: string): ArrayLike<XmlNode> }>;
}

/** The visible text of a .docx body (runs joined, tags dropped). */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** What staff fill in: everything of the example 公示 but the list, the period and the year. */
const STAFF = {
  docNo: '东工信〔2026〕200号',
  call: PUBLICITY.call,
  objection: PUBLICITY.objection,
  date: '2026-09-24',
  issuedDate: '2026-09-24',
};

const CENTRES = [
  { brand: '松湖智造人工智能应用创新中心', operator: '东莞市松湖智联科技有限公司' },
  { brand: '<script>alert("公示")</script>莞智云中心', operator: '东莞莞智云信息技术有限公司' },
  { brand: '华南智造大模型赋能中心', operator: '东莞华南智造软件有限公司' },
];

describe.each(BACKENDS)('notices on $name', (backend) => {
  let s: TestServer;
  let staff: Client;
  let web: string;
  const apps: ApplicationRecord[] = [];

  /** An application of the example's data under `centre`'s names, moved to `state` (with a shortlist record). */
  async function application(i: number, state: string, year = 2026): Promise<ApplicationRecord> {
    const uscc = PUBLICITY.centers[i + (year - 2026) * 3].creditCode as string;
    const centre = CENTRES[i % 3] ?? { brand: '', operator: '' };
    const org = await createOrganization(s.db, {
      uscc,
      name: centre.operator,
      contact: '张三',
      mobile: '13800138000',
    });
    if (!org.ok) throw new Error('org');
    const data = structuredClone(EXAMPLE);
    data.applicant.name = centre.operator;
    data.applicant.creditCode = uscc;
    data.center.name = centre.brand;
    const made = await createApplication(s.db, {
      programId: PROGRAM,
      form: 'application',
      year,
      orgId: org.value.id,
      data,
      title: centre.brand,
      town: data.applicant.registeredTown,
      userId: null,
    });
    if (!made.ok) throw new Error('application');
    const moved = await setApplicationState(s.db, {
      id: made.value.id,
      version: made.value.version,
      state,
      receiptNo: `DGAI-${year}-000${i + 1}`,
      userId: null,
    });
    if (!moved?.ok) throw new Error('state');
    if (state === 'publicity')
      await recordTransition(s.db, {
        applicationId: made.value.id,
        transition: 'shortlist',
        from: 'meeting',
        to: 'publicity',
        actorId: null,
        actorRole: 'bureau',
        record: { meetingDate: '2026-09-20', startDate: '2026-09-24' },
      });
    return moved.record;
  }

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'shenbao-web-'));
    writeFileSync(join(web, 'index.html'), '<!DOCTYPE html><html><body>portal</body></html>');
    s = await startTestServer(backend, { env: { SHENBAO_WEB_DIST: web } });
    staff = (await s.account('staff', [PROGRAM])).client;
    for (let i = 0; i < 3; i++) apps.push(await application(i, 'publicity'));
    // In review: not on the list.
    const other = await createOrganization(s.db, {
      uscc: PUBLICITY.centers[11].creditCode,
      name: '东莞市评审中科技有限公司',
      contact: '李四',
      mobile: '13800138001',
    });
    if (!other.ok) throw new Error('org');
    const inReview = await createApplication(s.db, {
      programId: PROGRAM,
      form: 'application',
      year: 2026,
      orgId: other.value.id,
      data: EXAMPLE,
      title: '评审中',
      town: null,
      userId: null,
    });
    if (!inReview.ok) throw new Error('application');
    await setApplicationState(s.db, { id: inReview.value.id, version: 1, state: 'review', userId: null });
    s.clock.at = new Date('2026-09-26T10:00:00+08:00');
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    rmSync(web, { recursive: true, force: true });
  }, 60_000);

  let first: { id: string; version: number };
  let correction: { id: string };

  it('第九条（四）: a draft lists the three applications in 公示 with the 公示期 from the shortlist record', async () => {
    const r = await staff.post('/api/notices', {
      programId: PROGRAM,
      documentId: 'publicity-notice',
      year: 2026,
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      state: 'draft',
      version: 1,
      year: 2026,
      title: '关于2026年东莞市人工智能应用创新中心拟认定名单的公示',
      problems: [],
    });
    expect(r.json.data.centers.map((c: { brand: string }) => c.brand)).toEqual(CENTRES.map((c) => c.brand));
    expect(r.json.data.publicity).toEqual({ startDate: '2026-09-24', endDate: '2026-09-30' });
    expect(r.json.data.centers[0]).toEqual({
      brand: CENTRES[0]?.brand,
      operator: CENTRES[0]?.operator,
      creditCode: PUBLICITY.centers[0].creditCode,
      town: EXAMPLE.applicant.registeredTown,
    });
    // Nothing published before: staff fill everything but the derived parts.
    expect(Object.keys(r.json.form.properties)).not.toContain('centers');
    expect(r.json.errors.length).toBeGreaterThan(0);
    first = { id: r.json.id, version: r.json.version };
  });

  it('publishing an incomplete notice is refused with the fields named', async () => {
    const r = await staff.post(`/api/notices/${first.id}/publish`, { version: first.version });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('INVALID_DATA');
    expect(r.json.errors.length).toBeGreaterThan(0);
  });

  it('staff save their part; the list and the period stay as derived', async () => {
    const r = await staff.put(`/api/notices/${first.id}`, {
      data: { ...STAFF, centers: [], year: 1999 },
      version: first.version,
    });
    expect(r.status).toBe(200);
    expect(r.json.data.year).toBe(2026);
    expect(r.json.data.centers).toHaveLength(3);
    expect(r.json.data.docNo).toBe(STAFF.docNo);
    expect(r.json.errors).toEqual([]);
    const stale = await staff.put(`/api/notices/${first.id}`, { data: STAFF, version: first.version });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('STALE');
    first.version = r.json.version;
  });

  it('a draft is not public', async () => {
    const anon = s.client();
    expect((await anon.get(`/notices/${first.id}`)).status).toBe(404);
    expect((await anon.get(`/api/notices/${first.id}/document`)).status).toBe(404);
    expect((await anon.get('/notices')).text).not.toContain('拟认定名单的公示</a>');
  });

  it('publishes (audited); the public page lists exactly it with 文号, dates and the running 公示期', async () => {
    const r = await staff.post(`/api/notices/${first.id}/publish`, { version: first.version });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ state: 'published', publishedAt: expect.any(String) });
    const actions = (await listAudit(s.db, 'notice', first.id)).map((e) => e.action);
    expect(actions).toEqual(['create', 'save', 'publish']);

    const page = await s.client().get('/notices');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(page.text).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(page.text).toContain('<main>');
    expect(page.text.match(/<article /g)).toHaveLength(1);
    expect(page.text).toContain(
      `<a href="/notices/${first.id}">关于2026年东莞市人工智能应用创新中心拟认定名单的公示</a>`,
    );
    expect(page.text).toContain('<dt>发文字号</dt><dd>东工信〔2026〕200号</dd>');
    expect(page.text).toContain(
      '<dt>公示时间</dt><dd><time datetime="2026-09-24">2026年9月24日</time>至<time datetime="2026-09-30">2026年9月30日</time>（<span class="status-running">进行中</span>）</dd>',
    );

    const one = await s.client().get(`/notices/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain('<html lang="zh-CN">');
    expect(one.text).toContain('<main>');
    expect(one.text).toContain(`href="/api/notices/${first.id}/document?format=docx"`);
    for (const c of [CENTRES[0], CENTRES[2]]) expect(one.text).toContain(c?.brand);
    expect(one.text).toContain('公示时间：2026年9月24日至2026年9月30日');
    // The name is text, never markup.
    expect(one.text).not.toContain('<script>alert');
    expect(one.text).toContain('&lt;script&gt;alert(&quot;公示&quot;)&lt;/script&gt;莞智云中心');
  });

  it('the 公示 page is not swallowed by the portal, which still serves its own pages', async () => {
    expect((await s.client().get('/notices')).text).not.toContain('portal');
    const missing = await s
      .client()
      .request('GET', '/notices/999999', undefined, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('该公告不存在或尚未发布');
    expect((await s.client().get('/notices/999999')).json).toMatchObject({ code: 'NOT_FOUND' });
    expect((await s.client().get('/p/x/apply')).text).toContain('portal');
  });

  it('a later change to an application does not change the published notice (frozen)', async () => {
    const before = (await s.client().get(`/notices/${first.id}`)).text;
    const app = apps[0];
    if (!app) throw new Error('app');
    const data = structuredClone(app.data) as typeof EXAMPLE;
    data.center.name = '改名后的创新中心';
    const saved = await saveApplicationData(s.db, {
      id: app.id,
      version: app.version,
      data,
      title: 't',
      town: null,
      userId: null,
    });
    expect(saved?.ok).toBe(true);
    const after = (await s.client().get(`/notices/${first.id}`)).text;
    expect(after).toBe(before);
    expect(after).not.toContain('改名后的创新中心');
    const docx = await s.app.inject({ method: 'GET', url: `/api/notices/${first.id}/document?format=docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const text = docxText(docx.rawPayload);
    expect(text).toContain(CENTRES[0]?.brand);
    expect(text).toContain(CENTRES[1]?.brand);
    expect(text).not.toContain('改名后的创新中心');
    // Staff cannot edit or refresh it any more.
    const put = await staff.put(`/api/notices/${first.id}`, { data: STAFF, version: 3 });
    expect(put.status).toBe(409);
    expect(put.json.code).toBe('PUBLISHED');
    expect((await staff.post(`/api/notices/${first.id}/refresh`, { version: 3 })).json.code).toBe(
      'PUBLISHED',
    );
  });

  it('a correction is a new notice from live records; once published the old one says it was corrected', async () => {
    const c = await staff.post(`/api/notices/${first.id}/correct`);
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ state: 'draft', supersedes: first.id, data: { docNo: STAFF.docNo } });
    const again = await staff.post(`/api/notices/${first.id}/correct`);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'CORRECTION_EXISTS', id: c.json.id });
    const refreshed = await staff.post(`/api/notices/${c.json.id}/refresh`, { version: c.json.version });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.data.centers[0].brand).toBe('改名后的创新中心');
    const saved = await staff.put(`/api/notices/${c.json.id}`, {
      data: { ...refreshed.json.staff, docNo: '东工信〔2026〕201号' },
      version: refreshed.json.version,
    });
    expect(saved.status).toBe(200);
    const published = await staff.post(`/api/notices/${c.json.id}/publish`, { version: saved.json.version });
    expect(published.status).toBe(200);
    correction = { id: c.json.id };

    const old = (await s.client().get(`/notices/${first.id}`)).text;
    expect(old).toContain(`本公告已更正，请以<a href="/notices/${correction.id}">更正后的公告</a>为准。`);
    expect(old).not.toContain('改名后的创新中心');
    const fresh = (await s.client().get(`/notices/${correction.id}`)).text;
    expect(fresh).toContain('改名后的创新中心');
    expect(fresh).toContain(`<a href="/notices/${first.id}">`);
    const list = (await s.client().get('/notices')).text;
    expect(list.indexOf(`/notices/${correction.id}"`)).toBeLessThan(list.indexOf(`/notices/${first.id}"`));
  });

  it('the Atom feed parses and lists both notices, newest first', async () => {
    const r = await s.client().get('/notices/feed.xml');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const doc = new DOMParser().parseFromString(r.text, 'text/xml');
    expect(doc.documentElement.localName).toBe('feed');
    expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/2005/Atom');
    const entries = Array.from(doc.getElementsByTagName('entry'));
    expect(entries).toHaveLength(2);
    const ids = entries.map((e) => e.getElementsByTagName('id')[0]?.textContent);
    expect(ids).toEqual([
      `http://localhost:80/notices/${correction.id}`,
      `http://localhost:80/notices/${first.id}`,
    ]);
    expect(entries[1]?.getElementsByTagName('summary')[0]?.textContent).toContain('本公告已更正');
    expect(entries[0]?.getElementsByTagName('title')[0]?.textContent).toBe(
      '关于2026年东莞市人工智能应用创新中心拟认定名单的公示',
    );
  });

  it('the JSON Feed 1.1 parses, with the 公示期 of each item', async () => {
    const r = await s.client().get('/notices/feed.json');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/feed\+json/);
    expect(r.json).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: '公示公告' });
    expect(r.json.items.map((i: { url: string }) => i.url)).toEqual([
      `http://localhost:80/notices/${correction.id}`,
      `http://localhost:80/notices/${first.id}`,
    ]);
    expect(r.json.items[1]._shenbao).toMatchObject({
      docNo: STAFF.docNo,
      period: { startDate: '2026-09-24', endDate: '2026-09-30', status: 'running' },
      supersededBy: correction.id,
    });
    for (const item of r.json.items)
      expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
  });

  it('a new notice of the same kind is prefilled from the last published one', async () => {
    const r = await staff.post('/api/notices', {
      programId: PROGRAM,
      documentId: 'publicity-notice',
      year: 2026,
    });
    expect(r.status).toBe(201);
    expect(r.json.staff).toMatchObject({ objection: STAFF.objection, docNo: '东工信〔2026〕201号' });
  });

  it('only staff of the programme reach the staff API', async () => {
    const elsewhere = (await s.account('staff', ['another-programme'])).client;
    expect((await elsewhere.get(`/api/notices?programId=${PROGRAM}`)).status).toBe(403);
    expect((await elsewhere.get(`/api/notices/${first.id}`)).status).toBe(403);
    const applicant = (await s.applicant()).client;
    expect(
      (
        await applicant.post('/api/notices', {
          programId: PROGRAM,
          documentId: 'publicity-notice',
          year: 2026,
        })
      ).status,
    ).toBe(403);
    const list = await staff.get(`/api/notices?programId=${PROGRAM}&year=2026`);
    expect(list.status).toBe(200);
    expect(list.json.length).toBe(3);
    expect(
      (await staff.post('/api/notices', { programId: PROGRAM, documentId: 'application-book', year: 2026 }))
        .status,
    ).toBe(404);
  });

  describe('notices of recognised centres (第十三条, 第十五条)', () => {
    const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);
    const GOALS = {
      softwareRevenue: 1500,
      localManufacturersServed: 30,
      localTeamSize: 32,
      hallArea: 360,
      hallFunctions: ['case-display', 'product-experience', 'training'],
      matchmakingEvents: 6,
      trainingSessions: 12,
    };
    const failing = { id: '', a: undefined as Applicant | undefined };
    const renamed = { id: '', a: undefined as Applicant | undefined };
    const missed = { id: '', a: undefined as Applicant | undefined };

    /** A new enterprise whose 2026 application is recognised with `brand`. */
    async function centre(brand: string): Promise<{ a: Applicant; id: string }> {
      const a = await s.applicant();
      const made = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
      expect(made.status).toBe(201);
      const record = await getApplication(s.db, made.json.id);
      if (!record) throw new Error('application not created');
      await recogniseInStore(s.db, record, {
        brand,
        operator: a.orgName,
        date: '2026-10-20',
        receiptNo: `DGAI-2026-09${brand.length}${record.id.slice(-3)}`,
      });
      return { a, id: record.id };
    }

    beforeAll(async () => {
      // 凤岗: fails its first assessment (10 of 12 trainings) → the 通告.
      const f = await centre('凤岗AI创新中心');
      Object.assign(failing, f);
      s.clock.at = at('2027-01-15');
      expect((await f.a.client.put(`/api/centres/${f.id}/years/2026/goals`, { goals: GOALS })).status).toBe(
        200,
      );
      const sa = structuredClone(SELF_ASSESSMENT);
      sa.centre = {
        name: '凤岗AI创新中心',
        operator: f.a.orgName,
        creditCode: f.a.uscc,
        recognitionYear: 2026,
        assessmentYear: 2026,
      };
      const put = await f.a.client.put(`/api/centres/${f.id}/years/2026/self-assessment`, { data: sa });
      expect(put.status, put.text).toBe(200);
      const judged = await staff.post(`/api/centres/${f.id}/years/2026/assessment`, {});
      expect(judged.status, judged.text).toBe(200);
      expect(judged.json.year.consequence).toMatchObject({ action: 'notice', document: 'failure-notice' });

      // 谢岗: reports a rename for 2027-05-31, is revoked on ground (三) on 2027-03-15.
      const r = await centre('谢岗AI创新中心');
      Object.assign(renamed, r);
      s.clock.at = at('2027-03-01');
      const change = await r.a.client.post(`/api/centres/${r.id}/changes`, {
        kind: '更名',
        plannedDate: '2027-05-31',
        newBrand: '谢岗新名AI创新中心',
      });
      expect(change.status, change.text).toBe(201);
      s.clock.at = at('2027-03-15');
      const three = await staff.post(`/api/centres/${r.id}/revoke`, { ground: 3, reason: '连续两年不达标' });
      expect(three.status, three.text).toBe(200);

      // 桥头: revoked on ground (二) on 2027-05-10: two years' ban.
      const m = await centre('桥头AI创新中心');
      Object.assign(missed, m);
      s.clock.at = at('2027-05-10');
      const two = await staff.post(`/api/centres/${m.id}/revoke`, { ground: 2, reason: '未参加考核' });
      expect(two.status, two.text).toBe(200);
      s.clock.at = at('2027-06-10');
    }, 180_000);

    /** Drafts, fills and publishes a notice; returns the published view. */
    async function publish(documentId: string, year: number, fill: Record<string, unknown>) {
      const draft = await staff.post('/api/notices', { programId: PROGRAM, documentId, year });
      expect(draft.status, draft.text).toBe(201);
      const saved = await staff.put(`/api/notices/${draft.json.id}`, {
        data: { ...draft.json.staff, ...fill },
        version: draft.json.version,
      });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.json.errors).toEqual([]);
      const published = await staff.post(`/api/notices/${draft.json.id}/publish`, {
        version: saved.json.version,
      });
      expect(published.status, published.text).toBe(200);
      return { draft: draft.json, published: published.json };
    }

    it('第十三条: the 通告 lists the first-year failure with its failed indicator, and goes public', async () => {
      const { draft, published } = await publish('failure-notice', 2026, {
        assessor: '专家组',
        date: '2027-06-10',
        issuedDate: '2027-06-10',
      });
      expect(draft.problems).toEqual([]);
      expect(draft.title).toBe('关于2026年度东莞市人工智能应用创新中心首年绩效考核不达标情况的通告');
      expect(draft.data.centers).toEqual([
        {
          brand: '凤岗AI创新中心',
          operator: failing.a?.orgName,
          creditCode: failing.a?.uscc,
          failedIndicators: [{ title: '人才培训', unit: '场', target: 12, actual: 10 }],
        },
      ]);
      const page = await s.client().get(`/notices/${published.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('凤岗AI创新中心');
      expect(page.text).toContain('人才培训：目标12场，实际完成10场');
      const docx = await s.app.inject({ method: 'GET', url: `/api/notices/${published.id}/document` });
      expect(docx.statusCode).toBe(200);
      const text = docxText(docx.rawPayload);
      expect(text).toContain('凤岗AI创新中心');
      expect(text).toContain(failing.a?.orgName);
      expect(text).toContain('人才培训');
    });

    it('第十五条: the 撤销公告 names brand (as at the revocation), operator, ground and 不得重新申请', async () => {
      // The rename took effect after the revocation: the centre is called otherwise now.
      expect((await staff.get(`/api/centres/${renamed.id}`)).json.brand).toBe('谢岗新名AI创新中心');
      const { draft, published } = await publish('revocation-announcement', 2027, {
        docNo: '东工信〔2027〕88号',
        date: '2027-06-10',
        issuedDate: '2027-06-10',
      });
      expect(draft.problems).toEqual([]);
      expect(draft.data.centers).toEqual([
        {
          brand: '谢岗AI创新中心',
          operator: renamed.a?.orgName,
          creditCode: renamed.a?.uscc,
          groundId: 3,
          groundText: '连续两年绩效考核不达标',
          groundArticle: '第十四条第（三）项',
          banText: '不得重新申请认定',
        },
        {
          brand: '桥头AI创新中心',
          operator: missed.a?.orgName,
          creditCode: missed.a?.uscc,
          groundId: 2,
          groundText: '未按规定参加绩效考核',
          groundArticle: '第十四条第（二）项',
          banText: '两年内不得重新申请认定（至2029年5月9日）',
          banUntil: '2029-05-09',
        },
      ]);
      const list = (await s.client().get('/notices')).text;
      expect(list).toContain(
        `<a href="/notices/${published.id}">关于撤销部分东莞市人工智能应用创新中心称号的公告</a>`,
      );
      const page = (await s.client().get(`/notices/${published.id}`)).text;
      expect(page).toContain('谢岗AI创新中心');
      expect(page).not.toContain('谢岗新名AI创新中心');
      expect(page).toContain('连续两年绩效考核不达标（第十四条第（三）项）');
      expect(page).toContain('两年内不得重新申请认定（至2029年5月9日）');
      const docx = await s.app.inject({
        method: 'GET',
        url: `/api/notices/${published.id}/document?format=docx`,
      });
      expect(docx.statusCode).toBe(200);
      const text = docxText(docx.rawPayload);
      for (const piece of [
        '谢岗AI创新中心',
        renamed.a?.orgName as string,
        renamed.a?.uscc as string,
        '连续两年绩效考核不达标',
        '不得重新申请',
        '东工信〔2027〕88号',
      ])
        expect(text).toContain(piece);
    });

    it('a year without revocations drafts an empty list, named as a problem', async () => {
      const r = await staff.post('/api/notices', {
        programId: PROGRAM,
        documentId: 'revocation-announcement',
        year: 2026,
      });
      expect(r.status).toBe(201);
      expect(r.json.data.centers).toEqual([]);
      expect(r.json.problems).toEqual(['名单为空：2026年度没有被撤销的创新中心']);
    });
  });
});
