/** Yearly targets, bans (第十五条) and the append-only audit log. */
import { describe, expect, it } from 'vitest';
import {
  appendAudit,
  createBan,
  diff,
  getTargets,
  listAudit,
  listBans,
  listTargets,
  publishTargets,
  saveTargetsDraft,
  seedPublishedTargets,
} from '../../src/index';
import { ISO, type Suite, unique } from './suite';

export function targetsAndAuditSuite({ db, newOrg, newUser }: Suite): void {
  describe('yearly targets', () => {
    it('draft → publish, versioned; version 0 creates a year once', async () => {
      const program = unique('targets-');
      const staff = await newUser('staff', null, ['*']);
      expect(await getTargets(db, program, 2027)).toBeUndefined();
      const created = await saveTargetsDraft(db, {
        programId: program,
        year: 2027,
        data: { min: 1 },
        version: 0,
        userId: staff.id,
      });
      expect(created).toMatchObject({
        ok: true,
        record: { version: 1, draft: { min: 1 }, published: null, publishedAt: null },
      });
      const twice = await saveTargetsDraft(db, {
        programId: program,
        year: 2027,
        data: { min: 9 },
        version: 0,
        userId: staff.id,
      });
      expect(twice).toMatchObject({ ok: false, current: { version: 1, draft: { min: 1 } } });
      const edited = await saveTargetsDraft(db, {
        programId: program,
        year: 2027,
        data: { min: 2 },
        version: 1,
        userId: staff.id,
      });
      expect(edited).toMatchObject({ ok: true, record: { version: 2, draft: { min: 2 } } });
      expect(
        await saveTargetsDraft(db, { programId: program, year: 2027, data: {}, version: 1, userId: null }),
      ).toMatchObject({
        ok: false,
        current: { version: 2 },
      });
      expect(
        await publishTargets(db, { programId: program, year: 2027, version: 1, userId: staff.id }),
      ).toMatchObject({ ok: false });
      const published = await publishTargets(db, {
        programId: program,
        year: 2027,
        version: 2,
        userId: staff.id,
      });
      expect(published).toMatchObject({
        ok: true,
        record: { version: 3, draft: null, published: { min: 2 } },
      });
      expect(published?.ok && published.record.publishedAt).toMatch(ISO);
      // Nothing left to publish: not ok, with the same version and no draft.
      expect(
        await publishTargets(db, { programId: program, year: 2027, version: 3, userId: staff.id }),
      ).toMatchObject({
        ok: false,
        current: { version: 3, draft: null },
      });
      expect(
        await saveTargetsDraft(db, { programId: program, year: 2030, data: {}, version: 5, userId: null }),
      ).toBeUndefined();
    });

    it('seeds a shipped year as published once, and lists years in order', async () => {
      const program = unique('seed-');
      expect(await seedPublishedTargets(db, program, 2026, { min: 1 })).toBe(true);
      expect(await seedPublishedTargets(db, program, 2026, { min: 5 })).toBe(false);
      await seedPublishedTargets(db, program, 2025, { min: 0 });
      const years = await listTargets(db, program);
      expect(years.map((t) => [t.year, t.published])).toEqual([
        [2025, { min: 0 }],
        [2026, { min: 1 }],
      ]);
    });
  });

  describe('bans and the audit log', () => {
    it('第十五条: a ban is stored with its dates as written', async () => {
      const org = await newOrg();
      const program = unique('ban-');
      const ban = await createBan(db, {
        programId: program,
        orgId: org.id,
        ground: 1,
        decidedOn: '2026-05-01',
        until: '2028-04-30',
        kind: 'years',
        reason: '主动申请撤销',
        userId: null,
      });
      expect(ban).toMatchObject({ ground: 1, decidedOn: '2026-05-01', until: '2028-04-30', kind: 'years' });
      await createBan(db, {
        programId: program,
        orgId: org.id,
        ground: 5,
        decidedOn: '2026-09-01',
        until: null,
        kind: 'forever',
        reason: '弄虚作假',
        userId: null,
      });
      expect((await listBans(db, { programId: program, orgId: org.id })).map((b) => b.decidedOn)).toEqual([
        '2026-09-01',
        '2026-05-01',
      ]);
      expect(await listBans(db, { programId: program, orgId: 'other' })).toEqual([]);
    });

    it('appends entries with a JSON Patch and refuses to change or delete them', async () => {
      const id = unique('app-');
      const patch = diff({ a: 1, b: { c: [1, 2] } }, { a: 2, b: { c: [1, 2, 3] } });
      expect(patch).toEqual([
        { op: 'add', path: '/b/c/2', value: 3 },
        { op: 'replace', path: '/a', value: 2 },
      ]);
      const e1 = await appendAudit(db, {
        actorId: null,
        actorRole: 'applicant',
        ip: '10.0.0.1',
        entity: 'application',
        entityId: id,
        action: 'save',
        patch,
      });
      const e2 = await appendAudit(db, {
        actorId: null,
        actorRole: 'system',
        ip: null,
        entity: 'application',
        entityId: id,
        action: 'submit',
        patch: null,
      });
      expect(e2.id).toBeGreaterThan(e1.id);
      expect(await listAudit(db, 'application', id)).toEqual([e1, e2]);
      expect(e1).toMatchObject({ patch, ip: '10.0.0.1', at: expect.stringMatching(ISO) });
      await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [e1.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query('DELETE FROM audit_log WHERE id = $1', [e1.id])).rejects.toThrow(/append-only/);
      expect(await listAudit(db, 'application', id)).toEqual([e1, e2]);
    });

    it('diff of whole values: created, removed, replaced, unchanged', () => {
      expect(diff(undefined, { a: 1 })).toEqual([{ op: 'add', path: '', value: { a: 1 } }]);
      expect(diff({ a: 1 }, undefined)).toEqual([{ op: 'remove', path: '' }]);
      expect(diff('draft', 'submitted')).toEqual([{ op: 'replace', path: '', value: 'submitted' }]);
      expect(diff([1], { 0: 1 })).toEqual([{ op: 'replace', path: '', value: { 0: 1 } }]);
      expect(diff({ a: [1] }, { a: [1] })).toEqual([]);
    });
  });
}
