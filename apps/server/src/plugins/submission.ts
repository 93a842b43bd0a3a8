/**
 * Submission (提交申报), decided on the server by core's `submissionVerdict` — the very
 * function the browser shows — with the year's *published* targets, the organisation's bans
 * and its registered USCC. An accepted submission gets its 申报编号 and state in one
 * transaction with its audit entry; it is read-only until the applicant withdraws it.
 */
import { createHash } from 'node:crypto';
import { attachmentRefs, type SubmissionReason, submissionVerdict } from '@shenbao/core';
import {
  type ApplicationRecord,
  diff,
  getApplication,
  getAttachment,
  getTargets,
  listBans,
  nextReceiptNo,
  setApplicationState,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit';
import { canonicalJson } from '../canonical-json';
import { HttpError, stale } from '../http-error';
import { applicationRecord, errors, idParam, versionSchema } from '../schemas';
import { isEditable, SUBMITTED, WITHDRAWN } from '../states';
import { applicationNotFound, assertMayRead, assertMayWrite, userOf } from './access';
import { loadApplication, readOnly } from './applications';

const versionBody = {
  type: 'object',
  title: '请求内容',
  required: ['version'],
  additionalProperties: false,
  properties: { version: versionSchema },
} as const;

const notSubmittable = (reasons: SubmissionReason[]): HttpError =>
  new HttpError(422, 'NOT_SUBMITTABLE', `申报不符合提交条件（${reasons.length}项），请按提示修改后再提交`, {
    reasons,
  });

/** A state change of a versioned application, inside a transaction that also audits it. */
class StaleWrite extends Error {
  constructor(readonly current: ApplicationRecord) {
    super('stale');
  }
}

const stateOf = (r: ApplicationRecord) => ({
  state: r.state,
  receiptNo: r.receiptNo,
  submittedAt: r.submittedAt,
});

export default async function submissionRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/api/applications/:id/submit',
    {
      config: { roles: ['applicant'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '提交申报：服务器按已发布的年度认定要求检查，通过后给出申报编号',
        params: idParam,
        body: versionBody,
        response: { 200: applicationRecord, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await loadApplication(app, request.params.id);
      assertMayWrite(user, record);
      if (!isEditable(record.state)) throw readOnly();
      if (record.version !== request.body.version) throw stale(record);
      const lp = app.programs.get(record.programId);
      const spec = lp?.program.manifest.submission;
      if (!lp || !spec)
        throw notSubmittable([{ kind: 'setup', message: '本项目未开放网上申报（服务器未加载该项目）' }]);
      const targets = await getTargets(app.db, record.programId, record.year);
      if (!targets || targets.published === null)
        throw notSubmittable([{ kind: 'window', message: `${record.year}年度认定要求尚未发布，暂不能提交` }]);
      const at = app.now();
      const bans = await listBans(app.db, { programId: record.programId, orgId: record.orgId });
      const verdict = submissionVerdict(lp.program, record.data, {
        targets: targets.published,
        at,
        bans,
        orgUscc: record.orgUscc,
      });
      // The data names its attachments by digest; each must be one this organisation uploaded.
      for (const ref of attachmentRefs(lp.program, record.data)) {
        const stored = await getAttachment(app.db, record.orgId, ref.sha256);
        if (!stored || (ref.size !== undefined && stored.size !== ref.size))
          verdict.reasons.push({
            kind: 'material',
            path: ref.path,
            message: `附件“${ref.name}”未上传到服务器或与上传的文件不一致，请重新上传`,
          });
      }
      if (verdict.reasons.length > 0) throw notSubmittable(verdict.reasons);

      try {
        return await app.db.transaction(async (tx) => {
          // The number is taken in the transaction that stores it, so a stale write leaves no gap.
          const receiptNo = await nextReceiptNo(tx, record.programId, record.year, spec.receiptPrefix);
          const w = await setApplicationState(tx, {
            id: record.id,
            version: record.version,
            state: SUBMITTED,
            receiptNo,
            submittedAt: at.toISOString(),
            userId: user.id,
          });
          if (!w) throw applicationNotFound();
          if (!w.ok) throw new StaleWrite(w.current);
          await audit(tx, request, {
            entity: 'application',
            entityId: record.id,
            action: 'submit',
            patch: diff(stateOf(record), stateOf(w.record)),
          });
          return w.record;
        });
      } catch (e) {
        if (e instanceof StaleWrite) throw stale(e.current);
        throw e;
      }
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/api/applications/:id/withdraw',
    {
      config: { roles: ['applicant'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '撤回已提交的申报（审核开始前），撤回后可再修改；再次提交将获得新的申报编号',
        params: idParam,
        body: versionBody,
        response: { 200: applicationRecord, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const result = await app.db.transaction(async (tx) => {
        const record = await getApplication(tx, request.params.id);
        if (!record) throw applicationNotFound();
        assertMayWrite(user, record);
        if (record.state !== SUBMITTED)
          throw new HttpError(409, 'NOT_WITHDRAWABLE', '只有已提交、尚未进入审核的申报可以撤回');
        if (record.version !== request.body.version) return { ok: false as const, current: record };
        const w = await setApplicationState(tx, {
          id: record.id,
          version: record.version,
          state: WITHDRAWN,
          userId: user.id,
        });
        if (!w) throw applicationNotFound();
        if (w.ok)
          await audit(tx, request, {
            entity: 'application',
            entityId: record.id,
            action: 'withdraw',
            patch: diff(stateOf(record), stateOf(w.record)),
          });
        return w;
      });
      if (!result.ok) throw stale(result.current);
      return result.record;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/applications/:id/receipt',
    {
      config: { roles: ['applicant', 'staff', 'reviewer'] },
      schema: {
        tags: ['申报'],
        summary: '受理回执（已提交的申报）',
        params: idParam,
        response: {
          200: {
            type: 'object',
            properties: {
              receiptNo: { type: 'string' },
              programTitle: { type: 'string' },
              authority: { type: 'string' },
              formTitle: { type: 'string' },
              year: { type: 'integer' },
              orgName: { type: 'string' },
              uscc: { type: 'string' },
              submittedAt: { type: 'string' },
              dataSha256: { type: 'string' },
              attachments: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    size: { type: 'integer' },
                    sha256: { type: 'string' },
                  },
                },
              },
              notes: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errors(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const record = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, userOf(request), record);
      if (isEditable(record.state) || !record.receiptNo || !record.submittedAt)
        throw new HttpError(409, 'NOT_SUBMITTED', '申报尚未提交，没有受理回执');
      const lp = app.programs.get(record.programId);
      const manifest = lp?.program.manifest;
      const spec = manifest?.submission;
      const attachments = lp
        ? attachmentRefs(lp.program, record.data).map((a) => ({
            name: a.name,
            size: a.size ?? 0,
            sha256: a.sha256,
          }))
        : [];
      return {
        receiptNo: record.receiptNo,
        programTitle: manifest?.title ?? record.programId,
        authority: manifest?.authority ?? '',
        formTitle: manifest?.forms[record.form]?.title ?? record.form,
        year: record.year,
        orgName: record.orgName,
        uscc: record.orgUscc,
        submittedAt: record.submittedAt,
        dataSha256: createHash('sha256').update(canonicalJson(record.data)).digest('hex'),
        attachments,
        notes: spec?.receiptNotes ?? [],
      };
    },
  );
}
