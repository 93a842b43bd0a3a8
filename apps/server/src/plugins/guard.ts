/**
 * Structural limits on every JSON body, before anything merges, stores or renders it:
 * `__proto__`/`constructor`/`prototype` keys and nesting deeper than 64 are refused with the
 * path (core's guardData, the one key guard of the project).
 *
 * Fastify's own JSON parser (secure-json-parse, set to 'error' for both `__proto__` and
 * `constructor` in app.ts) stays the parser; it reports a poisoned body as ill-formed JSON,
 * so on its refusal the body is read once more with the plain parser to tell the user which
 * key at which path was the problem. Two more refusals belong to the server's storage:
 * - bytes that are not UTF-8 make the JSON text ill-formed (RFC 8259 §8.1) — decoding them to
 *   U+FFFD would store something the client never sent;
 * - U+0000 in a body or query string: PostgreSQL's text and jsonb cannot hold it.
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
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Path of the first key or string holding U+0000 (iterative: nesting is already bounded). */
export function nulPath(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        stack.push({ value: item, path: `${path}/${i}` });
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        // Shown as the escape the client sent, not as the character itself.
        if (k.includes('\u0000')) return `${path}/${esc(k).replaceAll('\u0000', '\\u0000')}`;
        stack.push({ value: item, path: `${path}/${esc(k)}` });
      }
    }
  }
  return undefined;
}

const nulError = (path: string): HttpError => guardError({ path, message: '内容中不能含有空字符（U+0000）' });

export default fp(
  async (app) => {
    const secureParse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (
        request: FastifyRequest,
        body: string | Buffer,
        done: (err: Error | null, value?: unknown) => void,
      ) => {
        let text: string;
        try {
          text = typeof body === 'string' ? body : utf8.decode(body);
        } catch {
          return done(invalidJson());
        }
        // Clients that send the JSON header with no body (a bare POST) mean "no body".
        if (text.trim() === '') return done(null, undefined);
        secureParse(request, text, (err, value) => {
          if (!err) {
            // U+0000 can only arrive escaped (a raw one is not valid JSON): look only then.
            const nul = /\\u0000/i.test(text) ? nulPath(value) : undefined;
            return nul === undefined ? done(null, value) : done(nulError(nul));
          }
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
      const query = nulPath(request.query);
      if (query !== undefined) throw nulError(query);
      const body = request.body;
      if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
      const problem = guardData(body);
      if (problem) throw guardError(problem);
    });
  },
  { name: 'shenbao-guard' },
);
