// Node-only additions (LibreOffice); the main entry stays usable in the browser.

export { type BatchJob, type PoolOptions, RenderPool, type WorkerReply } from './batch.js';
export * from './index.js';
export { convertFilesToPdf, docxToPdf, findSoffice, type PdfOptions, SofficeMissingError } from './pdf.js';
export { type ZipFile, zipFiles } from './zip-files.js';
