// Errors docgen throws. Users read `message` (zh-CN); developers read the structured lists.

export interface ValidationIssue {
  path: string;
  keyword: string;
  message: string;
}

/** The data does not satisfy the document's schema; `errors` are core's zh messages. */
export class DocgenValidationError extends Error {
  override name = 'DocgenValidationError';
  constructor(
    readonly docId: string,
    readonly errors: readonly ValidationIssue[],
  ) {
    super(`文书“${docId}”的数据校验未通过：${errors.map((e) => e.message).join('；')}`);
  }
}

export interface TemplateProblem {
  /** The template file, e.g. templates/publicity-notice.docx. */
  template: string;
  /** The part inside the package, e.g. word/document.xml. */
  part?: string;
  tag?: string;
  /** Character offset in the part's text (docxtemplater's offset). */
  offset?: number;
  id: string;
  message: string;
}

/** Every problem of a template at once, not just the first. */
export class TemplateErrors extends Error {
  override name = 'TemplateErrors';
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(
      problems
        .map(
          (p) =>
            `${p.template}${p.part ? `:${p.part}` : ''}${p.offset !== undefined ? `@${p.offset}` : ''}: ${p.message}`,
        )
        .join('\n'),
    );
  }
}

export class DocgenError extends Error {
  override name = 'DocgenError';
}
