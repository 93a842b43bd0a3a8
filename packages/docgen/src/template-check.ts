// `shenbao templates check`: what a template owner runs after editing a .docx in Word, WPS or
// LibreOffice — its tags against the data schema (lint.ts), the package as OOXML (ooxml-check.ts) and,
// for a bureau document, the GB/T 9704 geometry (gongwen-check.ts).

import { basename } from 'node:path';
import { checkGongwen, type GongwenLayout, gongwenLayoutOf } from './gongwen-check.js';
import { type LintIssue, lintTemplate, lintTemplates } from './lint.js';
import { checkOoxml, readPackage, type SchemaValidator } from './ooxml-check.js';
import type { DocgenProgram, DocumentEntry } from './program.js';
import { programFile } from './program.js';

export interface TemplateFinding {
  severity: 'error' | 'warning';
  check: 'tags' | 'ooxml' | 'gongwen';
  /** The template as the programme names it, or the file given. */
  template: string;
  docId?: string;
  part?: string;
  line?: number;
  /** Tag findings: offset in the part's text. */
  offset?: number;
  message: string;
}

export interface TemplateCheckOptions {
  /** Files to check instead of the programme's templates (a file named like a template is checked as it). */
  files?: readonly { path: string; bytes: Uint8Array }[];
  /** The schema validator (ooxml-xsd.ts); without it the schema part is skipped. */
  validate?: SchemaValidator;
}

export interface TemplateCheckResult {
  findings: TemplateFinding[];
  /** The templates or files checked. */
  checked: string[];
}

const fromLint = (i: LintIssue, template = i.template): TemplateFinding => ({
  severity: i.severity,
  check: 'tags',
  template,
  docId: i.docId,
  part: i.part,
  offset: i.offset,
  message: i.message,
});

/** The programme with one template replaced by the given bytes, so that lint reads the edited file. */
function withTemplate(program: DocgenProgram, entry: DocumentEntry, bytes: Uint8Array): DocgenProgram {
  return {
    manifest: program.manifest,
    json: (path) => program.json(path),
    reference: (name) => program.reference(name),
    validate: (ref, data) => program.validate(ref, data),
    file: (path) => (path === entry.template ? bytes : programFile(program, path)),
  };
}

async function checkOne(
  label: string,
  bytes: Uint8Array,
  entry: DocumentEntry | undefined,
  layout: () => { layout?: GongwenLayout; error?: string },
  options: TemplateCheckOptions,
): Promise<TemplateFinding[]> {
  const out: TemplateFinding[] = [];
  for (const f of await checkOoxml(bytes, { validate: options.validate }))
    out.push({ ...f, check: 'ooxml', template: label, docId: entry?.id });
  if (entry?.layout === 'gongwen') {
    const { layout: figures, error } = layout();
    if (!figures)
      out.push({ severity: 'error', check: 'gongwen', template: label, docId: entry.id, message: error! });
    else {
      const { parts, findings } = readPackage(bytes);
      if (findings.length === 0) {
        try {
          for (const f of checkGongwen(parts, figures))
            out.push({ ...f, check: 'gongwen', template: label, docId: entry.id });
        } catch (e) {
          // A part too broken to read is already an OOXML finding; say why the layout was not checked.
          out.push({
            severity: 'error',
            check: 'gongwen',
            template: label,
            docId: entry.id,
            message: `无法读取版式：${(e as Error).message}`,
          });
        }
      }
    }
  }
  return out;
}

/** Checks the programme's templates (or the given files) and returns every finding. */
export async function checkTemplates(
  program: DocgenProgram,
  options: TemplateCheckOptions = {},
): Promise<TemplateCheckResult> {
  const findings: TemplateFinding[] = [];
  const checked: string[] = [];
  const entries = program.manifest.documents ?? [];
  let cached: { layout?: GongwenLayout; error?: string } | undefined;
  const layout = () => {
    cached ??= gongwenLayoutOf(program);
    return cached;
  };
  if (!options.files) {
    findings.push(...lintTemplates(program).map((i) => fromLint(i)));
    for (const entry of entries) {
      const bytes = programFile(program, entry.template);
      checked.push(entry.template);
      // A missing template is already lint's error.
      if (bytes instanceof Uint8Array)
        findings.push(...(await checkOne(entry.template, bytes, entry, layout, options)));
    }
    return { findings, checked };
  }
  for (const file of options.files) {
    checked.push(file.path);
    const entry = entries.find((e) => basename(e.template) === basename(file.path));
    if (entry)
      findings.push(
        ...lintTemplate(withTemplate(program, entry, file.bytes), entry).issues.map((i) =>
          fromLint(i, file.path),
        ),
      );
    else
      findings.push({
        severity: 'warning',
        check: 'tags',
        template: file.path,
        message: `项目 ${program.manifest.id} 中没有名为 ${basename(file.path)} 的模板，只检查 OOXML（标签与公文格式按同名模板检查）`,
      });
    findings.push(...(await checkOne(file.path, file.bytes, entry, layout, options)));
  }
  return { findings, checked };
}
