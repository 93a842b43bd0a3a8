/**
 * Applications (申报): one draft per organisation, programme and year; read, list with
 * filters and paging, save with the version the change was based on (a stale one gets 409
 * with what is there now, so nobody's work is silently overwritten). Draft data is guarded
 * (size, keys, depth) but not validated: a draft may be incomplete. Submission is in
 * submission.ts; review-side routes in review.ts.
 */

import { getPointer } from '@shenbao/core';
import {
  APPLICATION_SORTS,
  type ApplicationFilter,
  type ApplicationRecord,
  countApplicationsByState,
  createApplication,
  diff,
  getApplication,
  getOrganization,
  listApplications,
  type User,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { audit, auditInput } from '../audit';
import { type CachedDraft, DraftCache } from '../draft-cache';
import { badRequest, HttpError, stale } from '../http-error';
import type { LoadedProgram, ProgramRegistry } from '../program-registry';
import { SaveBatcher } from '../save-batcher';
import {
  applicationRecord,
  applicationSummary,
  errors,
  idParam,
  programIdParam,
  versionSchema,
  yearSchema,
} from '../schemas';
import { allEditableStates, editableStatesOf, isEditableIn } from '../states';
import { applicationNotFound, assertMayRead, assertMayWrite, userOf } from './access';
import { programNotFound } from './programs';

/** Title and town for lists and search, read from the data by program.json's pointers. */
export function denormalise(lp: LoadedProgram | undefined, data: unknown, orgName: string) {
  const spec = lp?.program.manifest.submission;
  const name = spec ? getPointer(data, spec.organization.name) : undefined;
  const town = spec?.town ? getPointer(data, spec.town) : undefined;
  return {
    title: (typeof name === 'string' && name.trim() ? name.trim() : orgName).slice(0, 200),
    town: typeof town === 'string' && town.trim() ? town.trim().slice(0, 64) : null,
  };
}

export async function loadApplication(app: FastifyInstance, id: string): Promise<ApplicationRecord> {
  const record = await getApplication(app.db, id);
  if (!record) throw applicationNotFound();
  return record;
}

/** Throws why `user` may not save `record` based on `version`: not its own, read-only, or stale. */
function explainRefusal(app: FastifyInstance, user: User, record: ApplicationRecord, version: number): void {
  assertMayWrite(user, record);
  if (!isEditableIn(app.programs, record)) throw readOnly();
  if (record.version !== version) throw stale(record);
}

export const readOnly = (): HttpError =>
  new HttpError(409, 'READ_ONLY', '申报已提交，不能修改；如需修改请先撤回');

/** Why a year cannot have applications under the measures (outside their validity), if so. */
function yearProblem(lp: LoadedProgram, year: number): string | undefined {
  const { from, to, article } = lp.program.manifest.validity;
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  if (year < first || year > last) return `${year}年不在本办法有效期内（${first}–${last}年，${article}）`;
  return undefined;
}

/** The list's filters, sorting and paging (the export takes the same filters and sorting). */
export const listQuery = {
  type: 'object',
  properties: {
    programId: { type: 'string', title: '项目', maxLength: 64 },
    year: yearSchema,
    state: { type: 'string', title: '状态', maxLength: 32 },
    town: { type: 'string', title: '镇街', maxLength: 64 },
    q: { type: 'string', title: '搜索', maxLength: 100 },
    sort: { type: 'string', title: '排序字段', enum: [...APPLICATION_SORTS] },
    order: { type: 'string', title: '排序方向', enum: ['asc', 'desc'] },
    page: { type: 'integer', title: '页码', minimum: 1, maximum: 100000 },
    pageSize: { type: 'integer', title: '每页条数', minimum: 1, maximum: 100 },
  },
} as const;

export type ListQuery = Pick<
  ApplicationFilter,
  'programId' | 'year' | 'state' | 'town' | 'q' | 'sort' | 'order' | 'page' | 'pageSize'
>;

/**
 * The store's filter for what `user` may list: only the documented parameters (others in the
 * query string must not reach it), narrowed to the user's own scope. Sorting by state follows
 * the procedure's order of the programme (of every programme served when none is named).
 */
export function listFilterOf(programs: ProgramRegistry, user: User, query: ListQuery): ApplicationFilter {
  const { programId, year, state, town, q, sort, order, page, pageSize } = query;
  const filter: ApplicationFilter = { programId, year, state, town, q, sort, order, page, pageSize };
  if (sort === 'state') {
    const lps = programId !== undefined ? [programs.get(programId)] : [...programs.values()];
    filter.stateOrder = lps.flatMap((lp) => lp?.program.manifest.procedure.states.map((s) => s.id) ?? []);
  }
  if (user.role === 'applicant') filter.orgId = user.orgId ?? '';
  else {
    // The bureau's side never sees the applicant's workspace.
    filter.excludeStates = allEditableStates(programs);
    if (user.role === 'staff') filter.programs = user.programs;
    else filter.reviewerId = user.id;
  }
  return filter;
}

export default async function applicationRoutes(app: FastifyInstance): Promise<void> {
  const drafts = new DraftCache();
  // Concurrent autosaves share a statement (see save-batcher.ts).
  // PGlite runs one statement at a time anyway: with one in flight, arrivals gather into the next.
  const saves = new SaveBatcher(app.db, {
    concurrency: app.db.backend === 'pglite' ? 1 : 2,
    maxBatch: 64,
  });

  app.get<{ Querystring: ListQuery }>(
    '/api/applications',
    {
      config: { roles: ['applicant', 'staff', 'reviewer'] },
      schema: {
        tags: ['申报'],
        summary:
          '申报列表（申报单位：本单位；工作人员：所负责项目的已提交申报；评审专家：分配给自己的），可排序；counts 为不限状态时各状态的件数',
        querystring: listQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: applicationSummary },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              counts: {
                type: 'object',
                description: '状态 → 件数（同一筛选条件，但不限状态）',
                additionalProperties: { type: 'integer' },
              },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const filter = listFilterOf(app.programs, userOf(request), request.query);
      const [page, counts] = await Promise.all([
        listApplications(app.db, filter),
        countApplicationsByState(app.db, filter),
      ]);
      return { ...page, counts };
    },
  );

  app.post<{ Body: { programId: string; year: number } }>(
    '/api/applications',
    {
      config: { roles: ['applicant'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '新建申报草稿（每个单位每个项目每年一份）',
        body: {
          type: 'object',
          title: '新建申报',
          required: ['programId', 'year'],
          additionalProperties: false,
          properties: { programId: programIdParam.properties.pid, year: yearSchema },
        },
        response: { 201: applicationRecord, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { programId, year } = request.body;
      const lp = app.programs.get(programId);
      if (!lp) throw programNotFound(programId);
      const spec = lp.program.manifest.submission;
      if (!spec) throw badRequest('本项目未开放网上申报');
      const problem = yearProblem(lp, year);
      if (problem) throw badRequest(problem);
      const org = await getOrganization(app.db, user.orgId ?? '');
      if (!org) throw applicationNotFound();
      const data = {};
      const result = await app.db.transaction(async (tx) => {
        const created = await createApplication(tx, {
          programId,
          form: spec.form,
          year,
          orgId: org.id,
          data,
          ...denormalise(lp, data, org.name),
          userId: user.id,
        });
        if (created.ok)
          await audit(tx, request, { entity: 'application', entityId: created.value.id, action: 'create' });
        return created;
      });
      if (result.ok) {
        const { id, version, programId: pid, orgId, orgName } = result.value;
        drafts.set(id, { version, programId: pid, orgId, orgName, data }, 2);
      }
      if (!result.ok)
        throw new HttpError(409, 'EXISTS', '本单位已有该项目本年度的申报，请继续填写', {
          id: result.existingId,
        });
      return reply.code(201).send(result.value);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/applications/:id',
    {
      config: { roles: ['applicant', 'staff', 'reviewer', 'admin'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '一份申报（含数据），ETag 为 "v<版本>"',
        params: idParam,
        response: { 200: applicationRecord, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const record = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, userOf(request), record, app.programs);
      const etag = `"v${record.version}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return record;
    },
  );

  app.put<{ Params: { id: string }; Body: { data: Record<string, unknown>; version: number } }>(
    '/api/applications/:id',
    {
      config: { roles: ['applicant'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '保存草稿（须带所依据的版本；数据只做结构检查，不做完整校验）',
        params: idParam,
        body: {
          type: 'object',
          title: '申报数据',
          required: ['data', 'version'],
          additionalProperties: false,
          properties: { data: { type: 'object', title: '申报数据' }, version: versionSchema },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              version: { type: 'integer' },
              updatedAt: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 404, 409, 413),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { data, version } = request.body;
      const id = request.params.id;
      // The data this save changes: from this process's cache of the version it is based on,
      // else read (a first save after opening the page, or one handled by another process).
      let before: CachedDraft | undefined = drafts.get(id, version);
      if (!before) {
        const record = await loadApplication(app, id);
        explainRefusal(app, user, record, version);
        before = record;
      }
      if (before.orgId !== user.orgId) throw applicationNotFound();
      const saved = await saves.save({
        id,
        version,
        data,
        ...denormalise(app.programs.get(before.programId), data, before.orgName),
        userId: user.id,
        // The database checks again what was checked above, in the statement that writes.
        orgId: before.orgId,
        states: editableStatesOf(app.programs, before.programId),
        audit: auditInput(request, {
          entity: 'application',
          entityId: id,
          action: 'save',
          patch: diff(before.data, data),
        }),
      });
      // Changed since it was read or cached (another tab, a submission): say why, with what is there now.
      if (!saved) {
        const current = await loadApplication(app, id);
        explainRefusal(app, user, current, version);
        throw stale(current);
      }
      drafts.set(
        id,
        {
          version: saved.version,
          programId: before.programId,
          orgId: before.orgId,
          orgName: before.orgName,
          data,
        },
        Number(request.headers['content-length']) || 0,
      );
      return saved;
    },
  );
}
