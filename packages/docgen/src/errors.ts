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

/** What a document entry says about when it applies (program.json `documents`). */
export interface ApplicableEntry {
  id: string;
  title: string;
  when?: string;
  article?: string;
}

/**
 * Why a document is refused for data its `appliesIf` does not hold for, in the programme's own words for
 * when it applies, e.g. “人工智能赋能业务体验展厅建设承诺书”不适用于本申报：该文书仅在体验展厅尚未建成、承诺建设时提供（第八条（三））.
 */
export function notApplicableMessage(entry: ApplicableEntry, subject = '所给数据'): string {
  return `“${entry.title}”不适用于${subject}${entry.when ? `：该文书仅在${entry.when}提供` : ''}${entry.article ? `（${entry.article}）` : ''}`;
}

/** The document's `appliesIf` does not hold for the data: producing it would print a false statement. */
export class DocgenNotApplicableError extends DocgenError {
  override name = 'DocgenNotApplicableError';
  constructor(
    readonly docId: string,
    entry: ApplicableEntry,
  ) {
    super(notApplicableMessage(entry));
  }
}
