/**
 * The procedure through the API, for both programmes (the shipped ai-innovation-center and the
 * mini-grant test programme): every transition of each program.json is taken — generated from
 * the data — by an account holding its role (success, or 422 with the guard's reason until what
 * the guard needs is set up), by one that does not (403) and from a state not in `from` (409).
 * Then the stories: 退回补正 with a list of corrections, read by the applicant, corrected and
 * resubmitted under the same 申报编号; three reviewers and the trimmed mean, a reviewer of the
 * applicant's own organisation refused; 公示 with an objection (the deadline stays due with its
 * reason), dismissed then fired once; an upheld objection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Program, TransitionSpec } from '@shenbao/core';
import {
  createApplication,
  createUser,
  listAudit,
  listDeadlines,
  listTransitions,
  type Role,
  saveReview,
  setApplicationState,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { REPO_ROOT } from '../../src/config';
import type { Notification } from '../../src/notifier';
import { loadPrograms } from '../../src/program-registry';
import { runDueDeadlines } from '../../src/scheduler';
import { seedTargets } from '../../src/seed';
import {
  type Applicant,
  Client,
  IN_WINDOW,
  PASSWORD,
  PROGRAM,
  type TestServer,
  withUploads,
} from '../support/app';
import { freshMobile, freshUscc } from '../support/http';

const MINI = 'mini-grant';
const SCHEMA_DIR = join(REPO_ROOT, 'schemas', PROGRAM);
const MINI_DIR = join(REPO_ROOT, 'test', 'fixtures', 'programs', 'schemas', MINI);
const EXAMPLE = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'application.json'), 'utf8'));

/** A valid record of each record form of the two programmes. */
const RECORDS: Record<string, Record<string, unknown>> = {
  corrections: { corrections: [{ subject: '营业执照', opinion: '请补充加盖公章的复印件' }] },
  opinion: { department: '市生态环境局', date: '2026-05-10', negativeList: false, opinion: '无意见' },
  'publicity-start': { meetingDate: '2026-09-20', startDate: '2026-09-24' },
  recognition: { brand: '东莞人工智能创新中心', operator: '测试企业有限公司', date: '2026-11-01' },
  revisions: { items: ['补充近两年审计报告'] },
  recommendation: { district: 'A01', opinion: '同意推荐', date: '2026-06-01' },
  publicity: { startDate: '2026-07-01' },
};
/** What an opinion naming a negative-list finding adds. */
const NEGATIVE = { finding: '近两年存在单次处罚10万元以上的环境违法行为' };

let loginCounter = 0;
let yearCounter = 3000;

interface World {
  app: FastifyInstance;
  programs: ReturnType<typeof loadPrograms>;
  notified: Notification[];
  applicant: Applicant;
  staff: Client;
  staffId: string;
  reviewer: Client;
  reviewerId: string;
}

/** A review sheet of the shipped programme whose score is `total` (no adjustments). */
function reviewSheet(program: Program, total: number): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: walking the review form's schema
  const schema = program.formSchema('review') as any;
  const scores: Record<string, { score: number }> = {};
  let left = total;
  for (const key of schema.properties.scores.required as string[]) {
    const max = schema.properties.scores.properties[key].properties.score.maximum as number;
    const score = Math.min(max, left);
    scores[key] = { score };
    left -= score;
  }
  const qualification = Object.fromEntries(
    (schema.properties.qualification.required as string[]).map((k) => [k, { result: 'pass' }]),
  );
  return {
    subject: { kind: 'application', applicant: '测试企业有限公司', center: '测试创新中心' },
    reviewer: { name: '专家' },
    qualification,
    scores,
    comment: '同意',
    signedDate: '2026-06-01',
  };
}

