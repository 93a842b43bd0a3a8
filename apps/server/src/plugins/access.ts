/**
 * The one place that decides who may do what.
 *
 * Routes: `config: { roles }` is `'anyone'`, `'session'` or a list of roles. A route under
 * /api/ that says nothing needs a session (safe by default); the portal's files and the API
 * document are open. No session → 401, a role not listed → 403.
 *
 * Applications: an applicant reaches its own organisation's only — another organisation's
 * answers 404, so its existence is not disclosed; staff reach submitted (and later)
 * applications of their programmes; reviewers reach what is assigned to them; admins manage
 * accounts and read no application. Drafts belong to the applicant alone.
 */

import type { ApplicationRecord, Queryable, User } from '@shenbao/store';
import { isAssigned } from '@shenbao/store';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RouteAccess } from '../fastify-types';
import { forbidden, HttpError, unauthenticated } from '../http-error';
import type { ProgramRegistry } from '../program-registry';
import { isEditableIn } from '../states';

const OPEN_PATHS = [/^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/];

/** The access a route gets when it declares none. */
export function defaultAccess(url: string): RouteAccess {
  if (!url.startsWith('/api/')) return 'anyone';
  return OPEN_PATHS.some((re) => re.test(url)) ? 'anyone' : 'session';
}

/** The signed-in user, for handlers of routes that need one (the hook already said 401). */
export function userOf(request: FastifyRequest): User {
  if (!request.user) throw unauthenticated();
  return request.user;
}

/** Whether a staff member or reviewer works on a programme. */
export function worksOn(user: User, programId: string): boolean {
  return user.programs.includes('*') || user.programs.includes(programId);
}

/**
 * Whether a staff member or reviewer holds any role in a programme: the whole programme, or
 * one of its procedure roles (`<programId>:<roleId>`, see core's rolesOf).
 */
export function worksOnAny(user: User, programId: string): boolean {
  return worksOn(user, programId) || user.programs.some((p) => p.startsWith(`${programId}:`));
}

export const applicationNotFound = (): HttpError => new HttpError(404, 'NOT_FOUND', '申报不存在');

/**
 * Throws unless `user` may read `record`: 404 for another organisation's application (and
 * for one that does not exist), 403 for a role or programme that may not see it. The
 * applicant's workspace (the programme's editable states) is hidden from the bureau.
 */
export async function assertMayRead(
  q: Queryable,
  user: User,
  record: ApplicationRecord,
  programs: ProgramRegistry,
): Promise<void> {
  const editable = isEditableIn(programs, record);
  switch (user.role) {
    case 'applicant':
      if (record.orgId !== user.orgId) throw applicationNotFound();
      return;
    case 'staff':
      if (!worksOnAny(user, record.programId)) throw forbidden('您不负责该项目的申报');
      if (editable) throw forbidden('申报尚未提交，暂不能查看');
      return;
    case 'reviewer':
      if (editable || !(await isAssigned(q, record.id, user.id))) throw forbidden('该申报未分配给您评审');
      return;
    default:
      throw forbidden('管理员账号不能查看申报内容');
  }
}

/** Throws unless `user` may change `record`'s data or state: its own organisation's applicant. */
export function assertMayWrite(user: User, record: ApplicationRecord): void {
  if (user.role !== 'applicant') throw forbidden('只有申报单位可以修改或提交申报');
  if (record.orgId !== user.orgId) throw applicationNotFound();
}

/** Throws unless `user` is staff of the programme. */
export function assertStaffOf(user: User, programId: string): void {
  if (user.role !== 'staff' || !worksOn(user, programId)) throw forbidden('您不负责该项目');
}

/** Throws unless `user` is staff holding any role in the programme (what lists, stats and due need). */
export function assertStaffWorkingOn(user: User, programId: string): void {
  if (user.role !== 'staff' || !worksOnAny(user, programId)) throw forbidden('您不负责该项目');
}

export default fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}) };
      if (route.config.roles === undefined) route.config.roles = defaultAccess(route.url ?? route.path);
    });

    app.addHook('onRequest', async (request) => {
      if (request.is404) return;
      const roles = request.routeOptions.config.roles ?? defaultAccess(request.routeOptions.url ?? '');
      if (roles === 'anyone') return;
      if (!request.user) throw unauthenticated();
      if (roles !== 'session' && !roles.includes(request.user.role)) throw forbidden();
    });
  },
  { name: 'shenbao-access', dependencies: ['shenbao-session'] },
);
