/**
 * Yearly targets (认定要求与绩效目标) as live data: staff edit a year's draft (validated
 * against the programme's targets form) and publish it; everyone reads the published year,
 * which the form, the eligibility panel and the server's submission check all use. Staff also
 * get the draft and the previous published year, to show what changed.
 */
import { callWindow, staleCallProblems } from '@shenbao/core';
import {
  diff,
  getTargets,
  listTargets,
  publishTargets,
  saveTargetsDraft,
  type TargetsRecord,
  type User,
} from '@shenbao/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit';
import { HttpError, stale } from '../http-error';
import type { LoadedProgram } from '../program-registry';
import { anyJson, callWindowInfo, errors, programIdParam, versionSchema, yearSchema } from '../schemas';
import { assertStaffOf, userOf, worksOn } from './access';
import { programOf } from './programs';
import { validationError } from './validation';

const yearParams = {
  type: 'object',
  required: ['pid', 'year'],
  properties: { pid: programIdParam.properties.pid, year: yearSchema },
} as const;

const targetsReply = {
  type: 'object',
  properties: {
    programId: { type: 'string' },
    year: { type: 'integer' },
    published: anyJson,
    publishedAt: { type: ['string', 'null'] },
    version: { type: 'integer' },
    hasDraft: { type: 'boolean' },
    callWindow: callWindowInfo,
    draft: anyJson,
    previous: {
      type: ['object', 'null'],
      properties: { year: { type: 'integer' }, data: anyJson },
    },
  },
} as const;

type Window = { open: boolean; opens: string | null; closes: string | null; reason: string | null };

/** The call window of a year, from its published targets (an unpublished year has no call yet). */
export function windowOf(
  app: FastifyInstance,
  lp: LoadedProgram,
  year: number,
  record: TargetsRecord | undefined,
): Window {
  if (!record || record.published === null)
    return { open: false, opens: null, closes: null, reason: `${year}年度认定要求尚未发布` };
  const w = callWindow(lp.program.manifest, record.published, app.now());
  return { open: w.open, opens: w.opens ?? null, closes: w.closes ?? null, reason: w.reason ?? null };
}

const isStaffOf = (user: User | undefined, pid: string): boolean =>
  user !== undefined && user.role === 'staff' && worksOn(user, pid);

async function view(app: FastifyInstance, request: FastifyRequest, lp: LoadedProgram, record: TargetsRecord) {
  const base = {
    programId: record.programId,
    year: record.year,
    published: record.published,
    publishedAt: record.publishedAt,
    version: record.version,
    hasDraft: record.draft !== null,
    callWindow: windowOf(app, lp, record.year, record),
  };
  if (!isStaffOf(request.user, record.programId)) return base;
  const earlier = (await listTargets(app.db, record.programId)).filter(
    (t) => t.year < record.year && t.published !== null,
  );
  const prev = earlier[earlier.length - 1];
  return { ...base, draft: record.draft, previous: prev ? { year: prev.year, data: prev.published } : null };
}

const yearMissing = (year: number): HttpError => new HttpError(404, 'NOT_FOUND', `${year}年度认定要求不存在`);

