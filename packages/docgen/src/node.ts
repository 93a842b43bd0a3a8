// Node-only additions (LibreOffice); the main entry stays usable in the browser.

export { type BatchJob, type PoolOptions, RenderPool, type WorkerReply } from './batch.js';
export * from './index.js';
export {
  convertFilesToPdf,
  docxToPdf,
  findSoffice,
  type PdfOptions,
  SofficeMissingError,
  stopPdfConverters,
  warmConverterFor,
} from './pdf.js';
export { findUnoPython, WarmPdfConverter } from './warm-converter.js';
export { type ZipFile, zipFiles } from './zip-files.js';
