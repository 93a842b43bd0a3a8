/**
 * Structural limits on every JSON body, before anything merges, stores or renders it:
 * `__proto__`/`constructor`/`prototype` keys and nesting deeper than 64 are refused with the
 * path (core's guardData, the one key guard of the project).
 *
 * Fastify's own JSON parser (secure-json-parse, set to 'error' for both `__proto__` and
 * `constructor` in app.ts) stays the parser; it reports a poisoned body as ill-formed JSON,
 * so on its refusal the body is read once more with the plain parser to tell the user which
 * key at which path was the problem.
 */

import { guardData } from '@shenbao/core';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error';
import { INVALID_JSON } from './errors';

function guardError(problem: { path: string; message: string }): HttpError {
  return new HttpError(400, 'BAD_DATA', `${problem.message}（位置：${problem.path || '/'}）`, {
    path: problem.path,
  });
}

const invalidJson = (): HttpError => new HttpError(400, 'INVALID_JSON', INVALID_JSON);

export default fp(
  async (app) => {
    const secureParse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (
        request: FastifyRequest,
        body: string | Buffer,
        done: (err: Error | null, value?: unknown) => void,
      ) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        // Clients that send the JSON header with no body (a bare POST) mean "no body".
        if (text.trim() === '') return done(null, undefined);
        secureParse(request, text, (err, value) => {
          if (!err) return done(null, value);
          let plain: unknown;
          try {
            plain = JSON.parse(text);
          } catch {
            return done(invalidJson());
          }
          const problem = guardData(plain);
          done(problem ? guardError(problem) : invalidJson());
        });
      },
    );

    app.addHook('preValidation', async (request) => {
      const body = request.body;
      if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
      const problem = guardData(body);
      if (problem) throw guardError(problem);
    });
  },
  { name: 'shenbao-guard' },
);
