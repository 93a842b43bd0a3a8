/**
 * Accounts: an enterprise registers itself (organisation + first user in one transaction),
 * people log in and out, the portal asks who is logged in and for an anonymous CSRF token.
 * Login is throttled per address and locks an account after repeated failures; both counts
 * live in the database so every server process counts the same attempts.
 */

import { BUILTIN_FORMATS, usccProblem } from '@shenbao/core';
import {
  createOrganization,
  createSession,
  createUser,
  deleteSession,
  findUserByLogin,
  getOrganization,
  hashPassword,
  hitCounter,
  type Organization,
  type Queryable,
  recordLoginFailure,
  resetLoginFailures,
  tokenHash,
  type User,
  verifyPassword,
} from '@shenbao/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit';
import { badRequest, HttpError } from '../http-error';
import { displayTimeZone } from '../program-registry';
import { errors, noContent, sessionInfo } from '../schemas';
import { issueAnonymousToken } from './csrf';
import { clearSessionCookie, setSessionCookie } from './session';

export const PASSWORD_RULE = '密码至少8位，且须同时包含字母和数字';
const password = { type: 'string', title: '密码', minLength: 1, maxLength: 128 } as const;
const mobile = { type: 'string', title: '手机号码', format: 'mobile' } as const;
const personName = { type: 'string', title: '姓名', minLength: 1, maxLength: 50 } as const;

/** Throws when a new password is too weak (length and character classes). */
export function checkPassword(pw: string): void {
  if (pw.length < 8 || !/[A-Za-z]/.test(pw) || !/\d/.test(pw)) throw badRequest(PASSWORD_RULE);
}

/** What the client sees of an account. */
export function publicUser(u: User): Pick<User, 'id' | 'login' | 'name' | 'role' | 'orgId' | 'programs'> {
  return { id: u.id, login: u.login, name: u.name, role: u.role, orgId: u.orgId, programs: u.programs };
}

export function publicOrg(o: Organization | undefined | null) {
  return o ? { id: o.id, uscc: o.uscc, name: o.name, contact: o.contact, mobile: o.mobile } : null;
}

const tooMany = (): HttpError => new HttpError(429, 'TOO_MANY_REQUESTS', '尝试过于频繁，请稍后再试');

/** Counts an attempt from the caller's address; refuses past the policy's rate. */
async function throttle(app: FastifyInstance, request: FastifyRequest, kind: string): Promise<void> {
  const n = await hitCounter(app.db, `${kind}-ip:${request.ip}`, 60_000);
  if (n > app.config.login.perAddressPerMinute) throw tooMany();
}

