/**
 * Re-application bans (第十五条 for the Dongguan programme): staff record a revocation's
 * ground and decision date; how long the organisation is barred comes from core's `banFor`
 * over program.json, and submission reads the bans back.
 */

import { banFor } from '@shenbao/core';
import { type BanRecord, createBan, findOrganizationByUscc, getOrganization, listBans } from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit';
import { badRequest } from '../http-error';
import { ban as banSchema, errors, programIdParam } from '../schemas';
import { assertStaffOf, userOf } from './access';
import { programOf } from './programs';

export default async function banRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { pid: string }; Body: { uscc: string; ground: number; decidedOn: string } }>(
    '/api/programs/:pid/bans',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['撤销与限制'],
        summary: '登记撤销认定后的重新申请限制（期限由撤销情形决定）',
        params: programIdParam,
        body: {
          type: 'object',
          title: '撤销认定',
          required: ['uscc', 'ground', 'decidedOn'],
          additionalProperties: false,
          properties: {
            uscc: { type: 'string', title: '统一社会信用代码', minLength: 1, maxLength: 32 },
            ground: { type: 'integer', title: '撤销情形', minimum: 1, maximum: 100 },
            decidedOn: { type: 'string', title: '撤销决定日期', format: 'date' },
          },
        },
        response: { 201: banSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { pid } = request.params;
      assertStaffOf(user, pid);
      const { program } = programOf(app, pid);
      const { uscc, ground, decidedOn } = request.body;
      const org = await findOrganizationByUscc(app.db, uscc.trim().toUpperCase());
      if (!org) throw badRequest('该统一社会信用代码尚未注册', { path: '/uscc' });
      const ban = banFor(program.manifest, ground, decidedOn);
      if (!ban)
        throw badRequest(`撤销情形“${ground}”不存在（见${program.manifest.procedure.revocation.article}）`, {
          path: '/ground',
        });
      const record = await app.db.transaction(async (tx) => {
        const created = await createBan(tx, {
          programId: pid,
          orgId: org.id,
          ground,
          decidedOn,
          until: ban.until ?? null,
          kind: ban.kind,
          reason: ban.ground.text,
          userId: user.id,
        });
        await audit(tx, request, {
          entity: 'ban',
          entityId: created.id,
          action: 'create',
          patch: [{ op: 'add', path: '', value: created }],
        });
        return created;
      });
      return reply.code(201).send({ ...record, orgUscc: org.uscc, orgName: org.name });
    },
  );

  app.get<{ Params: { pid: string } }>(
    '/api/programs/:pid/bans',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['撤销与限制'],
        summary: '项目的重新申请限制',
        params: programIdParam,
        response: { 200: { type: 'array', items: banSchema }, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      assertStaffOf(user, request.params.pid);
      programOf(app, request.params.pid);
      const bans = await listBans(app.db, { programId: request.params.pid });
      const orgs = new Map<string, { uscc: string; name: string }>();
      const withOrg = async (b: BanRecord) => {
        let org = orgs.get(b.orgId);
        if (!org) {
          const o = await getOrganization(app.db, b.orgId);
          org = { uscc: o?.uscc ?? '', name: o?.name ?? '' };
          orgs.set(b.orgId, org);
        }
        return { ...b, orgUscc: org.uscc, orgName: org.name };
      };
      const out = [];
      for (const b of bans) out.push(await withOrg(b));
      return out;
    },
  );
}
