/**
 * The portal's production build at `/`: hashed assets cached for a year (their name changes
 * with their content), index.html never cached, and index.html for any other page path so
 * the portal's own router can show it. Unknown /api paths and missing files stay 404.
 */
import { basename, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendNotFound } from './errors';

/** Vite's output names assets `name-<hash>.ext` under assets/. */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export default fp(
  async (app: FastifyInstance, opts: { root: string }) => {
    await app.register(fastifyStatic, {
      root: opts.root,
      prefix: '/',
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply, path) => {
        const immutable = path.includes(`${sep}assets${sep}`) && HASHED.test(basename(path));
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !path.startsWith('/api/') &&
        path !== '/api' &&
        !/\.[A-Za-z0-9]+$/.test(path);
      if (!isPage) return sendNotFound(request, reply);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    });
  },
  { name: 'shenbao-static' },
);