export default async function targetRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { pid: string } }>(
    '/api/programs/:pid/targets',
    {
      config: { roles: 'anyone' },
      schema: {
        tags: ['年度目标'],
        summary: '项目各年度的认定要求（是否已发布、申报时间）',
        params: programIdParam,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                year: { type: 'integer' },
                published: { type: 'boolean' },
                publishedAt: { type: ['string', 'null'] },
                hasDraft: { type: 'boolean' },
                callWindow: callWindowInfo,
              },
            },
          },
          ...errors(404),
        },
      },
    },
    async (request) => {
      const lp = programOf(app, request.params.pid);
      const staff = isStaffOf(request.user, request.params.pid);
      return (await listTargets(app.db, request.params.pid))
        .filter((t) => staff || t.published !== null)
        .map((t) => ({
          year: t.year,
          published: t.published !== null,
          publishedAt: t.publishedAt,
          hasDraft: t.draft !== null,
          callWindow: windowOf(app, lp, t.year, t),
        }));
    },
  );

  app.get<{ Params: { pid: string; year: number } }>(
    '/api/programs/:pid/targets/:year',
    {
      config: { roles: 'anyone', docData: 'targets' },
      schema: {
        tags: ['年度目标'],
        summary: '某年度的认定要求：已发布的数据与申报时间；工作人员另见草稿和上一年度',
        params: yearParams,
        response: { 200: targetsReply, ...errors(404) },
      },
    },
    async (request) => {
      const lp = programOf(app, request.params.pid);
      const record = await getTargets(app.db, request.params.pid, request.params.year);
      // A year that exists only as a draft is the staff's business.
      if (!record || (record.published === null && !isStaffOf(request.user, request.params.pid)))
        throw yearMissing(request.params.year);
      return view(app, request, lp, record);
    },
  );

  app.put<{ Params: { pid: string; year: number }; Body: { data: unknown; version: number } }>(
    '/api/programs/:pid/targets/:year',
    {
      config: { roles: ['staff'], docData: 'targets' },
      schema: {
        tags: ['年度目标'],
        summary: '保存某年度认定要求的草稿（version 为 0 时新建年度）',
        params: yearParams,
        body: {
          type: 'object',
          title: '年度认定要求',
          required: ['data', 'version'],
          additionalProperties: false,
          properties: { data: { type: 'object', title: '年度认定要求' }, version: versionSchema },
        },
        response: { 200: targetsReply, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { pid, year } = request.params;
      assertStaffOf(user, pid);
      const lp = programOf(app, pid);
      const { data, version } = request.body;
      const result = lp.program.validate({ form: lp.program.manifest.targets.form }, data);
      if (!result.valid) throw validationError('body', result.errors);
      // A year copied from the last published one must not keep its call's title and dates.
      const earlier = (await listTargets(app.db, pid))
        .filter((t) => t.year < year && t.published !== null)
        .pop();
      const copied = staleCallProblems(
        lp.program,
        year,
        data,
        earlier && { year: earlier.year, data: earlier.published },
      );
      if (copied.length > 0) throw validationError('body', copied);
      const saved = await app.db.transaction(async (tx) => {
        const before = await getTargets(tx, pid, year);
        const w = await saveTargetsDraft(tx, { programId: pid, year, data, version, userId: user.id });
        if (!w) throw yearMissing(year);
        if (!w.ok) return w;
        await audit(tx, request, {
          entity: 'targets',
          entityId: `${pid}/${year}`,
          action: version === 0 ? 'create-draft' : 'save-draft',
          patch: diff(before?.draft ?? before?.published ?? {}, data),
        });
        return w;
      });
      if (!saved.ok) throw stale(await view(app, request, lp, saved.current));
      return view(app, request, lp, saved.record);
    },
  );

  app.post<{ Params: { pid: string; year: number }; Body: { version: number } }>(
    '/api/programs/:pid/targets/:year/publish',
    {
      config: { roles: ['staff'], docData: 'targets' },
      schema: {
        tags: ['年度目标'],
        summary: '发布草稿：草稿成为该年度生效的认定要求（记入审计）',
        params: yearParams,
        body: {
          type: 'object',
          title: '发布',
          required: ['version'],
          additionalProperties: false,
          properties: { version: versionSchema },
        },
        response: { 200: targetsReply, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { pid, year } = request.params;
      assertStaffOf(user, pid);
      const lp = programOf(app, pid);
      const result = await app.db.transaction(async (tx) => {
        const before = await getTargets(tx, pid, year);
        if (!before) throw yearMissing(year);
        if (before.draft === null) throw new HttpError(409, 'NO_DRAFT', `${year}年度没有待发布的草稿`);
        const w = await publishTargets(tx, {
          programId: pid,
          year,
          version: request.body.version,
          userId: user.id,
        });
        if (!w) throw yearMissing(year);
        if (!w.ok) return w;
        await audit(tx, request, {
          entity: 'targets',
          entityId: `${pid}/${year}`,
          action: 'publish',
          patch: diff(before.published ?? {}, w.record.published),
        });
        return w;
      });
      if (!result.ok) throw stale(await view(app, request, lp, result.current));
      return view(app, request, lp, result.record);
    },
  );
}
