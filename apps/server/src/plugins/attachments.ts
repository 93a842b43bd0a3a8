/**
 * Attachments (佐证材料): streamed upload into content-addressed blob storage, and downloads
 * for whoever may see them.
 *
 * Limits come from the programme, never from code: the attachment items' schema (found by
 * program.json `submission.attachments`) gives `mediaType.enum` and `size.maximum`, program.json
 * `submission.quotaBytes` the organisation's quota. The media type is what the bytes are
 * (magic numbers), not what the name or the browser says. The number of files per field
 * (`maxItems`) is checked by core when the application is submitted; uploads themselves are
 * bounded by the quota.
 */
import type { Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { attachmentItems, attachmentLimits, attachmentRefs, mediaTypeName } from '@shenbao/core';
import { getAttachment, orgAttachmentBytes, recordAttachment } from '@shenbao/store';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeaturePluginOptions } from '../app';
import { audit } from '../audit';
import { safeFileName } from '../blob/file-name';
import { blobStorageFromConfig } from '../blob/index';
import type { BlobStorage } from '../blob/types';
import {
  type StoredUpload,
  storeUpload,
  UploadInputError,
  type UploadProblem,
  UploadRefused,
} from '../blob/upload';
import { HttpError } from '../http-error';
import type { LoadedProgram } from '../program-registry';
import { errors, idParam } from '../schemas';
import { assertMayRead, userOf } from './access';
import { loadApplication } from './applications';
import { programNotFound } from './programs';

export interface AttachmentsOptions extends FeaturePluginOptions {
  /** Storage to use instead of the one the configuration names (tests). */
  blob?: BlobStorage;
}

const MB = 1024 * 1024;
const megabytes = (n: number): string => `${Number((n / MB).toFixed(1))} MB`;

const sha256Param = { type: 'string', title: '文件摘要', pattern: '^[0-9a-f]{64}$' } as const;

const uploaded = {
  type: 'object',
  required: ['sha256', 'size', 'mediaType', 'name'],
  properties: {
    sha256: { type: 'string' },
    size: { type: 'integer' },
    mediaType: { type: 'string' },
    name: { type: 'string' },
  },
} as const;

const fileReply = { type: 'string', format: 'binary', description: '文件内容' } as const;

const attachmentNotFound = (): HttpError => new HttpError(404, 'NOT_FOUND', '附件不存在');

/** What a programme allows as an attachment of a form. */
interface Rules {
  types: string[] | undefined;
  maxSize: number | undefined;
  quota: number | undefined;
}

function rulesOf(lp: LoadedProgram, form: string): Rules {
  const spec = lp.program.manifest.submission;
  const forms = lp.program.manifest.forms;
  const formTitle = Object.hasOwn(forms, form) ? forms[form]?.title : undefined;
  if (formTitle === undefined)
    throw new HttpError(400, 'BAD_REQUEST', `项目“${lp.program.id}”没有表单“${form}”`);
  const items = spec?.attachments
    ? attachmentItems(lp.program.formSchema(form), spec.attachments)
    : undefined;
  if (!spec?.attachments || !items) throw new HttpError(400, 'BAD_REQUEST', `“${formTitle}”不接收附件上传`);
  return {
    ...attachmentLimits(lp.program.formSchema(form), items),
    quota: spec.quotaBytes,
  };
}

/** Why an upload was refused, in Chinese, naming the file and the limit. */
function refusal(name: string, rules: Rules, p: UploadProblem): HttpError {
  const allowed = rules.types ? `，本栏目只接受 ${rules.types.map(mediaTypeName).join('、')}` : '';
  switch (p.kind) {
    case 'empty':
      return new HttpError(400, 'EMPTY_FILE', `“${name}”是空文件`);
    case 'type':
      return new HttpError(
        415,
        'MEDIA_TYPE',
        `文件内容与类型不符：“${name}”的实际类型${p.detected ? `是 ${mediaTypeName(p.detected)}` : '无法识别'}${allowed}`,
      );
    case 'not-word':
      return new HttpError(415, 'MEDIA_TYPE', `文件内容与类型不符：“${name}”不是 Word 文档${allowed}`);
    case 'too-large':
      return new HttpError(413, 'TOO_LARGE', `“${name}”超过单个文件 ${megabytes(p.maxBytes)} 的上限`);
  }
}

/** A multipart body the parser could not use, in Chinese (its own errors are English). */
function multipartProblem(e: unknown): HttpError {
  switch ((e as { code?: string })?.code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new HttpError(413, 'TOO_MANY_PARTS', '上传内容的字段过多：一次只能上传一个文件');
    case 'FST_PROTO_VIOLATION':
      return new HttpError(400, 'BAD_MULTIPART', '上传内容含有不允许的字段名');
    case 'FST_MP_PREMATURE_CLOSE':
      return new HttpError(400, 'UPLOAD_INTERRUPTED', '上传中断，请重试');
    default:
      return new HttpError(
        400,
        'BAD_MULTIPART',
        '上传内容不是有效的 multipart/form-data，请重新选择文件上传',
      );
  }
}

/** The answer comes before the rest of the body has been read: end the connection after it. */
function refuse(reply: FastifyReply, error: HttpError): HttpError {
  reply.header('connection', 'close');
  return error;
}

