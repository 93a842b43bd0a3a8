export { type CompiledPartsStore, useCompiledPartsStore } from './compiled-template.js';
export {
  DocgenError,
  DocgenNotApplicableError,
  DocgenValidationError,
  notApplicableMessage,
  TemplateErrors,
  type TemplateProblem,
  type ValidationIssue,
} from './errors.js';
export { FILTERS, type FilterContext, type FilterSpec } from './filters.js';
export { articleRef } from './formatters/article-ref.js';
export { cnNumeral, cnOrdinal } from './formatters/cn-number.js';
export { rmbUpper, wan } from './formatters/money.js';
export { type HtmlOptions, PRINT_STYLESHEET, renderHtml } from './html.js';
export { type LintIssue, lintTemplate, lintTemplates } from './lint.js';
export { imprintOnEvenPage, pdfPageCount, printPass } from './print-layout.js';
export type { DocgenProgram, DocumentEntry } from './program.js';
export { type RenderOptions, render } from './render.js';
export { stripInvalidXml } from './safe-text.js';
export { clearTemplateCache, templateCacheStats } from './template-cache.js';
