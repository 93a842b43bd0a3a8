/** The procedure's timeline (transitions) and the deadlines the scheduler acts on. */
import { describe, expect, it } from 'vitest';
import {
  addDeadline,
  clearOpenDeadlines,
  completeDeadline,
  type DeadlineRecord,
  failDeadline,
  getApplication,
  listDeadlines,
  listDueDeadlines,
  listOpenDeadlines,
  listTransitions,
  recordTransition,
  setApplicationState,
} from '../../src/index';
import { newApplication } from './procedure-support';
import { ISO, type Suite, unique } from './suite';

export function procedureSuite({ db, newOrg, newUser }: Suite): void {
  describe('transitions (the timeline)', () => {
    it('records who acted in which role, what was recorded and why, oldest first', async () => {
      const org = await newOrg();
      const app = await newApplication(db, org);
      const staff = await newUser('staff', null, ['*']);
      const corrections = [{ field: '/finance/revenue', opinion: '请补充2025年度审计报告' }];
      const returned = await recordTransition(db, {
        applicationId: app.id,
        transition: 'return',
        from: 'submitted',
        to: 'returned',
        actorId: staff.id,
        actorRole: 'bureau',
        record: { items: corrections },
      });
      expect(returned).toMatchObject({
        applicationId: app.id,
        transition: 'return',
        from: 'submitted',
        to: 'returned',
        actorId: staff.id,
        actorName: staff.name,
        actorRole: 'bureau',
        record: { items: corrections },
        reason: null,
      });
      expect(returned.id).toMatch(/^\d+$/);
      expect(returned.at).toMatch(ISO);
      const ended = await recordTransition(db, {
        applicationId: app.id,
        transition: 'publicity-ends',
        from: 'publicity',
        to: 'approval',
        actorId: null,
        actorRole: 'system',
        reason: '公示期满无异议',
      });
      expect(ended).toMatchObject({ actorId: null, actorName: null, record: null, reason: '公示期满无异议' });
      expect(await listTransitions(db, app.id)).toEqual([returned, ended]);
      expect(await listTransitions(db, 'no-such-application')).toEqual([]);
    });

    it('the state and its timeline entry are written together or not at all', async () => {
      const app = await newApplication(db, await newOrg());
      const move = (fail: boolean) =>
        db.transaction(async (tx) => {
          const moved = await setApplicationState(tx, {
            id: app.id,
            version: 1,
            state: 'submitted',
            userId: null,
          });
          if (!moved?.ok) throw new Error('stale');
          await recordTransition(tx, {
            applicationId: app.id,
            transition: 'submit',
            from: 'draft',
            to: 'submitted',
            actorId: null,
            actorRole: 'applicant',
          });
          if (fail) throw new Error('rolled back');
        });
      await expect(move(true)).rejects.toThrow('rolled back');
      expect(await getApplication(db, app.id)).toMatchObject({ state: 'draft', version: 1 });
      expect(await listTransitions(db, app.id)).toEqual([]);
      await move(false);
      expect(await getApplication(db, app.id)).toMatchObject({ state: 'submitted', version: 2 });
      expect((await listTransitions(db, app.id)).map((t) => t.transition)).toEqual(['submit']);
    });

    it('an entry needs an existing application', async () => {
      await expect(
        recordTransition(db, {
          applicationId: 'no-such-application',
          transition: 'submit',
          from: 'draft',
          to: 'submitted',
          actorId: null,
          actorRole: 'applicant',
        }),
      ).rejects.toThrow();
    });
  });

  describe('deadlines', () => {
    const publicityEnd = (applicationId: string, due: string) =>
      addDeadline(db, {
        applicationId,
        state: 'publicity',
        transition: 'publicity-ends',
        due,
        note: '公示期 2026年9月24日至9月30日',
        article: '第九条（四）',
      });

    it('第九条（四）: the end of 公示 is stored with its note and stays open until acted on', async () => {
      const app = await newApplication(db, await newOrg());
      const d = await publicityEnd(app.id, '2026-09-30T16:00:00+00:00');
      expect(d).toMatchObject({
        applicationId: app.id,
        state: 'publicity',
        transition: 'publicity-ends',
        due: '2026-09-30T16:00:00.000Z',
        note: '公示期 2026年9月24日至9月30日',
        article: '第九条（四）',
        doneAt: null,
        outcome: null,
        attempts: 0,
        lastError: null,
      });
      expect(d.createdAt).toMatch(ISO);
      expect(await listDeadlines(db, app.id)).toEqual([d]);
    });

    it('two schedulers at once take disjoint sets of due deadlines (SKIP LOCKED)', async () => {
      const app = await newApplication(db, await newOrg());
      // Due long ago, before anything else in this database: `now` narrows the run to these.
      const mine: string[] = [];
      for (let day = 1; day <= 5; day++)
        mine.push((await publicityEnd(app.id, `1990-01-0${day}T16:00:00Z`)).id);
      const now = '1991-01-01T00:00:00Z';
      let firstTook = (): void => {};
      const tookFirst = new Promise<void>((resolve) => {
        firstTook = resolve;
      });
      let secondTook = (): void => {};
      const tookSecond = new Promise<void>((resolve) => {
        secondTook = resolve;
      });
      const run = (signal: () => void, hold?: Promise<void>) =>
        db.transaction(async (tx) => {
          // Were the rows waited for rather than skipped, this fails with an error, not a hang.
          await tx.query(`SET LOCAL lock_timeout = '5s'`);
          const due = await listDueDeadlines(tx, { now, limit: 3 });
          signal();
          // PostgreSQL: keep the row locks until the other scheduler has taken its set. PGlite has
          // one connection: the other transaction only begins when this one has ended.
          if (hold && db.backend === 'postgres') await hold;
          for (const d of due) expect(await completeDeadline(tx, d.id, 'publicity-ends')).toBeDefined();
          return due.map((d) => d.id);
        });
      const first = run(firstTook, tookSecond);
      await tookFirst;
      const second = run(secondTook);
      const [a, b] = await Promise.all([first, second]);
      expect(a).toHaveLength(3);
      expect(b).toHaveLength(2);
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect([...a, ...b].sort()).toEqual([...mine].sort());
      const after = await listDeadlines(db, app.id);
      expect(after.every((d) => d.outcome === 'publicity-ends' && d.doneAt !== null)).toBe(true);
      expect(await db.transaction((tx) => listDueDeadlines(tx, { now, limit: 10 }))).toEqual([]);
    });

    it('a failed attempt keeps the deadline due, counts it, and lets untried ones go first', async () => {
      const app = await newApplication(db, await newOrg());
      const now = '1996-01-01T00:00:00Z';
      const old = await publicityEnd(app.id, '1995-01-01T00:00:00Z');
      const failed = await failDeadline(db, old.id, '尚有1件异议未处理');
      expect(failed).toMatchObject({ id: old.id, attempts: 1, lastError: '尚有1件异议未处理', doneAt: null });
      const fresh = await publicityEnd(app.id, '1995-06-01T00:00:00Z');
      const due = await db.transaction((tx) => listDueDeadlines(tx, { now, limit: 10 }));
      expect(due.map((d) => d.id)).toEqual([fresh.id, old.id]);
      expect((await failDeadline(db, old.id, '尚有1件异议未处理'))?.attempts).toBe(2);
      const done = await completeDeadline(db, old.id, 'publicity-ends');
      expect(done).toMatchObject({ outcome: 'publicity-ends', attempts: 2, lastError: '尚有1件异议未处理' });
      expect(done?.doneAt).toMatch(ISO);
      // Done is done: neither completed again nor failed.
      expect(await completeDeadline(db, old.id, 'again')).toBeUndefined();
      expect(await failDeadline(db, old.id, 'late')).toBeUndefined();
      expect(await completeDeadline(db, 'not-an-id', 'x')).toBeUndefined();
      expect(await completeDeadline(db, '99999999999999999999', 'x')).toBeUndefined();
      expect(
        (await db.transaction((tx) => listDueDeadlines(tx, { now, limit: 10 }))).map((d) => d.id),
      ).toEqual([fresh.id]);
      await completeDeadline(db, fresh.id, 'publicity-ends');
    });

    it('leaving the state clears its open deadlines and keeps them in the history', async () => {
      const app = await newApplication(db, await newOrg());
      const done = await publicityEnd(app.id, '2026-09-30T16:00:00Z');
      await completeDeadline(db, done.id, 'publicity-ends');
      const open = await publicityEnd(app.id, '2027-09-30T16:00:00Z');
      const other = await newApplication(db, await newOrg());
      const untouched = await publicityEnd(other.id, '2027-09-30T16:00:00Z');
      const cleared = await clearOpenDeadlines(db, app.id);
      expect(cleared).toMatchObject([{ id: open.id, outcome: 'cleared' }]);
      expect(await clearOpenDeadlines(db, app.id, 'objection-upheld')).toEqual([]);
      const all = await listDeadlines(db, app.id);
      expect(all.map((d: DeadlineRecord) => [d.id, d.outcome])).toEqual([
        [done.id, 'publicity-ends'],
        [open.id, 'cleared'],
      ]);
      expect(await listDeadlines(db, other.id)).toEqual([untouched]);
    });

    it('what is due in a programme: open deadlines soonest first, with their applications', async () => {
      const program = unique('due-');
      const [o1, o2] = [await newOrg('东莞市甲科技有限公司'), await newOrg('东莞市乙科技有限公司')];
      const a = await newApplication(db, o1, { programId: program, title: '甲中心' });
      const b = await newApplication(db, o2, { programId: program, title: '乙中心', year: 2027 });
      const elsewhere = await newApplication(db, o1, { programId: unique('other-') });
      const late = await publicityEnd(a.id, '2026-10-09T16:00:00Z');
      const soon = await publicityEnd(b.id, '2026-09-30T16:00:00Z');
      const finished = await publicityEnd(b.id, '2026-08-30T16:00:00Z');
      await completeDeadline(db, finished.id, 'publicity-ends');
      await publicityEnd(elsewhere.id, '2026-09-01T16:00:00Z');
      const list = await listOpenDeadlines(db, { programId: program });
      expect(list.map((d) => d.id)).toEqual([soon.id, late.id]);
      expect(list[0]).toMatchObject({
        ...soon,
        programId: program,
        year: 2027,
        title: '乙中心',
        orgName: '东莞市乙科技有限公司',
        receiptNo: null,
        applicationState: 'draft',
      });
      expect((await listOpenDeadlines(db, { programId: program, year: 2026 })).map((d) => d.id)).toEqual([
        late.id,
      ]);
      const before = await listOpenDeadlines(db, { programId: program, dueBefore: '2026-10-01T00:00:00Z' });
      expect(before.map((d) => d.id)).toEqual([soon.id]);
      expect((await listOpenDeadlines(db, { programId: program, limit: 1 })).map((d) => d.id)).toEqual([
        soon.id,
      ]);
    });
  });
}
