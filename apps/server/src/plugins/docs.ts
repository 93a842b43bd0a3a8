/**
 * The OpenAPI document (`/api/openapi.json`) and its browsable page (`/api/docs`), generated
 * from the route schemas (@fastify/swagger, dynamic mode). Each programme's form schemas are
 * registered as shared schemas (`program:<pid>:<form>`) and the application and targets
 * `data` fields refer to them in the document — while at run time a draft's data stays
 * guarded, not validated, and submission validates it fully with core.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export type DocData = 'application' | 'targets';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which programme form the route's `data` (body and reply) is, for the document only. */
    docData?: DocData;
  }
}

export const programSchemaId = (pid: string, form: string): string => `program:${pid}:${form}`;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that carry a form's data, per kind of route. */
const DATA_FIELDS: Record<DocData, readonly string[]> = {
  application: ['data'],
  targets: ['data', 'published', 'draft'],
};

/** A copy of `schema` in which every property named in `fields`, at any depth, is `data`. */
function withData(schema: unknown, fields: readonly string[], data: Json): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withData(s, fields, data));
  if (!isObj(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObj(value))
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          fields.includes(name)
            ? { ...data, description: '项目表单数据（结构见该项目的表单）' }
            : withData(sub, fields, data),
        ]),
      );
    else out[key] = withData(value, fields, data);
  }
  return out;
}

export default fp(
  async (app: FastifyInstance) => {
    const refs: Record<DocData, Json[]> = { application: [], targets: [] };
    for (const [pid, { program }] of app.programs) {
      const m = program.manifest;
      for (const form of Object.keys(m.forms)) {
        const { $schema: _s, $id: _i, ...schema } = program.formSchema(form) as Json;
        app.addSchema({ ...schema, $id: programSchemaId(pid, form) });
      }
      if (m.submission) refs.application.push({ $ref: `${programSchemaId(pid, m.submission.form)}#` });
      refs.targets.push({ $ref: `${programSchemaId(pid, m.targets.form)}#` });
    }
    const dataSchema = (kind: DocData): Json => {
      const list = refs[kind];
      return list.length === 1 ? (list[0] as Json) : { oneOf: list };
    };

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Shenbao 申报 API',
          version: '1',
          description:
            '会话 Cookie 为 sb_session；所有 POST/PUT/PATCH/DELETE 须带 x-csrf-token 请求头。约定见仓库 docs/api.md。',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sb_session' } },
        },
      },
      refResolver: {
        // Component names allow letters, digits, '.', '-' and '_' only.
        buildLocalReference: (json, _base, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id.replace(/[^A-Za-z0-9._-]/g, '.') : `def-${i}`,
      },
      transform: ({ schema, url, route }) => {
        if (!url.startsWith('/api/') && url !== '/healthz') return { schema: { ...schema, hide: true }, url };
        const kind = route.config?.docData;
        if (!kind || !schema) return { schema, url };
        const fields = DATA_FIELDS[kind];
        const data = dataSchema(kind);
        const response = withData(schema.response, fields, data);
        return { schema: { ...schema, body: withData(schema.body, fields, data), response }, url };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });

    app.get(
      '/api/openapi.json',
      { config: { roles: 'anyone' }, schema: { hide: true } },
      async (_request, reply) =>
        reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
    );
  },
  { name: 'shenbao-docs' },
);
