/**
 * Yearly targets as live data: the seeded 2026 year, a 2027 draft that staff create, correct
 * and publish (validated, versioned, audited), what everyone else sees of it, and who may not
 * touch it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAudit } from '@shenbao/store';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config';
import { PROGRAM, type TestServer } from '../support/app';

const url = (year: number) => `/api/programs/${PROGRAM}/targets/${year}`;
const read = (rel: string) => JSON.parse(readFileSync(join(REPO_ROOT, rel), 'utf8'));

export function targetSuite(s: () => TestServer): void {
  describe('targets', () => {
    it('2026 was seeded as published from the programme file, audited as system', async () => {
      const r = await s().client().get(url(2026));
      expect(r.status).toBe(200);
      expect(r.json.published).toEqual(read(`schemas/${PROGRAM}/targets/2026.json`));
      expect(r.json.publishedAt).toEqual(expect.any(String));
      expect(r.json.callWindow).toEqual({
        open: true,
        opens: '2026-03-12T00:00:00+08:00',
        closes: '2026-03-20T17:30:00+08:00',
        reason: null,
      });
      // Not staff: no draft, no previous year.
      expect(r.json).not.toHaveProperty('draft');
      expect(r.json).not.toHaveProperty('previous');
      const log = await listAudit(s().db, 'targets', `${PROGRAM}/2026`);
      expect(log[0]).toMatchObject({ action: 'seed', actorRole: 'system', actorId: null });
    });

    it('the call window follows the clock: closed after 17:30 on the closing day', async () => {
      const saved = s().clock.at;
      s().clock.at = new Date('2026-03-20T17:31:00+08:00');
      try {
        const r = await s().client().get(url(2026));
        expect(r.json.callWindow.open).toBe(false);
        expect(r.json.callWindow.reason).toBe('申报已于2026年3月20日 17:30截止');
      } finally {
        s().clock.at = saved;
      }
    });

    it('staff create a 2027 draft, fix it, publish it; others see it only once published', async () => {
      const staff = await s().account('staff', [PROGRAM]);
      const data = read('examples/targets-2027.json');

      const created = await staff.client.put(url(2027), { data, version: 0 });
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        year: 2027,
        version: 1,
        hasDraft: true,
        published: null,
        draft: data,
      });
      expect(created.json.previous).toEqual({
        year: 2026,
        data: read(`schemas/${PROGRAM}/targets/2026.json`),
      });
      expect(created.json.callWindow).toMatchObject({ open: false, reason: '2027年度认定要求尚未发布' });

      expect((await s().client().get(url(2027))).status).toBe(404);
      const publicList = await s().client().get(`/api/programs/${PROGRAM}/targets`);
      expect(publicList.json.map((t: { year: number }) => t.year)).not.toContain(2027);
      const staffList = await staff.client.get(`/api/programs/${PROGRAM}/targets`);
      expect(staffList.json.find((t: { year: number }) => t.year === 2027)).toMatchObject({
        published: false,
        hasDraft: true,
      });

      const again = await staff.client.put(url(2027), { data, version: 0 });
      expect(again.status).toBe(409);
      expect(again.json).toMatchObject({ code: 'STALE', current: { version: 1, draft: data } });

      const raised = structuredClone(data);
      raised.commitments.softwareRevenue.minimum = 2000;
      const saved = await staff.client.put(url(2027), { data: raised, version: 1 });
      expect(saved.status).toBe(200);
      expect(saved.json.version).toBe(2);

      const stalePublish = await staff.client.post(`${url(2027)}/publish`, { version: 1 });
      expect(stalePublish.status).toBe(409);
      expect(stalePublish.json.code).toBe('STALE');
      const published = await staff.client.post(`${url(2027)}/publish`, { version: 2 });
      expect(published.status).toBe(200);
      expect(published.json).toMatchObject({ version: 3, hasDraft: false, draft: null, published: raised });

      const seen = await s().client().get(url(2027));
      expect(seen.status).toBe(200);
      expect(seen.json.published.commitments.softwareRevenue.minimum).toBe(2000);
      expect(seen.json.callWindow).toMatchObject({ open: false, opens: '2027-03-01T09:00:00+08:00' });
      expect(seen.json.callWindow.reason).toBe('申报尚未开始（2027年3月1日 9:00开始）');

      const nothing = await staff.client.post(`${url(2027)}/publish`, { version: 3 });
      expect(nothing.status).toBe(409);
      expect(nothing.json).toMatchObject({ code: 'NO_DRAFT', message: '2027年度没有待发布的草稿' });

      const log = await listAudit(s().db, 'targets', `${PROGRAM}/2027`);
      expect(log.map((e) => e.action)).toEqual(['create-draft', 'save-draft', 'publish']);
      expect(log[1]?.patch).toEqual([
        { op: 'replace', path: '/commitments/softwareRevenue/minimum', value: 2000 },
      ]);
      expect(log.every((e) => e.actorId === staff.userId && e.actorRole === 'staff')).toBe(true);
    });

    it('data that does not fit the targets form is 400 with each field named in Chinese', async () => {
      const staff = await s().account('staff', [PROGRAM]);
      const data = read('examples/targets-2027.json');
      data.commitments.softwareRevenue.minimum = '很多';
      delete data.call;
      const r = await staff.client.put(url(2029), { data, version: 0 });
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('VALIDATION');
      const paths = r.json.errors.map((e: { path: string }) => e.path);
      expect(paths).toContain('/call');
      expect(paths).toContain('/commitments/softwareRevenue/minimum');
      for (const e of r.json.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await staff.client.get(url(2029))).status).toBe(404);
    });

    it('only staff of the programme may edit: others are 403, anonymous 401', async () => {
      const data = read('examples/targets-2027.json');
      const other = await s().account('staff', ['mini-grant']);
      const r = await other.client.put(url(2030), { data, version: 0 });
      expect(r.status).toBe(403);
      expect(r.json.message).toBe('您不负责该项目');
      const a = await s().applicant();
      expect((await a.client.put(url(2030), { data, version: 0 })).status).toBe(403);
      const reviewer = await s().account('reviewer');
      expect((await reviewer.client.post(`${url(2026)}/publish`, { version: 1 })).status).toBe(403);
      const anon = await s().client().anonymous();
      expect((await anon.put(url(2030), { data, version: 0 })).status).toBe(401);
    });
  });
}
