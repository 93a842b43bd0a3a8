/**
 * The procedure of one application (办理流程), as the programme's program.json describes it:
 * its state, what the caller may do next, its timeline and deadlines; taking a transition
 * (one application, or a batch by staff); reviews (评审) by assigned reviewers; objections
 * during 公示 (异议) recorded and decided by staff; messages to the applicant organisation.
 *
 * Every state change goes through core's engine and transition.ts (one transaction each);
 * notifications are delivered after the commit. Objections: they are taken only in a state
 * whose deadline fires a transition guarded by the objection counts (`/objections/…`) — in
 * practice 公示; an upheld objection takes, in the same transaction, the transition from that
 * state that a staff role takes into a final state with outcome `rejected` (异议成立，移出名单).
 */
import {
  allowedTransitions,
  findState,
  guardProblems,
  type Program,
  reviewScore,
  type TransitionSpec,
} from '@shenbao/core';
import {
  type ApplicationRecord,
  addObjection,
  decideObjection,
  getObjection,
  listMessages,
  listObjections,
  listReviews,
  markMessageRead,
  type ObjectionRecord,
  saveReview,
  type TransitionRecord,
  type User,
} from '@shenbao/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit';
import { HttpError, notFound } from '../http-error';
import { deliver, type Notification } from '../notifier';
import type { LoadedProgram } from '../program-registry';
import { anyJson, errors, idParam, versionSchema } from '../schemas';
import {
  accountRoles,
  applyTransition,
  currentReviews,
  guardContext,
  reviewSummary,
  stateTitle,
} from '../transition';
import { assertMayRead, assertStaffWorkingOn, userOf } from './access';
import { loadApplication } from './applications';
import { submissionTransition, submitApplication } from './submission';
import { validationError } from './validation';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;

const transitionIdParam = {
  type: 'string',
  title: '办理事项',
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
} as const;
const serialParam = (title: string) =>
  ({
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', title, pattern: '^[1-9][0-9]{0,17}$' } },
  }) as const;
const reasonSchema = { type: 'string', title: '理由', maxLength: 2000 } as const;
/** A record form's input: validated by the programme's validator against the transition's form. */
const recordSchema = { type: 'object', title: '登记内容' } as const;

const transitionBody = {
  type: 'object',
  title: '办理',
  required: ['version'],
  additionalProperties: false,
  properties: { version: versionSchema, record: recordSchema, reason: reasonSchema },
} as const;

const MAX_BATCH = 200;
const batchBody = {
  type: 'object',
  title: '批量办理',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      title: '申报',
      minItems: 1,
      maxItems: MAX_BATCH,
      items: {
        type: 'object',
        title: '申报',
        required: ['id', 'version'],
        additionalProperties: false,
        properties: { id: idParam.properties.id, version: versionSchema },
      },
    },
    record: recordSchema,
    reason: reasonSchema,
  },
} as const;

const transitionResult = {
  type: 'object',
  properties: { id: str, state: str, version: { type: 'integer' }, receiptNo: strOrNull },
} as const;

const objectionRecord = {
  type: 'object',
  properties: {
    id: str,
    applicationId: str,
    raisedBy: str,
    raisedAt: str,
    content: str,
    decision: strOrNull,
    decisionReason: strOrNull,
    decidedBy: strOrNull,
    decidedAt: strOrNull,
    recordedBy: strOrNull,
    recordedAt: str,
  },
} as const;

const reviewRecord = {
  type: 'object',
  properties: {
    reviewerId: str,
    reviewerName: str,
    data: anyJson,
    score: { type: ['number', 'null'] },
    submittedAt: str,
  },
} as const;

const messageRecord = {
  type: 'object',
  properties: {
    id: str,
    applicationId: strOrNull,
    applicationTitle: strOrNull,
    text: str,
    at: str,
    readAt: strOrNull,
  },
} as const;

