/**
 * Notices (公示, 认定名单通知, 通告, 撤销公告; issue 10 item 5): staff draft a notice whose entries
 * and period come from live records (program.json `documents[].notice`) — the year's
 * applications, or the recognised centres for the 通告 of first-year failures and the 撤销公告 —
 * fill in the rest (文号, dates, 异议受理, 抄送 — prefilled from the last published notice of the
 * same kind), and publish it: the data and its HTML are frozen from then on, and a correction is
 * a new notice that supersedes it. Published public notices are open to anyone at /notices, with
 * Atom and JSON feeds, and as Word or PDF through the shared renderer.
 */
import {
  derivedOf,
  deriveNotice,
  mergeNotice,
  type NoticeDocument,
  noticeDocument,
  noticeSummary,
  noticeTitle,
  staffPart,
  staffSchema,
} from '@shenbao/core';
import { renderHtml } from '@shenbao/docgen';
import {
  correctNotice,
  createNotice,
  diff,
  getNotice,
  lastPublishedNotice,
  listNoticeSources,
  listNotices,
  listPublishedNotices,
  type NoticeRecord,
  publishNotice,
  saveNotice,
  type User,
} from '@shenbao/store';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit';
import { centreNoticeSources } from '../centres-view';
import { type DocumentFormat, MEDIA_TYPES, pdfUnavailable } from '../documents/renderer';
import { HttpError, notFound, stale } from '../http-error';
import { atomFeed, jsonFeed } from '../notices/feeds';
import { listPage, notFoundPage, noticePage } from '../notices/pages';
import { type PublicNotice, publicDocument, publicView } from '../notices/public-view';
import type { LoadedProgram } from '../program-registry';
import { anyJson, errors, programIdParam, versionSchema, yearSchema } from '../schemas';
import { assertStaffOf, userOf, worksOn } from './access';
import { programOf } from './programs';

const noticeIdParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', title: '公告ID', pattern: '^[1-9][0-9]{0,18}$' } },
} as const;

