/**
 * Applications: one draft per organisation, programme and year; reading with ETag; saving
 * with versions (two sessions racing on one draft: one wins, the other gets 409 with the
 * current record and loses nothing); lists filtered by role, with literal text search and
 * paging; and another organisation's drafts out of reach.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAudit, saveApplicationData } from '@shenbao/store';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config';
import { type Applicant, PROGRAM, type TestServer } from '../support/app';

const example = () => JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'application.json'), 'utf8'));

async function draft(a: Applicant, year = 2026): Promise<{ id: string; version: number }> {
  const r = await a.client.post('/api/applications', { programId: PROGRAM, year });
  if (r.status !== 201) throw new Error(`create → ${r.status} ${r.text}`);
  return { id: r.json.id, version: r.json.version };
}

export function applicationSuite(s: () => TestServer): void {
  describe('applications', () => {
    it('creates one draft per organisation, programme and year', async () => {
      const a = await s().applicant();
      const r = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({
        programId: PROGRAM,
        form: 'application',
        year: 2026,
        orgId: a.orgId,
        orgName: a.orgName,
        orgUscc: a.uscc,
        state: 'draft',
        data: {},
        version: 1,
        receiptNo: null,
        submittedAt: null,
        title: a.orgName,
        town: null,
      });
      const again = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
      expect(again.status).toBe(409);
      expect(again.json).toMatchObject({ code: 'EXISTS', id: r.json.id });
      expect(again.json.message).toBe('本单位已有该项目本年度的申报，请继续填写');
      const next = await a.client.post('/api/applications', { programId: PROGRAM, year: 2027 });
      expect(next.status).toBe(201);
      expect((await listAudit(s().db, 'application', r.json.id)).map((e) => e.action)).toEqual(['create']);
    });

    it('refuses an unknown programme and a year outside the measures', async () => {
      const a = await s().applicant();
      const unknown = await a.client.post('/api/applications', { programId: 'no-such', year: 2026 });
      expect(unknown.status).toBe(404);
      expect(unknown.json.message).toBe('项目“no-such”不存在');
      const late = await a.client.post('/api/applications', { programId: PROGRAM, year: 2031 });
      expect(late.status).toBe(400);
      expect(late.json.message).toBe('2031年不在本办法有效期内（2026–2028年，第十八条）');
      const typo = await a.client.post('/api/applications', { programId: PROGRAM, year: '2026年' });
      expect(typo.status).toBe(400);
      expect(typo.json.message).toBe('「年度」应为整数');
    });

    it('reads a draft with its ETag and answers 304 when unchanged', async () => {
      const a = await s().applicant();
      const { id } = await draft(a);
      const r = await a.client.get(`/api/applications/${id}`);
      expect(r.status).toBe(200);
      expect(r.headers.etag).toBe('"v1"');
      const same = await a.client.request('GET', `/api/applications/${id}`, undefined, {
        headers: { 'if-none-match': '"v1"' },
      });
      expect(same.status).toBe(304);
    });

    it('saves data with the version, denormalises title and town from program.json pointers, audits the patch', async () => {
      const a = await s().applicant();
      const { id, version } = await draft(a);
      const data = example();
      const r = await a.client.put(`/api/applications/${id}`, { data, version });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ id, version: version + 1, updatedAt: expect.any(String) });
      const got = await a.client.get(`/api/applications/${id}`);
      expect(got.json.data).toEqual(data);
      expect(got.json.title).toBe(data.applicant.name);
      expect(got.json.town).toBe(data.applicant.registeredTown);
      data.applicant.staffCount = 170;
      await a.client.put(`/api/applications/${id}`, { data, version: version + 1 });
      const log = await listAudit(s().db, 'application', id);
      expect(log.map((e) => e.action)).toEqual(['create', 'save', 'save']);
      expect(log[2]?.patch).toEqual([{ op: 'replace', path: '/applicant/staffCount', value: 170 }]);
      expect(log[2]).toMatchObject({ actorId: a.userId, actorRole: 'applicant', ip: a.client.ip });
    });

    it('a save based on a version written elsewhere (another process) diffs against that version, not a remembered one', async () => {
      const a = await s().applicant();
      const { id, version } = await draft(a);
      const data = example();
      expect((await a.client.put(`/api/applications/${id}`, { data, version })).status).toBe(200);
      // Another server process saves version + 2 straight into the database.
      const elsewhere = { ...data, applicant: { ...data.applicant, staffCount: 171 } };
      const w = await saveApplicationData(s().db, {
        id,
        version: version + 1,
        data: elsewhere,
        title: data.applicant.name,
        town: null,
        userId: a.userId,
      });
      expect(w?.ok).toBe(true);
      // A save on the old version is stale, even though this process remembers that version.
      const old = await a.client.put(`/api/applications/${id}`, { data, version: version + 1 });
      expect(old.status).toBe(409);
      expect(old.json.current.data.applicant.staffCount).toBe(171);
      const next = { ...elsewhere, applicant: { ...elsewhere.applicant, staffCount: 172 } };
      expect(
        (await a.client.put(`/api/applications/${id}`, { data: next, version: version + 2 })).status,
      ).toBe(200);
      const log = await listAudit(s().db, 'application', id);
      expect(log.at(-1)?.patch).toEqual([{ op: 'replace', path: '/applicant/staffCount', value: 172 }]);
      expect(log.filter((e) => e.action === 'save')).toHaveLength(2);
    });

    it('drafts are guarded, not validated: incomplete data saves, forbidden keys do not', async () => {
      const a = await s().applicant();
      const { id, version } = await draft(a);
      const partial = await a.client.put(`/api/applications/${id}`, {
        data: { applicant: { name: '半' } },
        version,
      });
      expect(partial.status).toBe(200);
      const bad = await a.client.request('PUT', `/api/applications/${id}`, undefined, {
        raw: `{"version":${version + 1},"data":{"applicant":{"constructor":{"prototype":{"x":1}}}}}`,
      });
      expect(bad.status).toBe(400);
      expect(bad.json.path).toBe('/data/applicant/constructor');
      const notObject = await a.client.put(`/api/applications/${id}`, { data: [1, 2], version: version + 1 });
      expect(notObject.status).toBe(400);
      expect(notObject.json.message).toBe('「申报数据」应为对象');
    });

    it('two sessions save the same draft on the same version: one wins, the other gets 409 with current and loses nothing', async () => {
      const a = await s().applicant();
      const colleagueLogin = `139${String(Date.now()).slice(-8)}`;
      const invite = await a.client.post('/api/org/users', {
        name: '同事',
        mobile: colleagueLogin,
        password: 'Colleague-2',
      });
      expect(invite.status).toBe(201);
      const b = s().client();
      expect((await b.login(colleagueLogin, 'Colleague-2')).status).toBe(200);

      const { id } = await draft(a);
      const base = (await a.client.get(`/api/applications/${id}`)).json;
      const mine = { ...base.data, applicant: { name: '甲写的单位名称' } };
      const theirs = { ...base.data, center: { name: '乙写的中心名称' } };
      const [ra, rb] = await Promise.all([
        a.client.put(`/api/applications/${id}`, { data: mine, version: base.version }),
        b.put(`/api/applications/${id}`, { data: theirs, version: base.version }),
      ]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses).toEqual([200, 409]);
      const aLost = ra.status === 409;
      const loser = aLost ? ra : rb;
      expect(loser.json.code).toBe('STALE');
      expect(loser.json.message).toBe('数据已被他人修改，请基于最新版本重试');
      expect(loser.json.current.version).toBe(base.version + 1);
      // The loser merges its own change into what is there now and resends on the new version.
      const merged = aLost
        ? { ...loser.json.current.data, applicant: mine.applicant }
        : { ...loser.json.current.data, center: theirs.center };
      const client = aLost ? a.client : b;
      const resent = await client.put(`/api/applications/${id}`, {
        data: merged,
        version: loser.json.current.version,
      });
      expect(resent.status).toBe(200);
      const final = (await a.client.get(`/api/applications/${id}`)).json;
      expect(final.version).toBe(base.version + 2);
      expect(final.data.applicant).toEqual({ name: '甲写的单位名称' });
      expect(final.data.center).toEqual({ name: '乙写的中心名称' });
    });

    it('lists only the own organisation, with literal search, filters and paging', async () => {
      const a = await s().applicant();
      const names: Record<number, string> = { 2026: '甲乙丙科技', 2027: '甲%乙科技', 2028: '甲_乙科技' };
      for (const year of [2026, 2027, 2028]) {
        const { id, version } = await draft(a, year);
        const data = {
          applicant: { name: names[year], registeredTown: year === 2026 ? '441900401' : '441900101' },
        };
        expect((await a.client.put(`/api/applications/${id}`, { data, version })).status).toBe(200);
      }
      const other = await s().applicant({ orgName: '甲乙丙另一家' });
      await draft(other);
      const list = async (q: string) => (await a.client.get(`/api/applications?${q}`)).json;
      const all = await list('');
      expect(all.total).toBe(3);
      expect(all.items.every((i: { orgId: string }) => i.orgId === a.orgId)).toBe(true);
      expect(all.items[0]).not.toHaveProperty('data');
      expect((await list(`q=${encodeURIComponent('%')}`)).items.map((i: { year: number }) => i.year)).toEqual(
        [2027],
      );
      expect((await list(`q=${encodeURIComponent('_')}`)).items.map((i: { year: number }) => i.year)).toEqual(
        [2028],
      );
      expect((await list(`q=${encodeURIComponent("' OR '1'='1")}`)).total).toBe(0);
      expect((await list('q=甲')).total).toBe(3);
      expect((await list('town=441900401')).items.map((i: { year: number }) => i.year)).toEqual([2026]);
      expect((await list('year=2027&state=draft')).total).toBe(1);
      const page1 = await list('pageSize=2&page=1');
      const page2 = await list('pageSize=2&page=2');
      expect([page1.items.length, page2.items.length, page1.total]).toEqual([2, 1, 3]);
      expect(new Set([...page1.items, ...page2.items].map((i: { id: string }) => i.id)).size).toBe(3);
      const badPage = await a.client.get('/api/applications?pageSize=1000');
      expect(badPage.status).toBe(400);
      expect(badPage.json.message).toBe('「每页条数」不能大于100');
      // Parameters the API does not document do not reach the store's filter.
      const sneaky = await a.client.get(`/api/applications?orgId=${other.orgId}&excludeStates=x&programs=y`);
      expect(sneaky.status).toBe(200);
      expect(sneaky.json.total).toBe(3);
    });

    it("another organisation's application answers 404 to read, save, submit and withdraw", async () => {
      const a = await s().applicant();
      const b = await s().applicant();
      const { id, version } = await draft(a);
      for (const r of [
        await b.client.get(`/api/applications/${id}`),
        await b.client.put(`/api/applications/${id}`, { data: { x: 1 }, version }),
        await b.client.post(`/api/applications/${id}/submit`, { version }),
        await b.client.post(`/api/applications/${id}/withdraw`, { version }),
        await b.client.get(`/api/applications/${id}/receipt`),
      ]) {
        expect(r.status).toBe(404);
        expect(r.json.message).toBe('申报不存在');
      }
      expect((await a.client.get(`/api/applications/${id}`)).json.version).toBe(version);
    });

    it('staff and reviewers never see drafts', async () => {
      const a = await s().applicant();
      const { id } = await draft(a);
      const staff = await s().account('staff', [PROGRAM]);
      const r = await staff.client.get(`/api/applications/${id}`);
      expect(r.status).toBe(403);
      expect(r.json.message).toBe('申报尚未提交，暂不能查看');
      const list = await staff.client.get(`/api/applications?q=${encodeURIComponent(a.orgName)}`);
      expect(list.json.total).toBe(0);
      const admin = await s().account('admin');
      expect((await admin.client.get(`/api/applications/${id}`)).status).toBe(403);
      expect((await admin.client.get('/api/applications')).status).toBe(403);
    });
  });
}