function sendFile(
  reply: FastifyReply,
  file: Readable,
  meta: { name: string; size: number; mediaType: string },
) {
  return reply
    .type(meta.mediaType)
    .header('content-length', meta.size)
    .header('content-disposition', contentDisposition(meta.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file);
}

export default async function attachmentRoutes(
  app: FastifyInstance,
  opts: AttachmentsOptions,
): Promise<void> {
  const blobs = opts.blob ?? blobStorageFromConfig(opts.config, opts.config.env);
  app.addHook('onClose', async () => {
    if (!opts.blob) await blobs.close();
  });
  // Registered here, so only these routes accept multipart bodies. One file, a few small fields.
  await app.register(multipart, {
    limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50 },
  });

  app.post<{ Querystring: { programId: string; form?: string } }>(
    '/api/attachments',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: ['附件'],
        summary: '上传附件（multipart/form-data，文件字段 file；类型按文件内容判断）',
        consumes: ['multipart/form-data'],
        querystring: {
          type: 'object',
          required: ['programId'],
          properties: {
            programId: { type: 'string', title: '项目', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
            form: { type: 'string', title: '表单', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
          },
        },
        response: { 201: uploaded, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const orgId = user.orgId;
      if (!orgId) throw new HttpError(403, 'FORBIDDEN', '账号未关联申报单位');
      const lp = app.programs.get(request.query.programId);
      if (!lp) throw programNotFound(request.query.programId);
      const form = request.query.form ?? lp.program.manifest.submission?.form ?? '';
      const rules = rulesOf(lp, form);
      if (!request.isMultipart())
        throw refuse(
          reply,
          new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（文件字段 file）'),
        );

      const remaining =
        rules.quota === undefined
          ? Number.POSITIVE_INFINITY
          : rules.quota - (await orgAttachmentBytes(app.db, orgId));
      const quotaFull = () =>
        refuse(
          reply,
          new HttpError(413, 'QUOTA', `附件存储空间已用完（本单位上限 ${megabytes(rules.quota ?? 0)}）`),
        );
      if (remaining <= 0) throw quotaFull();
      const maxBytes = Math.min(rules.maxSize ?? Number.POSITIVE_INFINITY, remaining);
      if (!Number.isFinite(maxBytes))
        throw new HttpError(500, 'SETUP', '项目未规定附件大小上限（附件 schema 的 size.maximum）');

      let part: MultipartFile | undefined;
      try {
        // busboy may pass one byte more than allowed, so the size check that speaks is storage's.
        part = await request.file({ limits: { fileSize: maxBytes + 1 } });
      } catch (e) {
        throw refuse(reply, multipartProblem(e));
      }
      if (part?.fieldname !== 'file')
        throw refuse(reply, new HttpError(400, 'NO_FILE', '请选择要上传的文件（文件字段 file）'));
      const name = safeFileName(part.filename, '附件');

      let stored: StoredUpload;
      try {
        stored = await storeUpload(part.file, { types: rules.types, maxBytes }, blobs);
      } catch (e) {
        if (e instanceof UploadInputError) throw refuse(reply, multipartProblem(e.cause));
        if (!(e instanceof UploadRefused)) throw e;
        const p = e.problem;
        if (p.kind === 'too-large' && maxBytes < (rules.maxSize ?? Number.POSITIVE_INFINITY))
          throw quotaFull();
        throw refuse(reply, refusal(name, rules, p));
      }
      const { mediaType } = stored;
      const record = await app.db.transaction(async (tx) => {
        const r = await recordAttachment(tx, {
          orgId,
          sha256: stored.sha256,
          size: stored.size,
          mediaType,
          name,
          userId: user.id,
        });
        if (r.created)
          await audit(tx, request, {
            entity: 'attachment',
            entityId: stored.sha256,
            action: 'upload',
            patch: [{ op: 'add', path: '', value: { name, size: stored.size, mediaType } }],
          });
        return r.record;
      });
      // The same bytes uploaded again under another name keep the name given first.
      return reply
        .code(201)
        .send({ sha256: record.sha256, size: record.size, mediaType: record.mediaType, name: record.name });
    },
  );

  app.get<{ Params: { sha256: string } }>(
    '/api/attachments/:sha256',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: ['附件'],
        summary: '下载本单位上传的附件',
        params: { type: 'object', required: ['sha256'], properties: { sha256: sha256Param } },
        response: { 200: fileReply, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const record = user.orgId ? await getAttachment(app.db, user.orgId, request.params.sha256) : undefined;
      if (!record) throw attachmentNotFound();
      const file = await blobs.get(record.sha256);
      if (!file) {
        request.log.error({ sha256: record.sha256 }, 'attachment recorded but missing from storage');
        throw attachmentNotFound();
      }
      return sendFile(reply, file, record);
    },
  );

  app.get<{ Params: { id: string; sha256: string } }>(
    '/api/applications/:id/attachments/:sha256',
    {
      config: { roles: ['applicant', 'staff', 'reviewer'] },
      schema: {
        tags: ['附件'],
        summary: '下载申报材料中引用的附件（可查看该申报者）',
        params: {
          type: 'object',
          required: ['id', 'sha256'],
          properties: { ...idParam.properties, sha256: sha256Param },
        },
        response: { 200: fileReply, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const application = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, user, application, app.programs);
      const lp = app.programs.get(application.programId);
      const { sha256 } = request.params;
      const referred =
        lp !== undefined && attachmentRefs(lp.program, application.data).some((r) => r.sha256 === sha256);
      // Only the application's own organisation's uploads: a sha256 copied from elsewhere into
      // the data does not open another organisation's file.
      const record = referred ? await getAttachment(app.db, application.orgId, sha256) : undefined;
      if (!record) throw attachmentNotFound();
      const file = await blobs.get(sha256);
      if (!file) {
        request.log.error({ sha256 }, 'attachment recorded but missing from storage');
        throw attachmentNotFound();
      }
      return sendFile(reply, file, record);
    },
  );
}
