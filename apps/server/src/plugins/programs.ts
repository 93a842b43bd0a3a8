/**
 * The programmes as the portal loads them: a list, a bundle of every JSON file core's
 * `loadProgram` reads, and single files (templates included). A file is found only among the
 * keys of the programme's loaded file map, so no request path ever reaches the file system.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error';
import type { LoadedProgram } from '../program-registry';
import { errors, programIdParam } from '../schemas';

const MEDIA_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  hbs: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  conf: 'text/plain; charset=utf-8',
};

export const programNotFound = (pid: string): HttpError =>
  new HttpError(404, 'NOT_FOUND', `项目“${pid}”不存在`);

/** The programme of a route's `:pid`, or 404. */
export function programOf(app: FastifyInstance, pid: string): LoadedProgram {
  const p = app.programs.get(pid);
  if (!p) throw programNotFound(pid);
  return p;
}

const etagOf = (bytes: string | Uint8Array): string =>
  `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

export default async function programRoutes(app: FastifyInstance): Promise<void> {
  // Serialised once: the bundle is the same for every request until the server restarts.
  const bundles = new Map<string, { body: string; etag: string }>();
  for (const [id, { files }] of app.programs) {
    const json: Record<string, string> = {};
    for (const [path, content] of files)
      if (!path.startsWith('templates/') && path.endsWith('.json') && typeof content === 'string')
        json[path] = content;
    const body = JSON.stringify({ id, files: json });
    bundles.set(id, { body, etag: etagOf(body) });
  }

  app.get(
    '/api/programs',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['项目'],
        summary: '服务器加载的认定项目',
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                authority: { type: 'string' },
                docNo: { type: 'string' },
                forms: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { id: { type: 'string' }, title: { type: 'string' } },
                  },
                },
                submissionForm: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
    async () =>
      [...app.programs.values()].map(({ program }) => {
        const m = program.manifest;
        return {
          id: m.id,
          title: m.title,
          authority: m.authority,
          docNo: m.basis.docNo,
          forms: Object.entries(m.forms).map(([id, f]) => ({ id, title: f?.title ?? id })),
          submissionForm: m.submission?.form ?? null,
        };
      }),
  );

  app.get<{ Params: { pid: string } }>(
    '/api/programs/:pid/bundle',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['项目'],
        summary: '项目的全部 JSON 文件（core 的 loadProgram 读取的内容，不含模板）',
        params: programIdParam,
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              files: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
          ...errors(404),
        },
      },
    },
    async (request, reply) => {
      const bundle = bundles.get(request.params.pid);
      if (!bundle) throw programNotFound(request.params.pid);
      reply.header('etag', bundle.etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
      // A string with a JSON type is sent as it is: the bundle is serialised once, at start.
      return reply.type('application/json; charset=utf-8').send(bundle.body);
    },
  );

  app.get<{ Params: { pid: string; '*': string } }>(
    '/api/programs/:pid/files/*',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['项目'],
        summary: '项目的单个文件（原样字节；模板在 templates/ 下）',
        params: {
          type: 'object',
          required: ['pid', '*'],
          properties: {
            pid: programIdParam.properties.pid,
            '*': { type: 'string', title: '文件路径', maxLength: 500 },
          },
        },
        response: { ...errors(404) },
      },
    },
    async (request, reply) => {
      const { program } = programOf(app, request.params.pid);
      const path = request.params['*'];
      if (!program.has(path)) throw new HttpError(404, 'NOT_FOUND', `项目文件不存在：${path}`);
      const content = program.file(path);
      const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
      const etag = etagOf(content);
      reply
        .type(MEDIA_TYPES[ext] ?? 'application/octet-stream')
        .header('etag', etag)
        .header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(typeof content === 'string' ? content : Buffer.from(content));
    },
  );
}
