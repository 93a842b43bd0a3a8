/**
 * The portal's production build at `/`: hashed assets cached for a year (their name changes
 * with their content), index.html never cached, and index.html for any other page path so
 * the portal's own router can show it. The API's paths never reach the file system (an
 * unknown /api path is 404 接口不存在), and neither do paths longer than a file name can be.
 */
import { readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendNotFound } from './errors';

/** Vite's output names assets `name-<hash>.ext` under assets/. */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const MAX_FILE_PATH = 1024;

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '';

export default fp(
  async (app: FastifyInstance, opts: { root: string }) => {
    // Read once: the build does not change while the server runs.
    const index = readFileSync(join(opts.root, 'index.html'));
    const sendIndex = (reply: FastifyReply) =>
      reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);

    await app.register(async (files) => {
      files.addHook('onRequest', async (request, reply) => {
        const path = pathOf(request);
        if (path.startsWith('/api/') || path.length > MAX_FILE_PATH) return sendNotFound(request, reply);
      });
      await files.register(fastifyStatic, {
        root: opts.root,
        prefix: '/',
        index: ['index.html'],
        // The build writes .br and .gz beside each asset (apps/web/vite.config.ts); sent as accepted.
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, path) => {
          // `path` is the file sent: for a compressed answer, the .br or .gz beside the asset.
          const file = basename(path).replace(/\.(br|gz)$/, '');
          const immutable = path.includes(`${sep}assets${sep}`) && HASHED.test(file);
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    });

    app.setNotFoundHandler((request, reply) => {
      const path = pathOf(request);
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !path.startsWith('/api/') &&
        path !== '/api' &&
        !/\.[A-Za-z0-9]+$/.test(path);
      return isPage ? sendIndex(reply) : sendNotFound(request, reply);
    });
  },
  { name: 'shenbao-static' },
);
