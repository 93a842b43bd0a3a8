/**
 * Documents of an application (申请书, 承诺书 …) as Word or PDF, for whoever may read it.
 *
 * The document list, titles and the condition under which each applies come from program.json
 * (`documents`, `appliesIf`): a document whose condition does not hold is refused with the
 * programme's own words for when it applies, never produced with a promise that is false.
 * Rendering runs through the shared renderer (documents/renderer.ts): worker threads, and PDF
 * through LibreOffice one at a time.
 *
 * Blanks follow the portal: a draft that is not yet valid is printed with `____` where a value
 * is missing and its file name says （草稿）; a valid or submitted application prints clean. A
 * submitted application whose data no longer passes the year's checks is refused with reasons.
 */
import { documentApplies } from '@shenbao/core';
import { notApplicableMessage } from '@shenbao/docgen';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import type { FeaturePluginOptions } from '../app';
import { type DocumentFormat as Format, MEDIA_TYPES, pdfUnavailable } from '../documents/renderer';
import { ValidityCache } from '../documents/validity';
import { YearTargets } from '../documents/year-targets';
import { HttpError } from '../http-error';
import { errors, idParam } from '../schemas';
import { isEditableIn } from '../states';
import { assertMayRead, userOf } from './access';
import { loadApplication } from './applications';

/** Rendering (worker threads, the PDF queue) is the shared renderer's (documents/renderer.ts). */
export type DocumentsOptions = FeaturePluginOptions;

/** What the portal prints for a missing value in a draft, and adds to the draft's file name. */
const DRAFT_PLACEHOLDER = '____';
const DRAFT_SUFFIX = '（草稿）';

export default async function documentRoutes(app: FastifyInstance, _opts: DocumentsOptions): Promise<void> {
  const { pools } = app.renderer;
  const yearTargets = new YearTargets(app.db);
  const validity = new ValidityCache();

  app.get<{ Params: { id: string; docId: string }; Querystring: { format?: Format } }>(
    '/api/applications/:id/documents/:docId',
    {
      config: { roles: ['applicant', 'staff', 'reviewer'] },
      schema: {
        tags: ['文书'],
        summary: '生成申报的文书（Word 或 PDF）；不适用的文书（如展厅已建成时的承诺书）返回 422',
        params: {
          type: 'object',
          required: ['id', 'docId'],
          properties: {
            ...idParam.properties,
            docId: { type: 'string', title: '文书', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
          },
        },
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', title: '格式', enum: ['docx', 'pdf'] } },
        },
        response: {
          200: { type: 'string', format: 'binary', description: '文书文件' },
          ...errors(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const application = await loadApplication(app, request.params.id);
      await assertMayRead(app.db, user, application, app.programs);
      const lp = app.programs.get(application.programId);
      const { docId } = request.params;
      const format: Format = request.query.format ?? 'docx';
      const formSchema = lp?.program.manifest.forms[application.form]?.schema;
      const entry = lp?.program.manifest.documents?.find(
        (d) => d.id === docId && d.dataSchema === formSchema,
      );
      if (!lp || !entry) throw new HttpError(404, 'NOT_FOUND', `本申报没有文书“${docId}”`);

      // Checked here too so that the answer is a 422 before any rendering; docgen refuses it as well.
      if (!documentApplies(lp.program, docId, application.data))
        throw new HttpError(422, 'NOT_APPLICABLE', notApplicableMessage(entry, '本申报'));

      // Checked here against the year's published targets (what the form shows), so the
      // workers render without validating again.
      const check = validity.check(lp, application, await yearTargets.get(lp, application.year));
      const { reasons } = check;
      const draft = isEditableIn(app.programs, application);
      if (!check.valid && !draft)
        throw new HttpError(422, 'INVALID_DATA', `申报数据未通过校验，不能生成“${entry.title}”`, { reasons });
      if (format === 'pdf' && !app.renderer.pdfAvailable()) throw pdfUnavailable();

      const rendered = await pools.render(lp, {
        docId,
        input: { data: application.data },
        placeholder: check.valid ? '' : DRAFT_PLACEHOLDER,
        skipValidation: true,
      });
      if (!rendered.ok || !rendered.bytes) {
        if (!check.valid)
          throw new HttpError(422, 'INVALID_DATA', `申报数据不完整，暂不能生成“${entry.title}”`, { reasons });
        throw new Error(
          `rendering ${lp.program.id}/${docId} failed: ${rendered.ok ? 'no bytes' : rendered.message}`,
        );
      }

      const bytes = format === 'pdf' ? await app.renderer.toPdf(lp, rendered.bytes) : rendered.bytes;
      const name = `${entry.title}${check.valid ? '' : DRAFT_SUFFIX}.${format}`;
      return reply
        .type(MEDIA_TYPES[format])
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