const procedureView = {
  type: 'object',
  properties: {
    state: {
      type: 'object',
      properties: {
        id: str,
        title: str,
        editable: { type: 'boolean' },
        final: { type: 'boolean' },
        outcome: strOrNull,
      },
    },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          title: str,
          to: str,
          toTitle: str,
          record: strOrNull,
          reason: strOrNull,
          kind: strOrNull,
          guardProblems: { type: 'array', items: str },
        },
      },
    },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: str,
          transition: str,
          title: str,
          from: str,
          to: str,
          actor: {
            type: 'object',
            properties: { id: strOrNull, name: strOrNull, role: str, roleTitle: str },
          },
          record: anyJson,
          reason: strOrNull,
        },
      },
    },
    deadlines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          state: str,
          transition: str,
          due: str,
          note: str,
          article: strOrNull,
          doneAt: strOrNull,
          outcome: strOrNull,
          attempts: { type: 'integer' },
          lastError: strOrNull,
        },
      },
    },
    reviews: anyJson,
    objections: anyJson,
  },
} as const;

function programOf(app: FastifyInstance, record: ApplicationRecord): LoadedProgram {
  const lp = app.programs.get(record.programId);
  if (!lp) throw notFound('服务器未加载该申报所属的项目');
  return lp;
}

/**
 * The states in which objections are taken: those whose deadline fires a transition guarded
 * by the objection counts (`/objections/…`) — 公示.
 */
export function objectionStates(program: Program): string[] {
  const proc = program.manifest.procedure;
  return proc.states
    .filter((s) => {
      const fired = proc.transitions.find((t) => t.id === s.deadline?.fire);
      return (fired?.guard ?? []).some((c) => 'path' in c && String(c.path).startsWith('/objections'));
    })
    .map((s) => s.id);
}

/**
 * The transition an upheld objection takes from `state`: one a staff role takes into a final
 * state whose outcome is `rejected` (异议成立，移出名单).
 */
export function upheldTransition(program: Program, state: string): TransitionSpec | undefined {
  const proc = program.manifest.procedure;
  const staffRoles = proc.roles.filter((r) => r.account === 'staff').map((r) => r.id);
  return proc.transitions.find((t) => {
    const to = proc.states.find((s) => s.id === t.to);
    return (
      t.from.includes(state) &&
      to?.final === true &&
      to.outcome === 'rejected' &&
      t.roles.some((r) => staffRoles.includes(r))
    );
  });
}

/** Staff holding at least one role in the application's programme. */
function assertStaffFor(user: User, record: ApplicationRecord): void {
  assertStaffWorkingOn(user, record.programId);
}

const roleTitle = (program: Program, id: string): string =>
  program.manifest.procedure.roles.find((r) => r.id === id)?.title ?? id;

/**
 * A timeline entry as `viewer` sees it. The applicant sees titles, reasons and what the
 * programme tells it (records of transitions that notify it, e.g. the list of corrections, and
 * of its own), not who at the bureau acted nor internal records (departments' opinions).
 */
function timelineEntry(program: Program, t: TransitionRecord, viewer: User) {
  const spec = program.manifest.procedure.transitions.find((x) => x.id === t.transition);
  const applicantRole =
    program.manifest.procedure.roles.find((r) => r.id === t.actorRole)?.account === 'applicant';
  const internal = viewer.role === 'applicant' && !applicantRole;
  const shown = !internal || spec?.notify === 'applicant';
  return {
    at: t.at,
    transition: t.transition,
    title: spec?.title ?? t.transition,
    from: t.from,
    to: t.to,
    actor: {
      id: internal ? null : t.actorId,
      name: internal ? null : t.actorName,
      role: t.actorRole,
      roleTitle: roleTitle(program, t.actorRole),
    },
    record: shown ? t.record : null,
    reason: t.reason,
  };
}