function hhmm(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/**
 * Starts a session for `user` (ending the one the browser had) and answers with who it is and
 * the session's CSRF token; `q` is the transaction that also records the login.
 */
async function startSession(
  app: FastifyInstance,
  q: Queryable,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
) {
  const old = request.session?.token;
  if (old) {
    await deleteSession(q, old);
    app.sessions.forget(tokenHash(old));
  }
  const s = await createSession(q, { userId: user.id, ip: request.ip, ttlMs: app.config.sessionTtlMs });
  setSessionCookie(reply, s.token, app.config.production);
  const org = user.orgId ? await getOrganization(q, user.orgId) : undefined;
  return { user: publicUser(user), org: publicOrg(org), csrfToken: s.csrfToken };
}

let dummyHash: Promise<string> | undefined;

export default async function authRoutes(app: FastifyInstance): Promise<void> {
  const tz = displayTimeZone(app.programs);

  app.post<{ Body: { uscc: string; orgName: string; contact: string; mobile: string; password: string } }>(
    '/api/auth/register',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['账号'],
        summary: '申报单位注册（单位 + 第一个账号，登录名为手机号码）',
        body: {
          type: 'object',
          title: '注册信息',
          required: ['uscc', 'orgName', 'contact', 'mobile', 'password'],
          additionalProperties: false,
          properties: {
            uscc: { type: 'string', title: '统一社会信用代码', minLength: 1, maxLength: 32 },
            orgName: { type: 'string', title: '单位名称', minLength: 1, maxLength: 100 },
            contact: { type: 'string', title: '联系人', minLength: 1, maxLength: 50 },
            mobile,
            password,
          },
        },
        response: { 201: sessionInfo, ...errors(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      await throttle(app, request, 'register');
      const b = request.body;
      const uscc = b.uscc.trim().toUpperCase();
      const problem = usccProblem(uscc);
      if (problem) throw badRequest(`统一社会信用代码${BUILTIN_FORMATS.uscc?.message(uscc) ?? '无效'}`);
      checkPassword(b.password);
      const user = await app.db.transaction(async (tx) => {
        const org = await createOrganization(tx, {
          uscc,
          name: b.orgName.trim(),
          contact: b.contact.trim(),
          mobile: b.mobile,
        });
        if (!org.ok)
          throw new HttpError(409, 'USCC_TAKEN', '该统一社会信用代码已注册，请直接登录或联系本单位管理员');
        const created = await createUser(tx, {
          login: b.mobile,
          name: b.contact.trim(),
          mobile: b.mobile,
          role: 'applicant',
          orgId: org.value.id,
          password: b.password,
        });
        if (!created.ok) throw new HttpError(409, 'LOGIN_TAKEN', '该手机号码已注册，请直接登录');
        const { createdAt: _c, ...orgFields } = org.value;
        await audit(
          tx,
          request,
          {
            entity: 'organization',
            entityId: org.value.id,
            action: 'register',
            patch: [{ op: 'add', path: '', value: orgFields }],
          },
          created.value,
        );
        await audit(
          tx,
          request,
          {
            entity: 'user',
            entityId: created.value.id,
            action: 'create',
            patch: [{ op: 'add', path: '', value: publicUser(created.value) }],
          },
          created.value,
        );
        return created.value;
      });
      return reply.code(201).send(await startSession(app, app.db, request, reply, user));
    },
  );

  app.post<{ Body: { login: string; password: string } }>(
    '/api/auth/login',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['账号'],
        summary: '登录',
        body: {
          type: 'object',
          title: '登录信息',
          required: ['login', 'password'],
          additionalProperties: false,
          properties: { login: { type: 'string', title: '账号', minLength: 1, maxLength: 100 }, password },
        },
        response: { 200: sessionInfo, ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      await throttle(app, request, 'login');
      const { login, password: pw } = request.body;
      const found = await findUserByLogin(app.db, login.trim());
      const wrong = () => new HttpError(401, 'BAD_CREDENTIALS', '账号或密码错误');
      const locked = (until: string) =>
        new HttpError(423, 'LOCKED', `账号已锁定，请于${hhmm(until, tz)}后重试`, { lockedUntil: until });
      if (!found) {
        // Spend the time a real check takes, so the answer does not tell which logins exist.
        dummyHash ??= hashPassword('shenbao-timing-equaliser-0');
        await verifyPassword(await dummyHash, pw);
        throw wrong();
      }
      // Locks are timed by the database clock, so the security clock here is the real one.
      if (found.lockedUntil && Date.parse(found.lockedUntil) > Date.now()) throw locked(found.lockedUntil);
      if (!(await verifyPassword(found.passwordHash, pw))) {
        const until = await app.db.transaction(async (tx) => {
          const lockedUntil = await recordLoginFailure(tx, found.id, app.config.login);
          app.sessions.forgetUser(found.id);
          await audit(tx, request, { entity: 'user', entityId: found.id, action: 'login-failed' }, found);
          return lockedUntil;
        });
        throw until ? locked(until) : wrong();
      }
      return app.db.transaction(async (tx) => {
        if (found.failedLogins > 0 || found.lockedUntil) {
          await resetLoginFailures(tx, found.id);
          app.sessions.forgetUser(found.id);
        }
        await audit(tx, request, { entity: 'user', entityId: found.id, action: 'login' }, found);
        return startSession(app, tx, request, reply, found);
      });
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { roles: 'session' },
      schema: { tags: ['账号'], summary: '退出登录', response: { 204: noContent } },
    },
    async (request, reply) => {
      const session = request.session;
      if (session) {
        await deleteSession(app.db, session.token);
        app.sessions.forget(tokenHash(session.token));
        await audit(app.db, request, { entity: 'user', entityId: session.userId, action: 'logout' });
      }
      clearSessionCookie(reply, app.config.production);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { roles: 'session' },
      schema: { tags: ['账号'], summary: '当前登录的账号', response: { 200: sessionInfo, ...errors(401) } },
    },
    async (request) => {
      const user = request.user as User;
      const org = user.orgId ? await getOrganization(app.db, user.orgId) : undefined;
      return { user: publicUser(user), org: publicOrg(org), csrfToken: request.session?.csrfToken };
    },
  );

  app.get(
    '/api/auth/csrf',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['账号'],
        summary: '匿名 CSRF 令牌（登录、注册用），同时设置 sb_csrf Cookie',
        response: {
          200: { type: 'object', required: ['csrfToken'], properties: { csrfToken: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { csrfToken: issueAnonymousToken(request, reply, app.config.secret, app.config.production) };
    },
  );
}

export { mobile as mobileSchema, password as passwordSchema, personName as personNameSchema };
