/**
 * Accounts managed by people: an applicant invites colleagues into its own organisation; an
 * administrator lists every account and creates staff, reviewers (with the enterprise they work
 * for, if any, for 回避), admins and applicants of a registered organisation. Every creation is
 * audited.
 */
import { BUILTIN_FORMATS, usccProblem } from '@shenbao/core';

import {
  createUser,
  findOrganizationByUscc,
  listUsers,
  type NewUser,
  type Role,
  type User,
} from '@shenbao/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit';
import { badRequest, HttpError } from '../http-error';
import { errors, user as userSchema } from '../schemas';
import { userOf } from './access';
import { checkPassword, mobileSchema, passwordSchema, personNameSchema, publicUser } from './auth';

/** What the audit log keeps of a new account (a reviewer's employer when given). */
const auditedUser = (u: User) => ({
  ...publicUser(u),
  ...(u.affiliationUscc ? { affiliationUscc: u.affiliationUscc } : {}),
});

const loginTaken = (): HttpError => new HttpError(409, 'LOGIN_TAKEN', '该账号（登录名）已存在');

async function create(app: FastifyInstance, request: FastifyRequest, input: NewUser): Promise<User> {
  checkPassword(input.password);
  return app.db.transaction(async (tx) => {
    const created = await createUser(tx, input);
    if (!created.ok) throw loginTaken();
    await audit(tx, request, {
      entity: 'user',
      entityId: created.value.id,
      action: 'create',
      patch: [{ op: 'add', path: '', value: auditedUser(created.value) }],
    });
    return created.value;
  });
}

const userList = { type: 'array', items: userSchema } as const;
const created = { type: 'object', required: ['user'], properties: { user: userSchema } } as const;
/** What administrators see of an account: also a reviewer's employer. */
const adminUserSchema = {
  ...userSchema,
  properties: { ...userSchema.properties, affiliationUscc: { type: ['string', 'null'] } },
} as const;
const adminUserList = { type: 'array', items: adminUserSchema } as const;
const adminCreated = { type: 'object', required: ['user'], properties: { user: adminUserSchema } } as const;
const adminUser = (u: User) => ({ ...publicUser(u), affiliationUscc: u.affiliationUscc });

export default async function userRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/org/users',
    {
      config: { roles: ['applicant'] },
      schema: { tags: ['账号'], summary: '本单位的账号', response: { 200: userList, ...errors(401, 403) } },
    },
    async (request) => (await listUsers(app.db, { orgId: userOf(request).orgId ?? '' })).map(publicUser),
  );

  app.post<{ Body: { name: string; mobile: string; password: string } }>(
    '/api/org/users',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: ['账号'],
        summary: '邀请同事加入本单位（登录名为手机号码）',
        body: {
          type: 'object',
          title: '同事信息',
          required: ['name', 'mobile', 'password'],
          additionalProperties: false,
          properties: { name: personNameSchema, mobile: mobileSchema, password: passwordSchema },
        },
        response: { 201: created, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const me = userOf(request);
      const b = request.body;
      const user = await create(app, request, {
        login: b.mobile,
        name: b.name.trim(),
        mobile: b.mobile,
        role: 'applicant',
        orgId: me.orgId,
        password: b.password,
      });
      return reply.code(201).send({ user: publicUser(user) });
    },
  );

  app.get(
    '/api/admin/users',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['账号'], summary: '全部账号', response: { 200: adminUserList, ...errors(401, 403) } },
    },
    async () => (await listUsers(app.db)).map(adminUser),
  );

  app.post<{
    Body: {
      login: string;
      name: string;
      role: Role;
      password: string;
      orgUscc?: string;
      programs?: string[];
      affiliationUscc?: string;
    };
  }>(
    '/api/admin/users',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['账号'],
        summary:
          '创建账号（申报单位账号须给出已注册单位的统一社会信用代码；工作人员和评审专家须给出负责的项目；评审专家可给出其工作单位的统一社会信用代码，不评审该单位的申报）',
        body: {
          type: 'object',
          title: '账号信息',
          required: ['login', 'name', 'role', 'password'],
          additionalProperties: false,
          properties: {
            login: { type: 'string', title: '登录名', minLength: 1, maxLength: 64, pattern: '^\\S+$' },
            name: personNameSchema,
            role: {
              type: 'string',
              title: '角色',
              oneOf: [
                { const: 'applicant', title: '申报单位' },
                { const: 'staff', title: '工作人员' },
                { const: 'reviewer', title: '评审专家' },
                { const: 'admin', title: '管理员' },
              ],
            },
            password: passwordSchema,
            orgUscc: { type: 'string', title: '统一社会信用代码', minLength: 1, maxLength: 32 },
            programs: {
              type: 'array',
              title: '负责的项目',
              maxItems: 100,
              items: { type: 'string', title: '项目', minLength: 1, maxLength: 64 },
            },
            affiliationUscc: {
              type: 'string',
              title: '工作单位统一社会信用代码',
              minLength: 1,
              maxLength: 32,
            },
          },
        },
        response: { 201: adminCreated, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      let orgId: string | null = null;
      if (b.role === 'applicant') {
        if (!b.orgUscc) throw badRequest('申报单位账号须填写所属单位的统一社会信用代码');
        const org = await findOrganizationByUscc(app.db, b.orgUscc.trim().toUpperCase());
        if (!org) throw badRequest('该统一社会信用代码尚未注册');
        orgId = org.id;
      } else if (b.orgUscc !== undefined) throw badRequest('只有申报单位账号可以属于某个单位');
      let affiliationUscc: string | null = null;
      if (b.affiliationUscc !== undefined) {
        if (b.role !== 'reviewer')
          throw badRequest('只有评审专家账号需要填写工作单位', { path: '/affiliationUscc' });
        affiliationUscc = b.affiliationUscc.trim().toUpperCase();
        if (usccProblem(affiliationUscc))
          throw badRequest(
            `工作单位统一社会信用代码${BUILTIN_FORMATS.uscc?.message(affiliationUscc) ?? '无效'}`,
            { path: '/affiliationUscc' },
          );
      }
      const programs = b.programs ?? [];
      if (b.role !== 'staff' && b.role !== 'reviewer' && programs.length > 0)
        throw badRequest('只有工作人员和评审专家需要指定负责的项目');
      for (const p of programs)
        if (p !== '*' && !app.programs.has(p)) throw badRequest(`未知的项目：${p}`, { path: '/programs' });
      const user = await create(app, request, {
        login: b.login.trim(),
        name: b.name.trim(),
        role: b.role,
        orgId,
        programs,
        affiliationUscc,
        password: b.password,
      });
      return reply.code(201).send({ user: adminUser(user) });
    },
  );
}
