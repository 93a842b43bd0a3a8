// render(program, docId, data): validate against the document's schema, then fill its Word
// template. Load template → compile (cached) → render → package, as docxtemplater does.

import { renderCompiled } from './compiled-template.js';
import { DocgenError, DocgenValidationError } from './errors.js';
import {
  assertApplies,
  type DocgenProgram,
  type DocumentEntry,
  documentEntry,
  programFile,
  validateRef,
} from './program.js';
import { enumTitles, type Schema, schemaAtPath } from './schema-walk.js';
import type { FilterBase } from './tag-parser.js';
import { cachedTemplate } from './template-cache.js';

export interface RenderOptions {
  /** Year whose targets shape the form schema (yearly forms). */
  year?: number;
  /** Printed for a missing optional value; blank by default. */
  placeholder?: string;
  /** Skip validation when the caller has just validated the same data. */
  skipValidation?: boolean;
  /** DEFLATE level for the parts tags changed (default 6). */
  compressionLevel?: number;
}

export function requireEntry(program: DocgenProgram, docId: string): DocumentEntry {
  const entry = documentEntry(program, docId);
  if (!entry) {
    const ids = (program.manifest.documents ?? []).map((d) => d.id).join('、');
    throw new DocgenError(`项目“${program.manifest.id}”没有文书“${docId}”（现有：${ids || '无'}）`);
  }
  return entry;
}

export function templateBytes(program: DocgenProgram, path: string): Uint8Array {
  const file = programFile(program, path);
  if (file === undefined) throw new DocgenError(`找不到模板文件：${path}`);
  if (typeof file === 'string') throw new DocgenError(`模板文件不是二进制 .docx：${path}`);
  return file;
}

export function validateData(
  program: DocgenProgram,
  entry: DocumentEntry,
  data: unknown,
  year?: number,
): void {
  const result = program.validate(validateRef(program, entry, year), data);
  if (!result.valid) throw new DocgenValidationError(entry.id, result.errors);
}

const filterBases = new WeakMap<DocgenProgram, Map<string, FilterBase>>();

/** Programme data the filters read, per programme and data schema (memoised). */
export function filterBase(program: DocgenProgram, schemaPath: string): FilterBase {
  let perProgram = filterBases.get(program);
  if (!perProgram) {
    perProgram = new Map();
    filterBases.set(program, perProgram);
  }
  let base = perProgram.get(schemaPath);
  if (base) return base;
  const titles = new Map<string, ReadonlyMap<string, string> | undefined>();
  const references = new Map<string, readonly Record<string, unknown>[] | undefined>();
  base = {
    timeZone: program.manifest.timezone,
    reference: (name) => {
      if (!references.has(name)) {
        let rows: readonly Record<string, unknown>[] | undefined;
        try {
          rows = program.reference(name);
        } catch {
          rows = undefined;
        }
        references.set(name, rows);
      }
      return references.get(name);
    },
    enumTitles: (path) => {
      if (!titles.has(path)) {
        const root = program.json(schemaPath) as Schema | undefined;
        const node = root && schemaAtPath(root, path);
        titles.set(path, root && node ? enumTitles(root, node) : undefined);
      }
      return titles.get(path);
    },
  };
  perProgram.set(schemaPath, base);
  return base;
}

export function render(
  program: DocgenProgram,
  docId: string,
  data: unknown,
  options: RenderOptions = {},
): Uint8Array {
  const entry = requireEntry(program, docId);
  assertApplies(program, entry, data);
  if (!options.skipValidation) validateData(program, entry, data, options.year);
  const compiled = cachedTemplate(
    program.manifest.id,
    entry.template,
    templateBytes(program, entry.template),
  );
  return renderCompiled(compiled, data, {
    placeholder: options.placeholder,
    filters: filterBase(program, entry.dataSchema),
    level: options.compressionLevel,
  });
}
