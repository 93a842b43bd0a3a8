/** 评审 (reviews, one per reviewer and application) and 公示 objections (decided once). */
import { describe, expect, it } from 'vitest';
import {
  addObjection,
  countObjections,
  decideObjection,
  getObjection,
  listObjections,
  listReviews,
  listReviewsBy,
  saveReview,
} from '../../src/index';
import { newApplication } from './procedure-support';
import { ISO, type Suite } from './suite';

export function reviewsAndObjectionsSuite({ db, newOrg, newUser }: Suite): void {
  describe('reviews', () => {
    it('one review per reviewer and application: saving again replaces it', async () => {
      const app = await newApplication(db, await newOrg());
      const [r1, r2] = [await newUser('reviewer'), await newUser('reviewer')];
      const first = await saveReview(db, {
        applicationId: app.id,
        reviewerId: r1.id,
        data: { total: 80, comment: '基础扎实' },
        score: 80,
      });
      expect(first).toMatchObject({
        applicationId: app.id,
        reviewerId: r1.id,
        reviewerName: r1.name,
        data: { total: 80, comment: '基础扎实' },
        score: 80,
      });
      expect(first.submittedAt).toMatch(ISO);
      const second = await saveReview(db, {
        applicationId: app.id,
        reviewerId: r2.id,
        data: {},
        score: null,
      });
      expect(second.score).toBeNull();
      const again = await saveReview(db, {
        applicationId: app.id,
        reviewerId: r1.id,
        data: { total: 84.5 },
        score: 84.5,
      });
      expect(again).toMatchObject({ data: { total: 84.5 }, score: 84.5 });
      const list = await listReviews(db, app.id);
      expect(list).toHaveLength(2);
      expect(list.map((r) => [r.reviewerId, r.score]).sort()).toEqual(
        [
          [r1.id, 84.5],
          [r2.id, null],
        ].sort(),
      );
      expect(list.find((r) => r.reviewerId === r1.id)).toEqual(again);
    });

    it("a reviewer's reviews across applications, latest first", async () => {
      const reviewer = await newUser('reviewer');
      const [a, b] = [await newApplication(db, await newOrg()), await newApplication(db, await newOrg())];
      await saveReview(db, { applicationId: a.id, reviewerId: reviewer.id, data: { total: 70 }, score: 70 });
      await saveReview(db, { applicationId: b.id, reviewerId: reviewer.id, data: { total: 90 }, score: 90 });
      const mine = await listReviewsBy(db, reviewer.id);
      expect(mine.map((r) => r.applicationId).sort()).toEqual([a.id, b.id].sort());
      const [latest, earlier] = mine;
      expect(Date.parse(latest?.submittedAt ?? '') >= Date.parse(earlier?.submittedAt ?? '')).toBe(true);
      expect(await listReviewsBy(db, (await newUser('reviewer')).id)).toEqual([]);
    });

    it('a score must be a finite number and the reviewer an account', async () => {
      const app = await newApplication(db, await newOrg());
      const reviewer = await newUser('reviewer');
      await expect(
        saveReview(db, { applicationId: app.id, reviewerId: reviewer.id, data: {}, score: Number.NaN }),
      ).rejects.toBeInstanceOf(RangeError);
      await expect(
        saveReview(db, { applicationId: app.id, reviewerId: 'no-such-user', data: {}, score: 1 }),
      ).rejects.toThrow();
      expect(await listReviews(db, app.id)).toEqual([]);
    });
  });

  describe('objections', () => {
    it('第九条（四）: an objection records who, when and what, and is decided once', async () => {
      const app = await newApplication(db, await newOrg());
      const staff = await newUser('staff', null, ['*']);
      const o = await addObjection(db, {
        applicationId: app.id,
        raisedBy: '王某（实名来信）',
        raisedAt: '2026-09-25',
        content: '该单位研发人员数量与实际不符',
        userId: staff.id,
      });
      expect(o).toMatchObject({
        applicationId: app.id,
        raisedBy: '王某（实名来信）',
        raisedAt: '2026-09-25',
        content: '该单位研发人员数量与实际不符',
        decision: null,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        recordedBy: staff.id,
      });
      expect(o.recordedAt).toMatch(ISO);
      expect(await getObjection(db, o.id)).toEqual(o);
      const decided = await decideObjection(db, {
        id: o.id,
        decision: 'dismissed',
        reason: '经核查，研发人员数量属实',
        userId: staff.id,
      });
      expect(decided).toMatchObject({
        ok: true,
        record: {
          id: o.id,
          decision: 'dismissed',
          decisionReason: '经核查，研发人员数量属实',
          decidedBy: staff.id,
        },
      });
      expect(decided?.ok && decided.record.decidedAt).toMatch(ISO);
      // A decided objection cannot be decided again: a conflict naming the decision, nothing changed.
      const again = await decideObjection(db, {
        id: o.id,
        decision: 'upheld',
        reason: '改判',
        userId: staff.id,
      });
      expect(again).toEqual({ ok: false, conflict: 'decided', current: decided?.ok && decided.record });
      expect(await getObjection(db, o.id)).toMatchObject({ decision: 'dismissed' });
    });

    it('an unknown or malformed id is no objection', async () => {
      for (const id of ['999999999', 'abc', '1; DROP TABLE objections', '-1', 0, 1.5])
        expect(
          await decideObjection(db, { id, decision: 'upheld', reason: 'x', userId: null }),
        ).toBeUndefined();
      expect(await getObjection(db, 'abc')).toBeUndefined();
    });

    it('lists and counts open, upheld and dismissed objections per application', async () => {
      const app = await newApplication(db, await newOrg());
      const other = await newApplication(db, await newOrg());
      expect(await countObjections(db, app.id)).toEqual({ open: 0, upheld: 0, dismissed: 0 });
      const add = (applicationId: string, content: string) =>
        addObjection(db, { applicationId, raisedBy: '匿名', raisedAt: '2026-09-26', content, userId: null });
      const [x, y] = [await add(app.id, '一'), await add(app.id, '二')];
      await add(app.id, '三');
      await add(other.id, '四');
      await decideObjection(db, { id: x.id, decision: 'upheld', reason: '属实', userId: null });
      await decideObjection(db, { id: y.id, decision: 'dismissed', reason: '不属实', userId: null });
      expect(await countObjections(db, app.id)).toEqual({ open: 1, upheld: 1, dismissed: 1 });
      expect((await listObjections(db, app.id)).map((o) => [o.content, o.decision])).toEqual([
        ['一', 'upheld'],
        ['二', 'dismissed'],
        ['三', null],
      ]);
    });
  });
}
