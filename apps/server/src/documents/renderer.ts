/**
 * The one document renderer of the server: Word in worker threads (RenderPools, one pool per
 * programme) and PDF through LibreOffice one at a time (SerialQueue). Application documents and
 * notices both render through it, so a burst of either shares the same workers and the same
 * PDF queue rather than starting a second set.
 */
import { fontsConfOf } from '@shenbao/core/node';
import { docxToPdf, findSoffice, SofficeMissingError } from '@shenbao/docgen/node';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error';
import type { LoadedProgram } from '../program-registry';
import { PdfBusyError, SerialQueue } from './pdf-queue';
import { RenderPools } from './pools';

export interface RendererOptions {
  /** Worker threads per programme (default: one per core). */
  workers?: number;
  /** PDF requests that may wait behind the one LibreOffice is converting (default 8). */
  pdfQueue?: number;
}

export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
export type DocumentFormat = keyof typeof MEDIA_TYPES;

export const pdfUnavailable = (): HttpError =>
  new HttpError(
    503,
    'PDF_UNAVAILABLE',
    '服务器未安装 LibreOffice，暂时无法生成 PDF，请下载 Word（.docx）版本',
  );

export interface Renderer {
  pools: RenderPools;
  /** Whether PDF can be made at all (LibreOffice installed). */
  pdfAvailable(): boolean;
  /** A .docx as PDF, queued behind other conversions; refusals are HttpErrors (503). */
  toPdf(lp: LoadedProgram, docx: Uint8Array): Promise<Uint8Array>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Word and PDF rendering shared by every plugin that makes documents. */
    renderer: Renderer;
  }
}

export default fp(
  async (app: FastifyInstance, opts: RendererOptions) => {
    const pools = new RenderPools(opts.workers);
    const queue = new SerialQueue(opts.pdfQueue ?? 8);
    app.addHook('onClose', () => pools.close());
    app.decorate('renderer', {
      pools,
      pdfAvailable: () => findSoffice() !== undefined,
      async toPdf(lp: LoadedProgram, docx: Uint8Array): Promise<Uint8Array> {
        const fontsConf = fontsConfOf(lp.dir, app.config.repoRoot);
        try {
          return await queue.run(() => docxToPdf(docx, { fontsConf }));
        } catch (e) {
          if (e instanceof SofficeMissingError) throw pdfUnavailable();
          if (e instanceof PdfBusyError)
            throw new HttpError(503, 'PDF_BUSY', 'PDF 生成繁忙，请稍后再试，或先下载 Word（.docx）版本');
          throw e;
        }
      },
    } satisfies Renderer);
  },
  { name: 'shenbao-renderer' },
);
