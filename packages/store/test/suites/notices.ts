/** Notices: drafts saved by version, published once with frozen data and HTML, corrected by a new notice. */
import { describe, expect, it } from 'vitest';
import {
  correctNotice,
  createNotice,
  getNotice,
  lastPublishedNotice,
  listNoticeSources,
  listNotices,
  listPublishedNotices,
  publishNotice,
  recordTransition,
  saveNotice,
  setApplicationState,
} from '../../src/index';
import { newApplication } from './procedure-support';
import { ISO, type Suite, unique } from './suite';

export function noticesSuite({ db, newOrg, newUser }: Suite): void {
  describe('notices', () => {
    const draft = async (programId: string, userId: string | null = null) =>
      createNotice(db, {
        programId,
        documentId: 'publicity-notice',
        year: 2026,
        title: '关于2026年拟认定名单的公示',
        data: { year: 2026, centers: [{ brand: '甲中心' }] },
        summary: { docNo: '东工信〔2026〕1号' },
        userId,
      });

    it('a draft is saved by version only; a stale version gets the current record back', async () => {
      const staff = await newUser('staff', null, ['*']);
      const n = await draft(unique('prog'), staff.id);
      expect(n).toMatchObject({
        state: 'draft',
        version: 1,
        html: null,
        supersedes: null,
        createdBy: staff.id,
      });
      expect(n.id).toMatch(/^\d+$/);
      expect(n.createdAt).toMatch(ISO);
      const saved = await saveNotice(db, {
        id: n.id,
        version: 1,
        data: { year: 2026, centers: [], docNo: 'x' },
        title: '新标题',
        summary: { docNo: 'x' },
      });
      expect(saved).toMatchObject({
        ok: true,
        record: { version: 2, title: '新标题', summary: { docNo: 'x' } },
      });
      const stale = await saveNotice(db, { id: n.id, version: 1, data: {}, title: 't', summary: {} });
      expect(stale).toMatchObject({ ok: false, current: { version: 2 } });
      expect(
        await saveNotice(db, { id: '999999999', version: 1, data: {}, title: 't', summary: {} }),
      ).toBeUndefined();
      expect(
        await saveNotice(db, { id: 'abc', version: 1, data: {}, title: 't', summary: {} }),
      ).toBeUndefined();
      expect(await getNotice(db, 'abc')).toBeUndefined();
    });

    it('publishing freezes data and HTML, only from a draft; a published notice is not saved again', async () => {
      const staff = await newUser('staff', null, ['*']);
      const programId = unique('prog');
      const n = await draft(programId);
      const published = await publishNotice(db, {
        id: n.id,
        version: 1,
        data: { year: 2026, final: true },
        html: '<article>公示</article>',
        title: '定稿',
        summary: { docNo: '东工信〔2026〕2号' },
        userId: staff.id,
      });
      if (!published?.ok) throw new Error('not published');
      expect(published.record).toMatchObject({
        state: 'published',
        version: 2,
        html: '<article>公示</article>',
        data: { year: 2026, final: true },
        publishedBy: staff.id,
      });
      expect(published.record.publishedAt).toMatch(ISO);
      const again = await publishNotice(db, {
        id: n.id,
        version: 2,
        data: {},
        html: 'x',
        title: 'x',
        summary: {},
        userId: null,
      });
      expect(again).toMatchObject({
        ok: false,
        current: { state: 'published', html: '<article>公示</article>' },
      });
      const save = await saveNotice(db, { id: n.id, version: 2, data: {}, title: 'x', summary: {} });
      expect(save).toMatchObject({ ok: false, current: { data: { year: 2026, final: true } } });
      expect((await lastPublishedNotice(db, programId, 'publicity-notice'))?.id).toBe(n.id);
      expect(await lastPublishedNotice(db, programId, 'recognition-notice')).toBeUndefined();
    });

    it('a correction is a new draft superseding the published notice, marked when it is published', async () => {
      const programId = unique('prog');
      const n = await draft(programId);
      expect(await correctNotice(db, { id: n.id, userId: null })).toMatchObject({
        ok: false,
        conflict: 'not-published',
      });
      await publishNotice(db, {
        id: n.id,
        version: 1,
        data: { v: 1 },
        html: 'v1',
        title: 't',
        summary: {},
        userId: null,
      });
      const c = await correctNotice(db, { id: n.id, userId: null });
      if (!c?.ok) throw new Error('no correction');
      expect(c.record).toMatchObject({
        state: 'draft',
        supersedes: n.id,
        data: { v: 1 },
        version: 1,
        html: null,
      });
      expect(await correctNotice(db, { id: n.id, userId: null })).toEqual({
        ok: false,
        conflict: 'exists',
        existingId: c.record.id,
      });
      expect((await getNotice(db, n.id))?.supersededBy).toBeNull();
      await publishNotice(db, {
        id: c.record.id,
        version: 1,
        data: { v: 2 },
        html: 'v2',
        title: 't',
        summary: {},
        userId: null,
      });
      const old = await getNotice(db, n.id);
      expect(old).toMatchObject({
        supersededBy: c.record.id,
        html: 'v1',
        data: { v: 1 },
        state: 'published',
      });
      expect(await correctNotice(db, { id: '999999999', userId: null })).toBeUndefined();

      const listed = await listNotices(db, { programId });
      expect(listed.map((x) => x.id)).toEqual([c.record.id, n.id]);
      expect(listed[0]).not.toHaveProperty('data');
      expect(await listNotices(db, { programId, programs: ['other'] })).toEqual([]);
      const pub = await listPublishedNotices(db, 1000);
      const mine = pub.filter((x) => x.programId === programId).map((x) => x.id);
      expect(mine).toEqual([c.record.id, n.id]);
    });

    it('the sources: applications of the year in the states, with the latest record of each transition', async () => {
      const programId = unique('prog');
      const staff = await newUser('staff', null, ['*']);
      const apps = [];
      for (const name of ['甲', '乙', '丙'])
        apps.push(await newApplication(db, await newOrg(`${name}公司`), { programId }));
      const [a, b, c] = apps;
      if (!a || !b || !c) throw new Error('apps');
      for (const [app, state, receipt] of [
        [a, 'publicity', 'R-2'],
        [b, 'publicity', 'R-1'],
        [c, 'review', 'R-3'],
      ] as const) {
        await setApplicationState(db, {
          id: app.id,
          version: app.version,
          state,
          receiptNo: receipt,
          userId: null,
        });
      }
      for (const start of ['2026-09-01', '2026-09-24'])
        await recordTransition(db, {
          applicationId: a.id,
          transition: 'shortlist',
          from: 'meeting',
          to: 'publicity',
          actorId: staff.id,
          actorRole: 'bureau',
          record: { startDate: start },
        });
      const rows = await listNoticeSources(db, {
        programId,
        year: 2026,
        states: ['publicity'],
        transitions: ['shortlist', 'recognise'],
      });
      expect(rows.map((r) => [r.id, r.receiptNo, r.records])).toEqual([
        [b.id, 'R-1', {}],
        [a.id, 'R-2', { shortlist: { startDate: '2026-09-24' } }],
      ]);
      expect(rows[0]?.data).toEqual({});
      const all = await listNoticeSources(db, { programId, year: 2026, transitions: [] });
      expect(all.length).toBe(3);
      expect(await listNoticeSources(db, { programId, year: 2027, transitions: [] })).toEqual([]);
    });
  });
}
