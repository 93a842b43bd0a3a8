// Node-only additions (LibreOffice); the main entry stays usable in the browser.
export * from './index.js';
export { convertFilesToPdf, docxToPdf, findSoffice, type PdfOptions, SofficeMissingError } from './pdf.js';