export default async function procedureRoutes(app: FastifyInstance): Promise<void> {
  async function send(request: FastifyRequest, list: readonly Notification[]): Promise<void> {
    await deliver(app.notifier, request.log, list);
  }

  app.get<{ Params: { id: string } }>(
    '/api/applications/:id/procedure',
    {
      config: { roles: ['applicant', 'staff', 'reviewer'] },
      schema: {
        tags: ['办理流程'],
        summary: '申报的办理流程：当前状态、可办理事项、办理记录、期限、评审与异议',
        params: idParam,
        response: { 200: procedureView, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, user, record, app.programs);
      const { program } = programOf(app, record);
      const now = app.now();
      const ctx = await guardContext(app.db, program, record, now);
      const state = findState(program, record.state);
      const roles = accountRoles(program, user);
      const actions = allowedTransitions(program, record.state, roles).map((t) => ({
        id: t.id,
        title: t.title,
        to: t.to,
        toTitle: stateTitle(program, t.to),
        record: t.record ?? null,
        reason: t.reason ?? null,
        kind: t.kind ?? null,
        guardProblems: guardProblems(program, t, ctx.document, now, ctx.targets),
      }));
      const staff = user.role === 'staff';
      let reviews: unknown = null;
      if (staff) reviews = reviewSummary(program, ctx.reviews);
      else if (user.role === 'reviewer') {
        const mine = ctx.reviews.find((r) => r.reviewerId === user.id);
        reviews = { count: ctx.reviews.length, mine: mine ?? null };
      }
      return {
        state: {
          id: record.state,
          title: state?.title ?? record.state,
          editable: state?.editable === true,
          final: state?.final === true,
          outcome: state?.outcome ?? null,
        },
        actions,
        timeline: ctx.timeline.map((t) => timelineEntry(program, t, user)),
        deadlines: ctx.deadlines.map((d) => ({
          state: d.state,
          transition: d.transition,
          due: d.due,
          note: d.note,
          article: d.article,
          doneAt: d.doneAt,
          outcome: d.outcome,
          attempts: staff ? d.attempts : 0,
          lastError: staff ? d.lastError : null,
        })),
        reviews,
        objections: staff ? await listObjections(app.db, record.id) : null,
      };
    },
  );

  app.post<{
    Params: { id: string; transitionId: string };
    Body: { version: number; record?: Record<string, unknown>; reason?: string };
  }>(
    '/api/applications/:id/transitions/:transitionId',
    {
      config: { roles: ['applicant', 'staff', 'reviewer'] },
      schema: {
        tags: ['办理流程'],
        summary: '办理一个事项（按项目办理流程：角色、当前状态、理由、登记内容、前提条件）',
        params: {
          type: 'object',
          required: ['id', 'transitionId'],
          properties: { id: idParam.properties.id, transitionId: transitionIdParam },
        },
        body: transitionBody,
        response: { 200: transitionResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, user, record, app.programs);
      const { program } = programOf(app, record);
      const { transitionId } = request.params;
      const { version, reason } = request.body;
      if (submissionTransition(program)?.id === transitionId && user.role === 'applicant') {
        const r = await submitApplication(app, request, record.id, version);
        return { id: r.id, state: r.state, version: r.version, receiptNo: r.receiptNo };
      }
      const applied = await app.db.transaction((tx) =>
        applyTransition(tx, {
          program,
          applicationId: record.id,
          version,
          transitionId,
          actor: { user, roles: accountRoles(program, user), ip: request.ip },
          record: request.body.record,
          reason,
          now: app.now(),
        }),
      );
      await send(request, applied.notifications);
      const r = applied.record;
      return { id: r.id, state: r.state, version: r.version, receiptNo: r.receiptNo };
    },
  );

  app.post<{
    Params: { transitionId: string };
    Body: { items: { id: string; version: number }[]; record?: Record<string, unknown>; reason?: string };
  }>(
    '/api/transitions/:transitionId',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['办理流程'],
        summary: `批量办理同一事项（工作人员，每次至多${MAX_BATCH}份；逐份办理、逐份返回结果）`,
        params: {
          type: 'object',
          required: ['transitionId'],
          properties: { transitionId: transitionIdParam },
        },
        body: batchBody,
        response: {
          200: {
            type: 'object',
            properties: {
              done: { type: 'integer' },
              failed: { type: 'integer' },
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: str,
                    ok: { type: 'boolean' },
                    state: str,
                    version: { type: 'integer' },
                    statusCode: { type: 'integer' },
                    code: str,
                    message: str,
                    reasons: { type: 'array', items: str },
                    errors: anyJson,
                  },
                },
              },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { transitionId } = request.params;
      const { items, record, reason } = request.body;
      const results: Record<string, unknown>[] = [];
      for (const item of items) {
        try {
          const current = await loadApplication(app, item.id);
          await assertMayRead(app.db, user, current, app.programs);
          const { program } = programOf(app, current);
          const applied = await app.db.transaction((tx) =>
            applyTransition(tx, {
              program,
              applicationId: current.id,
              version: item.version,
              transitionId,
              actor: { user, roles: accountRoles(program, user), ip: request.ip },
              record,
              reason,
              now: app.now(),
            }),
          );
          await send(request, applied.notifications);
          results.push({
            id: item.id,
            ok: true,
            state: applied.record.state,
            version: applied.record.version,
          });
        } catch (e) {
          if (!(e instanceof HttpError)) throw e;
          results.push({
            id: item.id,
            ok: false,
            statusCode: e.statusCode,
            code: e.code,
            message: e.message,
            ...e.extra,
          });
        }
      }
      const done = results.filter((r) => r.ok).length;
      return { done, failed: results.length - done, results };
    },
  );

  app.put<{ Params: { id: string }; Body: { data: Record<string, unknown> } }>(
    '/api/applications/:id/reviews/mine',
    {
      config: { roles: ['reviewer'] },
      schema: {
        tags: ['办理流程'],
        summary: '提交（或修改）本人对分配给自己的申报的评审意见与评分',
        params: idParam,
        body: {
          type: 'object',
          title: '评审意见',
          required: ['data'],
          additionalProperties: false,
          properties: { data: { type: 'object', title: '评审表' } },
        },
        response: { 200: reviewRecord, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, user, record, app.programs);
      const { program } = programOf(app, record);
      const spec = program.manifest.procedure.review;
      if (!spec) throw new HttpError(409, 'NO_REVIEW', '本项目的办理流程没有专家评审环节');
      if (!spec.states.includes(record.state))
        throw new HttpError(
          409,
          'NOT_IN_REVIEW',
          `当前状态「${stateTitle(program, record.state)}」不在评审阶段，不能提交评审意见`,
        );
      const { data } = request.body;
      const result = program.validate({ form: spec.form }, data);
      if (!result.valid) throw validationError('body', result.errors);
      const score = reviewScore(program, data) ?? null;
      return app.db.transaction(async (tx) => {
        const saved = await saveReview(tx, { applicationId: record.id, reviewerId: user.id, data, score });
        await audit(tx, request, {
          entity: 'application',
          entityId: record.id,
          action: 'review',
          patch: [{ op: 'add', path: `/reviews/${user.id}`, value: { score } }],
        });
        return saved;
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/applications/:id/reviews',
    {
      config: { roles: ['staff', 'reviewer'] },
      schema: {
        tags: ['办理流程'],
        summary: '评审意见（工作人员：本轮全部，含专家姓名与汇总得分；评审专家：本人的）',
        params: idParam,
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: reviewRecord },
              count: { type: 'integer' },
              score: { type: ['number', 'null'] },
              scores: { type: 'array', items: { type: 'number' } },
              aggregate: strOrNull,
            },
          },
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, user, record, app.programs);
      const { program } = programOf(app, record);
      const ctx = await guardContext(app.db, program, record, app.now());
      const round = currentReviews(program, ctx.timeline, await listReviews(app.db, record.id));
      if (user.role !== 'staff') {
        const mine = round.filter((r) => r.reviewerId === user.id);
        return { items: mine, count: mine.length, score: null, scores: [], aggregate: null };
      }
      const summary = reviewSummary(program, round);
      return {
        items: round,
        count: summary.count,
        score: summary.score ?? null,
        scores: summary.scores,
        aggregate: program.manifest.procedure.review?.aggregate ?? null,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { raisedBy: string; raisedAt: string; content: string } }>(
    '/api/applications/:id/objections',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['办理流程'],
        summary: '登记公示期间收到的异议（谁、何时、内容）',
        params: idParam,
        body: {
          type: 'object',
          title: '异议',
          required: ['raisedBy', 'raisedAt', 'content'],
          additionalProperties: false,
          properties: {
            raisedBy: { type: 'string', title: '异议人', minLength: 1, maxLength: 200 },
            raisedAt: { type: 'string', title: '提出日期', format: 'date' },
            content: { type: 'string', title: '异议内容', minLength: 1, maxLength: 5000 },
          },
        },
        response: { 201: objectionRecord, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      assertStaffFor(user, record);
      await assertMayRead(app.db, user, record, app.programs);
      const { program } = programOf(app, record);
      if (!objectionStates(program).includes(record.state))
        throw new HttpError(
          409,
          'NO_OBJECTIONS',
          `当前状态「${stateTitle(program, record.state)}」不受理异议（仅在公示期间登记）`,
        );
      const { raisedBy, raisedAt, content } = request.body;
      const saved = await app.db.transaction(async (tx) => {
        const o = await addObjection(tx, {
          applicationId: record.id,
          raisedBy: raisedBy.trim(),
          raisedAt,
          content: content.trim(),
          userId: user.id,
        });
        await audit(tx, request, {
          entity: 'application',
          entityId: record.id,
          action: 'objection',
          patch: [{ op: 'add', path: '/objections/-', value: { id: o.id, raisedBy: o.raisedBy } }],
        });
        return o;
      });
      return reply.code(201).send(saved);
    },
  );

  app.post<{ Params: { id: string }; Body: { decision: 'upheld' | 'dismissed'; reason: string } }>(
    '/api/objections/:id/decision',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['办理流程'],
        summary: '对异议作出决定（成立或不成立，须说明理由，只能决定一次）；异议成立的，申报随即移出名单',
        params: serialParam('异议编号'),
        body: {
          type: 'object',
          title: '异议处理',
          required: ['decision', 'reason'],
          additionalProperties: false,
          properties: {
            decision: { type: 'string', title: '决定', enum: ['upheld', 'dismissed'] },
            reason: { type: 'string', title: '理由', minLength: 1, maxLength: 2000 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { objection: objectionRecord, application: transitionResult },
          },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const found = await getObjection(app.db, request.params.id);
      if (!found) throw notFound('异议不存在');
      const record = await loadApplication(app, found.applicationId);
      assertStaffFor(user, record);
      await assertMayRead(app.db, user, record, app.programs);
      const { program } = programOf(app, record);
      const { decision } = request.body;
      const reason = request.body.reason.trim();
      if (!reason) throw new HttpError(400, 'REASON', '请填写异议处理的理由');
      const upheld = decision === 'upheld' ? upheldTransition(program, record.state) : undefined;
      if (decision === 'upheld' && !upheld)
        throw new HttpError(
          409,
          'ILLEGAL',
          `当前状态「${stateTitle(program, record.state)}」没有异议成立后可办理的事项`,
        );
      const { objection, applied } = await app.db.transaction(async (tx) => {
        const d = await decideObjection(tx, { id: found.id, decision, reason, userId: user.id });
        if (!d) throw notFound('异议不存在');
        if (!d.ok)
          throw new HttpError(409, 'DECIDED', '该异议已经作出决定，不能再次决定', { current: d.current });
        await audit(tx, request, {
          entity: 'application',
          entityId: record.id,
          action: `objection:${decision}`,
          patch: [{ op: 'replace', path: `/objections/${found.id}/decision`, value: decision }],
        });
        const taken = upheld
          ? await applyTransition(tx, {
              program,
              applicationId: record.id,
              version: undefined,
              transitionId: upheld.id,
              actor: { user, roles: accountRoles(program, user), ip: request.ip },
              reason,
              now: app.now(),
            })
          : undefined;
        return { objection: d.record as ObjectionRecord, applied: taken };
      });
      if (applied) await send(request, applied.notifications);
      const r = applied?.record ?? record;
      return {
        objection,
        application: { id: r.id, state: r.state, version: r.version, receiptNo: r.receiptNo },
      };
    },
  );

  app.get<{ Querystring: { page?: number; pageSize?: number; unread?: boolean } }>(
    '/api/messages',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: ['办理流程'],
        summary: '本单位收到的消息（新消息在前，含未读数）',
        querystring: {
          type: 'object',
          properties: {
            page: { type: 'integer', title: '页码', minimum: 1, maximum: 100000 },
            pageSize: { type: 'integer', title: '每页条数', minimum: 1, maximum: 100 },
            unread: { type: 'boolean', title: '只看未读' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: messageRecord },
              total: { type: 'integer' },
              unread: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { page, pageSize, unread } = request.query;
      return listMessages(app.db, user.orgId ?? '', { page, pageSize, unreadOnly: unread === true });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/messages/:id/read',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: ['办理流程'],
        summary: '标记一条消息为已读',
        params: serialParam('消息编号'),
        response: { 200: messageRecord, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const m = await markMessageRead(app.db, request.params.id, user.orgId ?? '');
      if (!m) throw notFound('消息不存在');
      return m;
    },
  );
}
