/**
 * CSRF: every POST/PUT/PATCH/DELETE carries `x-csrf-token`. With a session it must be the
 * session's token. Routes open to anyone (login, register) also take the anonymous token of
 * GET /api/auth/csrf: an HMAC, with the server secret, of the random `sb_csrf` cookie that
 * call sets — a page on another site can neither read the cookie nor compute the HMAC.
 * Comparisons are constant-time. Runs after the access check, so a missing session is 401.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error';

export const CSRF_COOKIE = 'sb_csrf';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Equal strings, in time independent of where they differ (hashes make the lengths equal). */
export function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function anonymousToken(secret: string, cookieValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${cookieValue}`).digest('base64url');
}

/** The anonymous token for this browser, setting its `sb_csrf` cookie when it has none. */
export function issueAnonymousToken(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  secure: boolean,
): string {
  let value = request.cookies[CSRF_COOKIE];
  if (value === undefined || !COOKIE_VALUE.test(value)) {
    value = randomBytes(32).toString('base64url');
    reply.setCookie(CSRF_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }
  return anonymousToken(secret, value);
}

export const csrfRefused = (): HttpError => new HttpError(403, 'CSRF', '页面已过期，请刷新后重试');

export default fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      if (!UNSAFE.has(request.method) || request.is404) return;
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || header === '') throw csrfRefused();
      if (request.session && sameToken(header, request.session.csrfToken)) return;
      if (request.routeOptions.config.roles === 'anyone') {
        const cookieValue = request.cookies[CSRF_COOKIE];
        if (
          cookieValue !== undefined &&
          COOKIE_VALUE.test(cookieValue) &&
          sameToken(header, anonymousToken(app.config.secret, cookieValue))
        )
          return;
      }
      throw csrfRefused();
    });
  },
  { name: 'shenbao-csrf', dependencies: ['shenbao-session', 'shenbao-access'] },
);
