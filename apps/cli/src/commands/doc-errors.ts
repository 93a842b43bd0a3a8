// How document errors reach the terminal: one line each, exit 1 for problems in the data or
// the templates, 2 for usage and I/O.

import type * as Docgen from '@shenbao/docgen';
import { CliExit, EXIT } from '../context';

/** docgen's error classes, from the module the command loaded (commands import docgen when they run). */
export type DocgenErrors = Pick<
  typeof Docgen,
  'DocgenError' | 'DocgenNotApplicableError' | 'DocgenValidationError' | 'TemplateErrors'
>;

export function docgenExit(docgen: DocgenErrors, e: unknown, file?: string): never {
  const { DocgenError, DocgenNotApplicableError, DocgenValidationError, TemplateErrors } = docgen;
  if (e instanceof CliExit) throw e;
  if (e instanceof DocgenValidationError) {
    const head = `数据校验未通过${file ? `：${file}` : ''}`;
    throw new CliExit(
      EXIT.problems,
      [head, ...e.errors.map((x) => `${x.path || '/'}  ${x.message}`)].join('\n'),
    );
  }
  if (e instanceof TemplateErrors) {
    throw new CliExit(
      EXIT.problems,
      [
        '模板错误：',
        ...e.problems.map((p) => `${p.template}${p.part ? ` ${p.part}` : ''}  ${p.message}`),
      ].join('\n'),
    );
  }
  // A document that does not apply to the data is a problem with the data, not with the command.
  if (e instanceof DocgenNotApplicableError) throw new CliExit(EXIT.problems, e.message);
  if (e instanceof DocgenError) throw new CliExit(EXIT.usage, e.message);
  const err = e as NodeJS.ErrnoException;
  if (err?.code && typeof err.code === 'string' && err.syscall) {
    throw new CliExit(EXIT.usage, `文件读写失败：${err.path ?? ''}（${err.code}）`);
  }
  throw e;
}
