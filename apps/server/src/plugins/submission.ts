/**
 * Submission (提交申报), decided on the server by core's `submissionVerdict` — the very
 * function the browser shows — with the year's *published* targets, the organisation's bans
 * and its registered USCC. Submitting and withdrawing are the programme's procedure
 * transitions (`kind: submission`; the applicant's way back to an editable state), applied by
 * transition.ts: state, 申报编号 (first submission only), timeline, audit entry in one
 * transaction. A submitted application is read-only until withdrawn or returned for correction.
 */
import {
  attachmentRefs,
  type Program,
  type SubmissionReason,
  submissionVerdict,
  type TransitionSpec,
} from '@shenbao/core';
import { sha256 } from '@shenbao/core/node';
import { type ApplicationRecord, getAttachment, getTargets, listBans } from '@shenbao/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canonicalJson } from '../canonical-json';
import { HttpError, stale } from '../http-error';
import { deliver } from '../notifier';
import { applicationRecord, errors, idParam, versionSchema } from '../schemas';
import { editableStates, isEditableIn } from '../states';
import { accountRoles, applyTransition } from '../transition';
import { assertMayRead, assertMayWrite, userOf } from './access';
import { loadApplication, readOnly } from './applications';

const versionBody = {
  type: 'object',
  title: '请求内容',
  required: ['version'],
  additionalProperties: false,
  properties: { version: versionSchema },
} as const;

const withdrawBody = {
  type: 'object',
  title: '请求内容',
  required: ['version'],
  additionalProperties: false,
  properties: {
    version: versionSchema,
    reason: { type: 'string', title: '撤回理由', maxLength: 2000 },
  },
} as const;

const notSubmittable = (reasons: SubmissionReason[]): HttpError =>
  new HttpError(422, 'NOT_SUBMITTABLE', `申报不符合提交条件（${reasons.length}项），请按提示修改后再提交`, {
    reasons,
  });

/** The programme's submission transition (`kind: submission`). */
export function submissionTransition(program: Program): TransitionSpec | undefined {
  return program.manifest.procedure.transitions.find((t) => t.kind === 'submission');
}

/**
 * The applicant's transitions from `state` back into its workspace (an editable state), other
 * than submission: 撤回申报. The first one is what the withdraw route takes.
 */
export function withdrawTransitions(program: Program, state: string): TransitionSpec[] {
  const editable = editableStates(program);
  const applicantRoles = program.manifest.procedure.roles
    .filter((r) => r.account === 'applicant')
    .map((r) => r.id);
  return program.manifest.procedure.transitions.filter(
    (t) =>
      t.kind !== 'submission' &&
      t.from.includes(state) &&
      editable.includes(t.to) &&
      t.roles.some((r) => applicantRoles.includes(r)),
  );
}

/**
 * Submits an application: the programme's submission transition, taken after the submission
 * checks (core's `submissionVerdict` with the published targets, bans, the registered USCC,
 * the attachments really uploaded). The 申报编号 is assigned the first time only; a
 * resubmission (after 撤回 or 退回补正) keeps it. Delivers the notifications after the commit.
 */
export async function submitApplication(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  version: number,
): Promise<ApplicationRecord> {
  const user = userOf(request);
  const record = await loadApplication(app, id);
  assertMayWrite(user, record);
  const lp = app.programs.get(record.programId);
  const t = lp ? submissionTransition(lp.program) : undefined;
  if (lp && t && !t.from.includes(record.state)) throw readOnly();
  if (!lp && !isEditableIn(app.programs, record)) throw readOnly();
  if (record.version !== version) throw stale(record);
  const spec = lp?.program.manifest.submission;
  if (!lp || !spec || !t)
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

  // The number is taken in the transaction that stores it, so a stale write leaves no gap.
  const applied = await app.db.transaction((tx) =>
    applyTransition(tx, {
      program: lp.program,
      applicationId: record.id,
      version,
      transitionId: t.id,
      actor: { user, roles: accountRoles(lp.program, user), ip: request.ip },
      now: at,
      submission: { receiptPrefix: spec.receiptPrefix },
    }),
  );
  await deliver(app.notifier, request.log, applied.notifications);
  return applied.record;
}

/** Withdraws a submitted application: the programme's applicant transition back to an editable state. */
export async function withdrawApplication(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  version: number,
  reason?: string,
): Promise<ApplicationRecord> {
  const user = userOf(request);
  const record = await loadApplication(app, id);
  assertMayWrite(user, record);
  const lp = app.programs.get(record.programId);
  const t = lp ? withdrawTransitions(lp.program, record.state)[0] : undefined;
  if (!lp || !t) throw new HttpError(409, 'NOT_WITHDRAWABLE', '当前状态的申报不能撤回');
  const applied = await app.db.transaction((tx) =>
    applyTransition(tx, {
      program: lp.program,
      applicationId: record.id,
      version,
      transitionId: t.id,
      actor: { user, roles: accountRoles(lp.program, user), ip: request.ip },
      reason,
      now: app.now(),
    }),
  );
  await deliver(app.notifier, request.log, applied.notifications);
  return applied.record;
}

export default async function submissionRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/api/applications/:id/submit',
    {
      config: { roles: ['applicant'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '提交申报：服务器按已发布的年度认定要求检查，通过后给出申报编号（重新提交沿用原编号）',
        params: idParam,
        body: versionBody,
        response: { 200: applicationRecord, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => submitApplication(app, request, request.params.id, request.body.version),
  );

  app.post<{ Params: { id: string }; Body: { version: number; reason?: string } }>(
    '/api/applications/:id/withdraw',
    {
      config: { roles: ['applicant'], docData: 'application' },
      schema: {
        tags: ['申报'],
        summary: '撤回已提交的申报（办理流程允许撤回的状态），撤回后可再修改、再提交（沿用原申报编号）',
        params: idParam,
        body: withdrawBody,
        response: { 200: applicationRecord, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      withdrawApplication(app, request, request.params.id, request.body.version, request.body.reason),
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
      await assertMayRead(app.db, userOf(request), record, app.programs);
      if (isEditableIn(app.programs, record) || !record.receiptNo || !record.submittedAt)
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
        dataSha256: sha256(canonicalJson(record.data)),
        attachments,
        notes: spec?.receiptNotes ?? [],
      };
    },
  );
}