export function procedureSuite(s: () => TestServer): void {
  describe('procedure', () => {
    let w: World;

    async function account(role: Exclude<Role, 'applicant'>, programs: string[], mobile?: string) {
      const login = `proc-${role}-${++loginCounter}-${Date.now()}`;
      const made = await createUser(s().db, {
        login,
        name: `流程${role}${loginCounter}`,
        role,
        programs,
        mobile,
        password: PASSWORD,
      });
      if (!made.ok) throw new Error('createUser');
      const client = new Client(w.app);
      const r = await client.login(login);
      if (r.status !== 200) throw new Error(`login → ${r.status} ${r.text}`);
      return { client, userId: made.value.id };
    }

    async function register(o: { uscc?: string; orgName?: string } = {}): Promise<Applicant> {
      const client = await new Client(w.app).anonymous();
      const uscc = o.uscc ?? freshUscc();
      const orgName = o.orgName ?? `流程企业${uscc.slice(-6)}有限公司`;
      const login = freshMobile();
      const r = await client.post('/api/auth/register', {
        uscc,
        orgName,
        contact: '联系人',
        mobile: login,
        password: PASSWORD,
      });
      if (r.status !== 201) throw new Error(`register → ${r.status} ${r.text}`);
      return { client, uscc, orgName, login, orgId: r.json.org.id, userId: r.json.user.id };
    }

    /** An application of `w.applicant` in `state`, put there directly in the store. */
    async function inState(programId: string, state: string): Promise<{ id: string; version: number }> {
      const program = w.programs.get(programId)?.program as Program;
      const form = program.manifest.submission?.form ?? program.manifest.eligibility.form;
      const made = await createApplication(s().db, {
        programId,
        form,
        year: ++yearCounter,
        orgId: w.applicant.orgId,
        data: {},
        title: w.applicant.orgName,
        town: null,
        userId: null,
      });
      if (!made.ok) throw new Error('createApplication');
      const set = await setApplicationState(s().db, {
        id: made.value.id,
        version: made.value.version,
        state,
        userId: null,
      });
      if (!set?.ok) throw new Error('setApplicationState');
      return { id: set.record.id, version: set.record.version };
    }

    const take = (
      c: Client,
      app: { id: string; version: number },
      t: string,
      body: Record<string, unknown> = {},
    ) => c.post(`/api/applications/${app.id}/transitions/${t}`, { version: app.version, ...body });

    beforeAll(async () => {
      const programs = loadPrograms([SCHEMA_DIR, MINI_DIR]);
      await seedTargets(s().db, programs);
      const notified: Notification[] = [];
      const app = await buildApp({
        config: s().config,
        db: s().db,
        programs,
        now: () => s().clock.at,
        notifier: { send: async (m) => void notified.push(m) },
      });
      await app.ready();
      w = { app, programs, notified } as World;
      w.applicant = await register();
      const staff = await account('staff', [PROGRAM, MINI]);
      w.staff = staff.client;
      w.staffId = staff.userId;
      const reviewer = await account('reviewer', [PROGRAM]);
      w.reviewer = reviewer.client;
      w.reviewerId = reviewer.userId;
    }, 120_000);

    afterAll(async () => {
      await w?.app.close();
    });

    for (const programId of [PROGRAM, MINI]) {
      const program = loadPrograms([programId === PROGRAM ? SCHEMA_DIR : MINI_DIR]).get(programId)
        ?.program as Program;
      const proc = program.manifest.procedure;
      const accountOf = (role: string) => proc.roles.find((r) => r.id === role)?.account;
      const bodyFor = (t: TransitionSpec) => ({
        ...(t.record ? { record: RECORDS[t.record] } : {}),
        ...(t.reason === 'required' ? { reason: '经审查，理由如下：测试' } : {}),
      });

      for (const t of proc.transitions) {
        const kinds = new Set(t.roles.map(accountOf));
        const holderKind = kinds.has('staff') ? 'staff' : kinds.has('applicant') ? 'applicant' : undefined;
        it(`${programId}: ${t.id}「${t.title}」— holder, non-holder, wrong state`, async () => {
          const holder =
            holderKind === 'staff' ? w.staff : holderKind === 'applicant' ? w.applicant.client : undefined;
          const from = t.from[0] as string;

          // An account without the role: 403 (the applicant for the bureau's, staff for the applicant's).
          const other = holderKind === 'applicant' ? w.staff : w.applicant.client;
          const a0 = await inState(programId, from);
          const refused = await take(other, a0, t.id, bodyFor(t));
          expect(refused.status, refused.text).toBe(403);
          expect(refused.json.message).toMatch(/[\u4e00-\u9fff]/);

          if (!holder) {
            // The system's alone (fired by the scheduler): staff cannot take it.
            const byStaff = await take(w.staff, a0, t.id, bodyFor(t));
            expect(byStaff.status).toBe(403);
            expect(byStaff.json.code).toBe('ROLE');
            return;
          }

          // From a state not in `from` (one the holder may see): 409.
          const editable = proc.states.filter((x) => x.editable).map((x) => x.id);
          const wrong = proc.states.find(
            (x) => !t.from.includes(x.id) && (holderKind === 'applicant' || !editable.includes(x.id)),
          );
          if (wrong) {
            const a1 = await inState(programId, wrong.id);
            const illegal = await take(holder, a1, t.id, bodyFor(t));
            expect(illegal.status, illegal.text).toBe(409);
            expect(illegal.json.message).toMatch(/不能执行|不能修改/);
          }

          const a = await inState(programId, from);
          if (t.kind === 'submission') {
            // The submission checks still apply: an empty application is not submittable.
            const r = await take(holder, a, t.id);
            expect(r.status, r.text).toBe(422);
            expect(r.json.code).toBe('NOT_SUBMITTABLE');
            return;
          }
          const guard = t.guard ?? [];
          if (guard.some((c) => c.type === 'countMin' || c.type === 'min')) {
            const r = await take(holder, a, t.id, bodyFor(t));
            expect(r.status, r.text).toBe(422);
            expect(r.json.code).toBe('GUARD');
            expect(r.json.reasons.length).toBeGreaterThan(0);
            // Set up what the guard reads.
            for (const c of guard) {
              if (!('path' in c) || typeof c.path !== 'string') continue;
              const hist = /^\/history\/([a-z0-9-]+)$/.exec(c.path);
              if (hist && c.type === 'countMin') {
                const spec = proc.transitions.find((x) => x.id === hist[1]) as TransitionSpec;
                const where = Object.fromEntries(
                  (c.where ?? []).map((x) => [
                    String((x as { path: string }).path).slice(1),
                    (x as { value: unknown }).value,
                  ]),
                );
                const cur = (await w.staff.get(`/api/applications/${a.id}`)).json;
                const r2 = await take(w.staff, { id: a.id, version: cur.version }, spec.id, {
                  record: {
                    ...RECORDS[spec.record as string],
                    ...where,
                    ...(where.negativeList ? NEGATIVE : {}),
                  },
                });
                expect(r2.status, r2.text).toBe(200);
              }
              if (c.path === '/reviews/count') {
                for (const n of [70, 85, 95]) {
                  const rv = await createUser(s().db, {
                    login: `rv-${++loginCounter}-${Date.now()}`,
                    name: '专家',
                    role: 'reviewer',
                    programs: [programId],
                    password: PASSWORD,
                  });
                  if (!rv.ok) throw new Error('createUser');
                  await saveReview(s().db, {
                    applicationId: a.id,
                    reviewerId: rv.value.id,
                    data: {},
                    score: n,
                  });
                }
              }
            }
          }
          const cur = (await w.staff.get(`/api/applications/${a.id}`)).json;
          const before = w.notified.length;
          const ok = await take(holder, { id: a.id, version: cur.version }, t.id, bodyFor(t));
          expect(ok.status, ok.text).toBe(200);
          expect(ok.json).toMatchObject({ id: a.id, state: t.to, version: cur.version + 1 });
          const timeline = await listTransitions(s().db, a.id);
          expect(timeline.at(-1)).toMatchObject({ transition: t.id, from, to: t.to });
          const log = await listAudit(s().db, 'application', a.id);
          expect(log.at(-1)?.action).toBe(`transition:${t.id}`);
          if (t.notify === 'applicant') {
            expect(w.notified.length).toBe(before + 1);
            expect(w.notified.at(-1)).toMatchObject({ orgId: w.applicant.orgId, applicationId: a.id });
          }
          // Again on the same version: stale or no longer legal (409); staff no longer see an application returned to the applicant (403).
          const again = await take(holder, { id: a.id, version: cur.version }, t.id, bodyFor(t));
          expect(again.status).toBe(holderKind === 'staff' && editable.includes(t.to) ? 403 : 409);
        });
      }
    }

    it("mini-grant: a staff account holding one role (mini-grant:district) cannot take the bureau's", async () => {
      const district = await account('staff', [`${MINI}:district`]);
      const a = await inState(MINI, 'decision');
      const r = await take(district.client, a, 'decline', { reason: '不符合条件' });
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ code: 'ROLE', message: '「不予认定」须由市经济和信息化局办理' });
      const b = await inState(MINI, 'precheck');
      const ok = await take(district.client, b, 'send-back', { record: RECORDS.revisions });
      expect(ok.status, ok.text).toBe(200);
    });

    it('refusals: unknown transition 404, missing reason 400, bad record 400 with paths, guard 422', async () => {
      const a = await inState(PROGRAM, 'submitted');
      const unknown = await take(w.staff, a, 'no-such-step');
      expect(unknown.status).toBe(404);
      expect(unknown.json.message).toBe('没有名为「no-such-step」的办理事项');
      const noReason = await take(w.staff, a, 'precheck-reject');
      expect(noReason.status).toBe(400);
      expect(noReason.json).toMatchObject({ code: 'REASON', message: '请填写「形式审查不通过」的理由' });
      const bad = await take(w.staff, a, 'return', { record: { corrections: [] } });
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('RECORD');
      expect(bad.json.errors[0].path).toBe('/corrections');
      const stray = await take(w.staff, a, 'accept', { record: { x: 1 } });
      expect(stray.status).toBe(400);
      const c = await inState(PROGRAM, 'consultation');
      const guard = await take(w.staff, c, 'consultation-pass');
      expect(guard.status).toBe(422);
      expect(guard.json.reasons).toEqual(['尚未登记任何部门意见']);
      const illegal = await take(w.staff, c, 'accept');
      expect(illegal.json).toMatchObject({
        code: 'ILLEGAL',
        message: '当前状态「征求意见」不能执行「形式审查通过」',
      });
    });

    it('batch: per-item results, one transaction each', async () => {
      const a = await inState(PROGRAM, 'submitted');
      const b = await inState(PROGRAM, 'submitted');
      const c = await inState(PROGRAM, 'review');
      const r = await w.staff.post('/api/transitions/accept', {
        items: [a, { id: b.id, version: b.version + 5 }, c, { id: 'nope', version: 1 }],
      });
      expect(r.status).toBe(200);
      expect(r.json.done).toBe(1);
      expect(r.json.results.map((x: { ok: boolean; statusCode?: number }) => x.statusCode ?? 200)).toEqual([
        200, 409, 409, 404,
      ]);
      expect(r.json.results[2].code).toBe('ILLEGAL');
      const tooMany = await w.staff.post('/api/transitions/accept', {
        items: Array.from({ length: 201 }, () => a),
      });
      expect(tooMany.status).toBe(400);
    });

    it('退回补正: the applicant reads the corrections, corrects, resubmits and keeps its 申报编号', async () => {
      const a = await register({ uscc: freshUscc() });
      const data = await withUploads(a, structuredClone(EXAMPLE));
      data.applicant.creditCode = a.uscc;
      data.applicant.name = a.orgName;
      s().clock.at = IN_WINDOW;
      const made = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
      expect(made.status, made.text).toBe(201);
      const saved = await a.client.put(`/api/applications/${made.json.id}`, {
        data,
        version: made.json.version,
      });
      const id = made.json.id as string;
      const submitted = await a.client.post(`/api/applications/${id}/transitions/submit`, {
        version: saved.json.version,
      });
      expect(submitted.status, submitted.text).toBe(200);
      const receiptNo = submitted.json.receiptNo as string;
      expect(receiptNo).toMatch(/-2026-\d{4}$/);

      const corrections = [
        { subject: '近两年审计报告', opinion: '缺2025年度审计报告，请补充' },
        { subject: '展厅照片', opinion: '请提供展厅全景照片' },
      ];
      const returned = await take(w.staff, { id, version: submitted.json.version }, 'return', {
        record: { corrections },
      });
      expect(returned.status, returned.text).toBe(200);
      expect(returned.json.state).toBe('returned');

      const inbox = await a.client.get('/api/messages');
      expect(inbox.status).toBe(200);
      expect(inbox.json.unread).toBe(1);
      expect(inbox.json.items[0].text).toBe(
        `您的申报「${a.orgName}」需要补正，请按以下意见一次性补正后重新提交：近两年审计报告：缺2025年度审计报告，请补充；展厅照片：请提供展厅全景照片`,
      );
      const read = await a.client.post(`/api/messages/${inbox.json.items[0].id}/read`);
      expect(read.status).toBe(200);
      expect(read.json.readAt).not.toBeNull();
      expect((await a.client.get('/api/messages')).json.unread).toBe(0);
      const other = await register();
      expect((await other.client.post(`/api/messages/${inbox.json.items[0].id}/read`)).status).toBe(404);

      const view = await a.client.get(`/api/applications/${id}/procedure`);
      expect(view.status).toBe(200);
      expect(view.json.state).toMatchObject({ id: 'returned', title: '退回补正', editable: true });
      expect(view.json.timeline.at(-1)).toMatchObject({ transition: 'return', record: { corrections } });
      expect(view.json.timeline.at(-1).actor.name).toBeNull();
      expect(view.json.actions.map((x: { id: string }) => x.id)).toEqual(['submit']);
      // Returned: the applicant's workspace again, hidden from the bureau.
      expect((await w.staff.get(`/api/applications/${id}`)).status).toBe(403);

      data.applicant.staffCount = 200;
      const corrected = await a.client.put(`/api/applications/${id}`, {
        data,
        version: returned.json.version,
      });
      expect(corrected.status, corrected.text).toBe(200);
      const again = await a.client.post(`/api/applications/${id}/submit`, {
        version: corrected.json.version,
      });
      expect(again.status, again.text).toBe(200);
      expect(again.json).toMatchObject({ state: 'submitted', receiptNo });
      const staffView = await w.staff.get(`/api/applications/${id}/procedure`);
      expect(staffView.json.timeline.map((x: { transition: string }) => x.transition)).toEqual([
        'submit',
        'return',
        'submit',
      ]);
      expect(staffView.json.actions.map((x: { id: string }) => x.id)).toEqual([
        'accept',
        'return',
        'precheck-reject',
      ]);
    });

    it("reviews: three reviewers, trimmed mean; a reviewer of the applicant's own organisation is refused", async () => {
      const program = w.programs.get(PROGRAM)?.program as Program;
      const a = await inState(PROGRAM, 'review');
      // The same person as the applicant's account (its mobile number): 回避.
      const same = await account('reviewer', [PROGRAM], w.applicant.login);
      const refused = await w.staff.post(`/api/applications/${a.id}/reviewers`, { userId: same.userId });
      expect(refused.status).toBe(400);
      expect(refused.json.message).toBe('该评审专家与申报单位属于同一单位，应当回避，不能分配');

      const reviewers = [
        w.reviewer,
        (await account('reviewer', [PROGRAM])).client,
        (await account('reviewer', [PROGRAM])).client,
      ];
      const ids = [w.reviewerId];
      for (const c of reviewers.slice(1)) ids.push((await c.get('/api/auth/me')).json.user.id);
      for (const uid of ids)
        expect((await w.staff.post(`/api/applications/${a.id}/reviewers`, { userId: uid })).status).toBe(204);

      const bad = await w.reviewer.put(`/api/applications/${a.id}/reviews/mine`, { data: { comment: '' } });
      expect(bad.status).toBe(400);
      expect(bad.json.errors.length).toBeGreaterThan(0);

      const early = await take(w.staff, a, 'review-done');
      expect(early.status).toBe(422);
      expect(early.json.reasons).toEqual([expect.stringMatching(/^评审专家评分不足3份/)]);

      for (const [i, total] of [70, 85, 95].entries()) {
        const r = await (reviewers[i] as Client).put(`/api/applications/${a.id}/reviews/mine`, {
          data: reviewSheet(program, total),
        });
        expect(r.status, r.text).toBe(200);
        expect(r.json.score).toBe(total);
      }
      const all = await w.staff.get(`/api/applications/${a.id}/reviews`);
      expect(all.json).toMatchObject({ count: 3, score: 85, aggregate: 'trimmedMean' });
      expect(all.json.items.map((x: { reviewerName: string }) => x.reviewerName).every(Boolean)).toBe(true);
      const mine = await w.reviewer.get(`/api/applications/${a.id}/reviews`);
      expect(mine.json.items.map((x: { reviewerId: string }) => x.reviewerId)).toEqual([w.reviewerId]);

      const done = await take(w.staff, a, 'review-done');
      expect(done.status, done.text).toBe(200);
      const late = await w.reviewer.put(`/api/applications/${a.id}/reviews/mine`, {
        data: reviewSheet(program, 50),
      });
      expect(late.status).toBe(409);
      expect(late.json.code).toBe('NOT_IN_REVIEW');
    });

    it('公示: an open objection keeps the deadline due with its reason; dismissed → fired once; upheld → removed', async () => {
      const saved = s().clock.at;
      try {
        s().clock.at = new Date('2026-09-21T10:00:00+08:00');
        const a = await inState(PROGRAM, 'meeting');
        const early = await w.staff.post(`/api/applications/${a.id}/objections`, {
          raisedBy: '某公司',
          raisedAt: '2026-09-21',
          content: '材料不实',
        });
        expect(early.status).toBe(409);
        const short = await take(w.staff, a, 'shortlist', { record: RECORDS['publicity-start'] });
        expect(short.status, short.text).toBe(200);
        const dl = (await listDeadlines(s().db, a.id)).filter((d) => d.doneAt === null);
        expect(dl).toHaveLength(1);
        expect(dl[0]).toMatchObject({ state: 'publicity', transition: 'publicity-ends' });
        // Not by hand before it is due.
        const byHand = await take(w.staff, { id: a.id, version: short.json.version }, 'publicity-ends');
        expect(byHand.status).toBe(422);

        const o = await w.staff.post(`/api/applications/${a.id}/objections`, {
          raisedBy: '某公司',
          raisedAt: '2026-09-25',
          content: '申报材料中的营业收入不实',
        });
        expect(o.status, o.text).toBe(201);

        s().clock.at = new Date(Date.parse(dl[0]?.due as string) + 60_000);
        const first = await runDueDeadlines(w.app);
        expect(first.failed).toBeGreaterThanOrEqual(1);
        const still = (await listDeadlines(s().db, a.id)).filter((d) => d.doneAt === null);
        expect(still[0]).toMatchObject({
          attempts: 1,
          lastError: '不能办理「公示期满无异议」：尚有1件异议未处理',
        });
        expect((await w.staff.get(`/api/applications/${a.id}`)).json.state).toBe('publicity');

        const dismissed = await w.staff.post(`/api/objections/${o.json.id}/decision`, {
          decision: 'dismissed',
          reason: '经核实，异议不成立',
        });
        expect(dismissed.status, dismissed.text).toBe(200);
        const twice = await w.staff.post(`/api/objections/${o.json.id}/decision`, {
          decision: 'upheld',
          reason: '再议',
        });
        expect(twice.status).toBe(409);
        expect(twice.json.code).toBe('DECIDED');

        const second = await runDueDeadlines(w.app);
        expect(second.fired).toBeGreaterThanOrEqual(1);
        const third = await runDueDeadlines(w.app);
        expect(third.fired).toBe(0);
        expect((await w.staff.get(`/api/applications/${a.id}`)).json.state).toBe('approval');
        const fired = (await listTransitions(s().db, a.id)).filter((t) => t.transition === 'publicity-ends');
        expect(fired).toHaveLength(1);
        expect(fired[0]).toMatchObject({ actorId: null, actorRole: 'system' });
        expect((await listDeadlines(s().db, a.id)).map((d) => d.outcome)).toEqual(['fired']);

        // Upheld: removed from the list in the same transaction.
        s().clock.at = new Date('2026-09-21T10:00:00+08:00');
        const b = await inState(PROGRAM, 'meeting');
        const sb = await take(w.staff, b, 'shortlist', { record: RECORDS['publicity-start'] });
        const ob = await w.staff.post(`/api/applications/${b.id}/objections`, {
          raisedBy: '匿名',
          raisedAt: '2026-09-26',
          content: '存在违法行为',
        });
        expect(sb.status).toBe(200);
        const up = await w.staff.post(`/api/objections/${ob.json.id}/decision`, {
          decision: 'upheld',
          reason: '经核实，异议成立',
        });
        expect(up.status, up.text).toBe(200);
        expect(up.json.application.state).toBe('rejected');
        expect((await listDeadlines(s().db, b.id)).map((d) => d.outcome)).toEqual(['cleared']);
        const tl = await listTransitions(s().db, b.id);
        expect(tl.at(-1)).toMatchObject({ transition: 'objection-upheld', reason: '经核实，异议成立' });
      } finally {
        s().clock.at = saved;
      }
    });
  });
}
