/**
 * Sessions: the `sb_session` cookie holds an opaque token; the database keeps its hash, the
 * user and the session's CSRF token, so every server process sees the same sessions. Each
 * /api request with the cookie loads session and user (the store slides the idle expiry); they
 * are remembered between requests while the store's announcements of ended sessions are heard
 * (session-cache.ts).
 */

import cookie from '@fastify/cookie';
import { getSession, SESSIONS_CHANNEL, tokenHash } from '@shenbao/store';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { SessionCache } from '../session-cache';

export const SESSION_COOKIE = 'sb_session';

/** Tokens are base64url of 32 random bytes; anything else is not worth a query. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export default fp(
  async (app) => {
    await app.register(cookie);
    const sessions = new SessionCache();
    app.decorate('sessions', sessions);
    const stopListening = await app.db.listen(SESSIONS_CHANNEL, {
      message: (payload) => sessions.heard(payload),
      state: (listening) => {
        sessions.setListening(listening);
        if (!listening)
          app.log.warn('会话变更通知连接已断开：暂不缓存会话，每个请求都查询数据库（将自动重连）');
      },
    });
    app.addHook('onClose', async () => {
      await stopListening();
    });
    app.decorateRequest('user', undefined);
    app.decorateRequest('session', undefined);

    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/')) return;
      const token = request.cookies[SESSION_COOKIE];
      if (token === undefined) return;
      const ttlMs = app.config.sessionTtlMs;
      // The store slides the expiry once less than half the ttl remains; a minute's margin.
      const found = TOKEN.test(token)
        ? await app.sessions.get(tokenHash(token), ttlMs / 2 + 60_000, () =>
            getSession(app.db, token, { ttlMs }),
          )
        : undefined;
      if (!found) {
        // An expired or unknown session: forget it, so the browser stops sending it.
        clearSessionCookie(reply, app.config.production);
        return;
      }
      request.user = found.user;
      request.session = { ...found.session, token };
    });
  },
  { name: 'shenbao-session' },
);
