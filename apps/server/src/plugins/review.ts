/**
 * The bureau's side of one application: its audit history (staff of the programme, and
 * administrators, who answer for the accounts that acted) and assigning reviewers.
 */

import {
  assignReviewer,
  getOrganization,
  getUser,
  listAssignedReviewers,
  listAudit,
  listUsers,
  type User,
  unassignReviewer,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit';
import { badRequest, conflict as conflictError, notFound } from '../http-error';
import { auditEntry, errors, idParam, noContent } from '../schemas';
import { isEditableIn } from '../states';
import { assertMayRead, assertStaffOf, userOf, worksOnAny } from './access';
import { loadApplication } from './applications';

export default async function reviewRoutes(app: FastifyInstance): Promise<void> {
  /**
   * Why a reviewer must stand aside (回避) from an application of an organisation, or undefined.
   * The rule is the reviewer's declared employer: its 统一社会信用代码 is the organisation's,
   * whatever either is called now. The phone rule stays as a second net, because it catches
   * a tie nobody declared: the reviewer's mobile (or login) is the organisation's registered
   * contact number or that of one of its accounts, i.e. the reviewer is a person who applies
   * for that organisation.
   */
  async function conflictOf(reviewer: User, orgId: string): Promise<string | undefined> {
    const org = await getOrganization(app.db, orgId);
    if (reviewer.affiliationUscc !== null && org && reviewer.affiliationUscc === org.uscc)
      return `该评审专家的工作单位即申报单位（统一社会信用代码${org.uscc}），应当回避，不能分配`;
    if (reviewer.orgId !== null)
      return reviewer.orgId === orgId ? '该评审专家与申报单位属于同一单位，应当回避，不能分配' : undefined;
    const mine = new Set([reviewer.mobile, reviewer.login].filter((x): x is string => !!x));
    const same =
      (org !== undefined && mine.has(org.mobile)) ||
      (await listUsers(app.db, { orgId })).some(
        (u) => (u.mobile !== null && mine.has(u.mobile)) || mine.has(u.login),
      );
    return same ? '该评审专家与申报单位属于同一单位，应当回避，不能分配' : undefined;
  }

  app.get<{ Params: { id: string } }>(
    '/api/applications/:id/audit',
    {
      config: { roles: ['staff', 'admin'] },
      schema: {
        tags: ['申报'],
        summary: '申报的审计记录（谁、何时、从哪里、改了什么）',
        params: idParam,
        response: { 200: { type: 'array', items: auditEntry }, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      if (user.role !== 'admin') await assertMayRead(app.db, user, record, app.programs);
      return listAudit(app.db, 'application', record.id);
    },
  );

  const reviewerView = {
    type: 'object',
    title: '评审专家',
    properties: {
      id: { type: 'string' },
      login: { type: 'string', title: '登录名' },
      name: { type: 'string', title: '姓名' },
      assigned: { type: 'boolean', title: '已分配' },
      assignedAt: { type: 'string', title: '分配时间' },
      reviewed: { type: 'boolean', title: '已提交评审意见' },
      conflict: { type: 'string', title: '应当回避的理由' },
    },
  } as const;

  app.get<{ Params: { id: string } }>(
    '/api/applications/:id/reviewers',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['申报'],
        summary: '评审专家：已分配的（是否已提交评审意见）和可分配的（应当回避的注明理由）',
        params: idParam,
        response: {
          200: { type: 'object', properties: { reviewers: { type: 'array', items: reviewerView } } },
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      assertStaffOf(user, record.programId);
      const assigned = await listAssignedReviewers(app.db, record.id);
      const assignedIds = new Set(assigned.map((a) => a.user.id));
      const candidates = (await listUsers(app.db, { role: 'reviewer' })).filter(
        (r) => !assignedIds.has(r.id) && worksOnAny(r, record.programId),
      );
      return {
        reviewers: [
          ...assigned.map((a) => ({
            id: a.user.id,
            login: a.user.login,
            name: a.user.name,
            assigned: true,
            assignedAt: a.assignedAt,
            reviewed: a.reviewed,
          })),
          ...(await Promise.all(
            candidates.map(async (r) => {
              const why = await conflictOf(r, record.orgId);
              return {
                id: r.id,
                login: r.login,
                name: r.name,
                assigned: false,
                reviewed: false,
                ...(why === undefined ? {} : { conflict: why }),
              };
            }),
          )),
        ],
      };
    },
  );

  app.delete<{ Params: { id: string; userId: string } }>(
    '/api/applications/:id/reviewers/:userId',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['申报'],
        summary: '撤回评审专家的分配（已提交评审意见的不能撤回）',
        params: {
          type: 'object',
          required: ['id', 'userId'],
          properties: {
            id: idParam.properties.id,
            userId: { type: 'string', title: '评审专家', minLength: 1, maxLength: 64 },
          },
        },
        response: { 204: noContent, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      assertStaffOf(user, record.programId);
      const userId = request.params.userId;
      const index = (await listAssignedReviewers(app.db, record.id)).findIndex((a) => a.user.id === userId);
      await app.db.transaction(async (tx) => {
        const outcome = await unassignReviewer(tx, record.id, userId);
        if (outcome === 'absent') throw notFound('该评审专家未分配到这份申报');
        if (outcome === 'reviewed') throw conflictError('REVIEWED', '该评审专家已提交评审意见，不能撤回分配');
        await audit(tx, request, {
          entity: 'application',
          entityId: record.id,
          action: 'unassign-reviewer',
          patch: [{ op: 'remove', path: `/reviewers/${index}` }],
        });
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: { userId: string } }>(
    '/api/applications/:id/reviewers',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['申报'],
        summary: '分配评审专家',
        params: idParam,
        body: {
          type: 'object',
          title: '评审专家',
          required: ['userId'],
          additionalProperties: false,
          properties: { userId: { type: 'string', title: '评审专家', minLength: 1, maxLength: 64 } },
        },
        response: { 204: noContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      assertStaffOf(user, record.programId);
      if (isEditableIn(app.programs, record)) throw badRequest('申报尚未提交，不能分配评审专家');
      const reviewer = await getUser(app.db, request.body.userId);
      if (reviewer?.role !== 'reviewer') throw badRequest('该账号不是评审专家', { path: '/userId' });
      if (!worksOnAny(reviewer, record.programId))
        throw badRequest('该评审专家未被指定参与本项目的评审', { path: '/userId' });
      // 回避: nobody reviews an application of the organisation they work for or apply for.
      const conflict = await conflictOf(reviewer, record.orgId);
      if (conflict) throw badRequest(conflict, { path: '/userId' });
      await app.db.transaction(async (tx) => {
        if (await assignReviewer(tx, record.id, reviewer.id, user.id))
          await audit(tx, request, {
            entity: 'application',
            entityId: record.id,
            action: 'assign-reviewer',
            patch: [{ op: 'add', path: '/reviewers/-', value: reviewer.id }],
          });
      });
      return reply.code(204).send();
    },
  );
}