const noticeProps = {
  id: { type: 'string' },
  programId: { type: 'string' },
  documentId: { type: 'string' },
  year: { type: 'integer' },
  title: { type: 'string' },
  summary: anyJson,
  state: { type: 'string', enum: ['draft', 'published'] },
  version: { type: 'integer' },
  supersedes: { type: ['string', 'null'] },
  supersededBy: { type: ['string', 'null'] },
  createdBy: { type: ['string', 'null'] },
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
  publishedBy: { type: ['string', 'null'] },
  publishedAt: { type: ['string', 'null'] },
} as const;
const noticeListItem = { type: 'object', properties: noticeProps } as const;
const noticeView = {
  type: 'object',
  properties: {
    ...noticeProps,
    data: anyJson,
    staff: anyJson,
    form: anyJson,
    problems: { type: 'array', items: { type: 'string' } },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

const noticeNotFound = (): HttpError => notFound('公告不存在');
const notDraft = (n: NoticeRecord): HttpError =>
  new HttpError(409, 'PUBLISHED', '公告已发布，不能修改；如需更正，请创建更正稿', { current: n });

/** The programme and notice document of a stored notice; 404 when no longer served. */
function docOf(
  app: FastifyInstance,
  n: { programId: string; documentId: string },
): {
  lp: LoadedProgram;
  doc: NoticeDocument;
} {
  const lp = programOf(app, n.programId);
  const doc = noticeDocument(lp.program, n.documentId);
  if (!doc) throw notFound(`本项目没有公告文书“${n.documentId}”`);
  return { lp, doc };
}

/** The notice's data checked against its document's data schema (what publishing insists on). */
function dataErrors(lp: LoadedProgram, doc: NoticeDocument, data: unknown) {
  return lp.program.validate({ file: doc.entry.dataSchema }, data).errors.map((e) => ({
    path: e.path,
    message: e.message,
  }));
}

/** What staff get back: the record, their part of the data, the form to fill and what is amiss. */
function view(lp: LoadedProgram, doc: NoticeDocument, n: NoticeRecord, problems: string[] = []) {
  return {
    ...n,
    staff: staffPart(doc.spec, n.data),
    form: staffSchema(lp.program, doc),
    problems,
    errors: n.state === 'draft' ? dataErrors(lp, doc, n.data) : [],
  };
}

const summaryOf = (doc: NoticeDocument, year: number, data: unknown): Record<string, unknown> => ({
  ...noticeSummary(doc, year, data),
});

/** The derived parts from the applications of the year (or the programme's centres) as they are now. */
async function derive(app: FastifyInstance, lp: LoadedProgram, doc: NoticeDocument, year: number) {
  const { spec } = doc;
  if (spec.entries.from === 'centres')
    return deriveNotice(lp.program, doc, year, { centres: await centreNoticeSources(app.db, lp.program) });
  const transitions = [spec.entries.record, spec.period?.transition].filter((t): t is string => !!t);
  const sources = await listNoticeSources(app.db, {
    programId: lp.program.id,
    year,
    form: lp.program.manifest.submission?.form,
    states: spec.entries.states,
    transitions,
  });
  return deriveNotice(lp.program, doc, year, sources);
}

/**
 * Saves a draft notice's new data on `version`, audited as `action`; answers the view, or the
 * refusal: gone (404), no longer a draft (409), stale (409 with what is there now).
 */
async function saveDraft(
  app: FastifyInstance,
  request: FastifyRequest,
  n: NoticeRecord,
  at: { lp: LoadedProgram; doc: NoticeDocument },
  w: { version: number; data: unknown; action: string; problems?: string[] },
) {
  const { lp, doc } = at;
  const saved = await app.db.transaction(async (tx) => {
    const r = await saveNotice(tx, {
      id: n.id,
      version: w.version,
      data: w.data,
      title: n.title,
      summary: summaryOf(doc, n.year, w.data),
    });
    if (r?.ok)
      await audit(tx, request, {
        entity: 'notice',
        entityId: n.id,
        action: w.action,
        patch: diff(n.data, w.data),
      });
    return r;
  });
  if (!saved) throw noticeNotFound();
  if (!saved.ok) {
    if (saved.current.state !== 'draft') throw notDraft(saved.current);
    throw stale(view(lp, doc, saved.current));
  }
  return view(lp, doc, saved.record, w.problems);
}

async function loadOwn(app: FastifyInstance, user: User, id: string): Promise<NoticeRecord> {
  const n = await getNotice(app.db, id);
  if (!n) throw noticeNotFound();
  assertStaffOf(user, n.programId);
  return n;
}

/** Absolute base URL of this request (the proxy's when TRUST_PROXY says so), for feeds. */
const baseOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

async function publicNotices(app: FastifyInstance): Promise<PublicNotice[]> {
  const now = app.now();
  return (await listPublishedNotices(app.db, 200))
    .map((n) => publicView(app.programs, n, now))
    .filter((v): v is PublicNotice => v !== undefined);
}

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=60')
    .send(body);

/** The body of an act on a notice that carries only the version it was based on. */
const versionBody = {
  type: 'object',
  title: '公告',
  required: ['version'],
  additionalProperties: false,
  properties: { version: versionSchema },
} as const;

export default async function noticeRoutes(app: FastifyInstance): Promise<void> {
  // ---- staff API ----
  app.get<{ Querystring: { programId: string; year?: number } }>(
    '/api/notices',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '项目的公示、公告（草稿与已发布），新建在前',
        querystring: {
          type: 'object',
          required: ['programId'],
          properties: { programId: programIdParam.properties.pid, year: yearSchema },
        },
        response: { 200: { type: 'array', items: noticeListItem }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { programId, year } = request.query;
      programOf(app, programId);
      assertStaffOf(user, programId);
      return listNotices(app.db, { programId, year });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/notices/:id',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '一份公告：数据、工作人员填写的部分、填写表单（文书数据结构去掉系统生成的部分）与校验结果',
        params: noticeIdParam,
        response: { 200: noticeView, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const n = await loadOwn(app, userOf(request), request.params.id);
      const { lp, doc } = docOf(app, n);
      return view(lp, doc, n);
    },
  );

  app.post<{ Body: { programId: string; documentId: string; year: number } }>(
    '/api/notices',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '新建公告草稿：名单与期间取自当前记录，其余内容按同类最近一次发布的公告预填',
        body: {
          type: 'object',
          title: '公告',
          required: ['programId', 'documentId', 'year'],
          additionalProperties: false,
          properties: {
            programId: { ...programIdParam.properties.pid },
            documentId: { type: 'string', title: '文书', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
            year: yearSchema,
          },
        },
        response: { 201: noticeView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { programId, documentId, year } = request.body;
      const lp = programOf(app, programId);
      assertStaffOf(user, programId);
      const doc = noticeDocument(lp.program, documentId);
      if (!doc) throw notFound(`本项目没有公告文书“${documentId}”`);
      const derived = await derive(app, lp, doc, year);
      const last = await lastPublishedNotice(app.db, programId, documentId);
      const data = mergeNotice(doc.spec, last ? staffPart(doc.spec, last.data) : {}, derived.parts);
      const created = await app.db.transaction(async (tx) => {
        const n = await createNotice(tx, {
          programId,
          documentId,
          year,
          title: noticeTitle(doc, year),
          data,
          summary: summaryOf(doc, year, data),
          userId: user.id,
        });
        await audit(tx, request, { entity: 'notice', entityId: n.id, action: 'create' });
        return n;
      });
      return reply.code(201).send(view(lp, doc, created, derived.problems));
    },
  );

  app.put<{ Params: { id: string }; Body: { data: unknown; version: number } }>(
    '/api/notices/:id',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '保存草稿中工作人员填写的部分（名单、期间等系统生成的部分保持不变）',
        params: noticeIdParam,
        body: {
          type: 'object',
          title: '公告',
          required: ['data', 'version'],
          additionalProperties: false,
          properties: { data: { type: 'object', title: '公告内容' }, version: versionSchema },
        },
        response: { 200: noticeView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const n = await loadOwn(app, user, request.params.id);
      const { lp, doc } = docOf(app, n);
      if (n.state !== 'draft') throw notDraft(n);
      const data = mergeNotice(doc.spec, request.body.data, derivedOf(doc.spec, n.data));
      return saveDraft(app, request, n, { lp, doc }, { version: request.body.version, data, action: 'save' });
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/api/notices/:id/refresh',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '按当前记录重新生成草稿的名单与期间',
        params: noticeIdParam,
        body: versionBody,
        response: { 200: noticeView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const n = await loadOwn(app, user, request.params.id);
      const { lp, doc } = docOf(app, n);
      if (n.state !== 'draft') throw notDraft(n);
      const derived = await derive(app, lp, doc, n.year);
      const data = mergeNotice(doc.spec, n.data, derived.parts);
      return saveDraft(
        app,
        request,
        n,
        { lp, doc },
        {
          version: request.body.version,
          data,
          action: 'refresh',
          problems: derived.problems,
        },
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/api/notices/:id/publish',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '发布公告：校验后冻结数据与网页版，公开的公告出现在 /notices 与订阅源',
        params: noticeIdParam,
        body: versionBody,
        response: { 200: noticeView, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const n = await loadOwn(app, user, request.params.id);
      const { lp, doc } = docOf(app, n);
      if (n.state !== 'draft') throw notDraft(n);
      const problems = dataErrors(lp, doc, n.data);
      if (problems.length > 0)
        throw new HttpError(422, 'INVALID_DATA', `公告内容不完整或有误，不能发布：${problems[0]?.message}`, {
          errors: problems,
        });
      const frozen = renderHtml(lp.program, doc.entry.id, n.data, { skipValidation: true });
      const published = await app.db.transaction(async (tx) => {
        const w = await publishNotice(tx, {
          id: n.id,
          version: request.body.version,
          data: n.data,
          html: frozen,
          title: n.title,
          summary: summaryOf(doc, n.year, n.data),
          userId: user.id,
        });
        if (w?.ok) await audit(tx, request, { entity: 'notice', entityId: n.id, action: 'publish' });
        return w;
      });
      if (!published) throw noticeNotFound();
      if (!published.ok) {
        if (published.current.state !== 'draft') throw notDraft(published.current);
        throw stale(view(lp, doc, published.current));
      }
      return view(lp, doc, published.record);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/notices/:id/correct',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['公告'],
        summary: '更正已发布的公告：新建一份取代它的草稿（原公告不变，更正稿发布后标注“已更正”）',
        params: noticeIdParam,
        response: { 201: noticeView, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const n = await loadOwn(app, user, request.params.id);
      const { lp, doc } = docOf(app, n);
      const result = await app.db.transaction(async (tx) => {
        const r = await correctNotice(tx, { id: n.id, userId: user.id });
        if (r?.ok)
          await audit(tx, request, {
            entity: 'notice',
            entityId: r.record.id,
            action: 'correct',
            patch: [{ op: 'add', path: '/supersedes', value: n.id }],
          });
        return r;
      });
      if (!result) throw noticeNotFound();
      if (!result.ok) {
        if (result.conflict === 'exists')
          throw new HttpError(409, 'CORRECTION_EXISTS', '该公告已有更正稿', { id: result.existingId });
        throw new HttpError(409, 'NOT_PUBLISHED', '公告尚未发布，请直接修改草稿');
      }
      return reply.code(201).send(view(lp, doc, result.record));
    },
  );

  app.get<{ Params: { id: string }; Querystring: { format?: DocumentFormat } }>(
    '/api/notices/:id/document',
    {
      // A published public notice is for anyone; a draft for the programme's staff only.
      config: { roles: 'anyone' },
      schema: {
        tags: ['公告'],
        summary: '公告的 Word 或 PDF：已发布的公开公告任何人可下载，草稿仅限本项目工作人员',
        params: noticeIdParam,
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', title: '格式', enum: ['docx', 'pdf'] } },
        },
        response: {
          200: { type: 'string', format: 'binary', description: '文书文件' },
          ...errors(400, 404, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const n = await getNotice(app.db, request.params.id);
      const user = request.user;
      const isStaff = n !== undefined && user?.role === 'staff' && worksOn(user, n.programId);
      if (!n || (!publicDocument(app.programs, n) && !isStaff)) throw noticeNotFound();
      const { lp, doc } = docOf(app, n);
      const format: DocumentFormat = request.query.format ?? 'docx';
      if (format === 'pdf' && !app.renderer.pdfAvailable()) throw pdfUnavailable();
      const valid = dataErrors(lp, doc, n.data).length === 0;
      const rendered = await app.renderer.pools.render(lp, {
        docId: doc.entry.id,
        input: { data: n.data },
        placeholder: valid ? '' : '____',
        skipValidation: true,
      });
      if (!rendered.ok || !rendered.bytes) {
        if (!valid)
          throw new HttpError(422, 'INVALID_DATA', `公告内容不完整，暂不能生成“${doc.entry.title}”`);
        throw new Error(`rendering notice ${n.id} failed: ${rendered.ok ? 'no bytes' : rendered.message}`);
      }
      const bytes = format === 'pdf' ? await app.renderer.toPdf(lp, rendered.bytes) : rendered.bytes;
      const name = `${n.title}${n.state === 'draft' ? '（草稿）' : ''}.${format}`;
      return reply
        .type(MEDIA_TYPES[format])
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', n.state === 'published' ? 'public, max-age=300' : 'private, no-store')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  // ---- public pages and feeds (no login) ----
  const page = { roles: 'anyone' as const };
  app.get('/notices', { config: page, schema: { hide: true } }, async (_request, reply) =>
    html(reply, 200, listPage(await publicNotices(app))),
  );

  app.get('/notices/feed.xml', { config: page, schema: { hide: true } }, async (request, reply) =>
    reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(atomFeed(baseOf(request), await publicNotices(app))),
  );

  app.get('/notices/feed.json', { config: page, schema: { hide: true } }, async (request, reply) =>
    reply
      .type('application/feed+json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(JSON.stringify(jsonFeed(baseOf(request), await publicNotices(app)))),
  );

  app.get<{ Params: { id: string } }>(
    '/notices/:id',
    { config: page, schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params;
      const n = /^[1-9]\d{0,18}$/.test(id) ? await getNotice(app.db, id) : undefined;
      const v = n ? publicView(app.programs, n, app.now()) : undefined;
      if (!n || !v || n.html === null) {
        // A browser gets a page; a program asking for anything else gets the API's JSON error.
        if (request.headers.accept?.includes('text/html')) return html(reply, 404, notFoundPage());
        throw noticeNotFound();
      }
      return html(reply, 200, noticePage(n.html, v));
    },
  );
}
