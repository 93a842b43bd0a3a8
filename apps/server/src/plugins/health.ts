/**
 * `/healthz` for load balancers and supervisors: 200 with the backend while the database
 * answers; 503 once a graceful shutdown has begun (so the balancer stops sending requests
 * before the process goes) or when the database does not answer.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error';
import { errors } from '../schemas';

export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { roles: 'anyone' },
      logLevel: 'warn',
      schema: {
        tags: ['服务'],
        summary: '健康检查',
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              backend: { type: 'string', enum: ['pglite', 'postgres'] },
            },
          },
          ...errors(503),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (app.closing.value) throw new HttpError(503, 'CLOSING', '服务正在停止');
      try {
        await app.db.query('SELECT 1 AS ok');
      } catch (err) {
        request.log.error({ err }, 'health check: database did not answer');
        throw new HttpError(503, 'DATABASE_UNAVAILABLE', '数据库暂不可用');
      }
      return { ok: true, backend: app.db.backend };
    },
  );
}
