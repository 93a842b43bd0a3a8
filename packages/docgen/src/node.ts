// Node-only additions (LibreOffice); the main entry stays usable in the browser.

export { type BatchJob, type PoolOptions, RenderPool, type WorkerReply } from './batch.js';
export {
  checkGongwen,
  GONGWEN_LAYOUT_FILE,
  type GongwenLayout,
  gongwenLayoutOf,
} from './gongwen-check.js';
export * from './index.js';
export {
  checkOoxml,
  checkPackageStructure,
  type PackageFinding,
  prepareForSchema,
  readPackage,
  type SchemaError,
  type SchemaValidator,
  wordprocessingParts,
} from './ooxml-check.js';
export { findOoxmlXsd, hasXmllint, OOXML_SCHEMA_FILE, xmllintValidator } from './ooxml-xsd.js';
export {
  convertFilesToPdf,
  docxToPdf,
  findSoffice,
  PDF_CONVERT_TO,
  type PdfOptions,
  SofficeMissingError,
  stopPdfConverters,
  warmConverterFor,
} from './pdf.js';
export {
  checkTemplates,
  type TemplateCheckOptions,
  type TemplateCheckResult,
  type TemplateFinding,
} from './template-check.js';
export { findUnoPython, WarmPdfConverter } from './warm-converter.js';
export { type ZipFile, zipFiles } from './zip-files.js';
