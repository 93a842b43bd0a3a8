// A template compiled once and rendered many times.
//
// docxtemplater compiles at construction and refuses a second render on an instance, so the
// usual pattern is a fresh PizZip + Docxtemplater per document: lexing, parsing and a full
// zip round-trip every time. Here the compiled instance is kept, and each render runs
// docxtemplater's own `render()` on a per-render view of it (Object.create) whose mutable
// state — rendered flag, scope managers, mapper, output zip — is fresh. The compiled parts,
// their cached tag parsers and the modules are shared; rendering is synchronous, so two
// renders never interleave. The output zip is a capture: docxtemplater hands it each rendered
// part as a string, and our zip layer re-deflates only parts whose text changed and copies
// every other entry's compressed bytes. This relies on docxtemplater internals of the pinned
// version (3.71.0); test/compiled-template.test.ts guards it.

import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { TemplateErrors, type TemplateProblem } from './errors.js';
import { coalesceStaticParts } from './static-parts.js';
import { parseTagExpression } from './tag-expression.js';
import { checkFilters, createTagParser, type FilterBase } from './tag-parser.js';
import { templateProblems } from './template-errors.js';
import { TEXT_MODULE, TextModule } from './text-module.js';
import { deflatedEntry, entryData, readZip, writeZip, type ZipEntry, ZipFormatError } from './zip.js';

// docxtemplater's compiled-part shape, as far as this layer reads it.
interface CompiledPart {
  postparsed: PostParsed[];
  allErrors: unknown[];
}
interface PostParsed {
  type: string;
  module?: string;
  value: string;
  offset?: number;
  subparsed?: PostParsed[];
}
interface DocInternals {
  compiled: Record<string, CompiledPart>;
  xmlDocuments: Record<string, unknown>;
  render(data: unknown): unknown;
}

/** Per-render settings read by the shared compiled template; rendering is synchronous. */
interface RenderState {
  placeholder: string;
  filters: FilterBase;
}

const NO_FILTER_DATA: FilterBase = { reference: () => undefined, enumTitles: () => undefined };

export interface CompiledTemplate {
  readonly path: string;
  readonly entries: readonly ZipEntry[];
  /** Parts that contain at least one tag; only these are rendered. */
  readonly taggedParts: readonly string[];
  readonly state: RenderState;
  readonly doc: Docxtemplater;
  readonly originalBytes: ReadonlyMap<string, Uint8Array>;
  /** Tagged parts holding drawings, whose ids a loop may duplicate. */
  readonly partsWithDrawings: ReadonlySet<string>;
  readonly maxDocPrId: number;
}

let compileCount = 0;

/** How many templates were compiled in this process (a cache hit does not count). */
export function templateCompileCount(): number {
  return compileCount;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function hasTags(parts: readonly PostParsed[]): boolean {
  return parts.some((p) => p.type === 'placeholder');
}

/** Loop and section tags are parsed lazily by docxtemplater; check them at compile time. */
function loopTagProblems(parts: readonly PostParsed[], path: string, part: string): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  for (const p of parts) {
    if (p.type === 'placeholder' && p.module === 'loop') {
      try {
        checkFilters(parseTagExpression(p.value));
      } catch (e) {
        out.push({
          template: path,
          part,
          tag: p.value,
          offset: p.offset,
          id: 'scopeparser_compilation_failed',
          message: `标签“{#${p.value}}”无法解析：${(e as Error).message}`,
        });
      }
    }
    if (p.subparsed) out.push(...loopTagProblems(p.subparsed, path, part));
  }
  return out;
}

/** Refuses packages that could act when opened: macros, remote resources, DTDs. */
function packageProblems(entries: readonly ZipEntry[], path: string): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const problem = (part: string, message: string) =>
    out.push({ template: path, part, id: 'unsafe_package', message });
  for (const e of entries) {
    if (/vbaProject\.bin$/i.test(e.name)) problem(e.name, '模板含有宏（vbaProject.bin），不予使用');
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const text = decoder.decode(entryData(e));
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) problem(e.name, '模板 XML 含有 DOCTYPE/ENTITY 声明，不予使用');
    if (e.name.endsWith('.rels')) {
      for (const m of text.matchAll(/<Relationship\b[^>]*>/g)) {
        const rel = m[0];
        if (/TargetMode="External"/.test(rel) && !/Type="[^"]*\/hyperlink"/.test(rel)) {
          problem(e.name, '模板引用了外部资源（TargetMode="External"），不予使用');
        }
      }
    }
  }
  return out;
}

function maxDocPr(texts: Iterable<string>): number {
  let max = 0;
  for (const t of texts) {
    for (const m of t.matchAll(/<wp:docPr\b[^>]*?\bid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export function compileTemplate(bytes: Uint8Array, path: string): CompiledTemplate {
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (e) {
    if (e instanceof ZipFormatError) {
      throw new TemplateErrors([{ template: path, id: 'invalid_zip', message: e.message }]);
    }
    throw e;
  }
  const unsafe = packageProblems(entries, path);
  if (unsafe.length) throw new TemplateErrors(unsafe);

  compileCount++;
  const state: RenderState = { placeholder: '', filters: NO_FILTER_DATA };
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(new PizZip(bytes), {
      parser: createTagParser(() => state.filters),
      modules: [new TextModule()],
      paragraphLoop: true,
      // TextModule prints line breaks itself (see text-module.ts).
      linebreaks: false,
      // Error logging prints the offending data value; user data must not reach a log.
      errorLogging: false,
      stripInvalidXMLChars: true,
      // Never "undefined": a missing value prints blank or the configured placeholder.
      nullGetter: (part) => (part.module && part.module !== TEXT_MODULE ? '' : state.placeholder),
    });
  } catch (e) {
    throw new TemplateErrors(templateProblems(e, path));
  }
  const internals = doc as unknown as DocInternals;
  const taggedParts: string[] = [];
  const loopProblems: TemplateProblem[] = [];
  for (const [name, part] of Object.entries(internals.compiled)) {
    if (hasTags(part.postparsed)) taggedParts.push(name);
    loopProblems.push(...loopTagProblems(part.postparsed, path, name));
  }
  if (loopProblems.length) throw new TemplateErrors(loopProblems);
  for (const name of taggedParts) {
    const part = internals.compiled[name]!;
    part.postparsed = coalesceStaticParts(part.postparsed);
  }
  const originalBytes = new Map<string, Uint8Array>();
  const partsWithDrawings = new Set<string>();
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const name of taggedParts) {
    const e = byName.get(name);
    if (!e) continue;
    const data = entryData(e);
    originalBytes.set(name, data);
    if (decoder.decode(data).includes('<wp:docPr')) partsWithDrawings.add(name);
  }
  const xmlTexts = entries.filter((e) => e.name.endsWith('.xml')).map((e) => decoder.decode(entryData(e)));
  return {
    path,
    entries,
    taggedParts,
    state,
    doc,
    originalBytes,
    partsWithDrawings,
    maxDocPrId: maxDocPr(xmlTexts),
  };
}

/** Loops copy drawings with their ids; Word calls a package with duplicate docPr ids corrupt. */
function renumberDuplicateDocPr(xml: string, next: { id: number }): string {
  if (!xml.includes('<wp:docPr')) return xml;
  const seen = new Set<string>();
  return xml.replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g, (all, a: string, id: string, b: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      return all;
    }
    next.id += 1;
    return `${a}${next.id}${b}`;
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface PackageOptions {
  placeholder?: string;
  /** Programme data the filters read (reference lists, enum titles, time zone). */
  filters?: FilterBase;
  /** DEFLATE level for re-compressed parts. */
  level?: number;
}

export function renderCompiled(t: CompiledTemplate, data: unknown, options: PackageOptions = {}): Uint8Array {
  const internals = t.doc as unknown as DocInternals;
  const captured = new Map<string, string | Uint8Array>();
  const capture = {
    files: {},
    file(name: string, content: string | Uint8Array) {
      captured.set(name, content);
    },
    remove() {},
  };
  const mapper: Record<string, { from: string; data: unknown }> = {};
  for (const name of t.taggedParts) {
    mapper[name] = { from: name, data };
    // A failed render leaves its errors on the shared compiled part.
    internals.compiled[name]!.allErrors = [];
  }
  const view = Object.create(t.doc) as DocInternals & Record<string, unknown>;
  Object.assign(view, {
    rendered: false,
    scopeManagers: {},
    mapper,
    errors: [],
    zip: capture,
    // Unchanged package-level XML keeps its original bytes instead of being re-serialised.
    xmlDocuments: {},
    // The only listener of these events re-lexes every XML part of the *template* zip to fix
    // duplicate drawing ids; renumberDuplicateDocPr does that on the rendered parts instead.
    sendEvent() {},
  });
  t.state.placeholder = options.placeholder ?? '';
  t.state.filters = options.filters ?? NO_FILTER_DATA;
  try {
    view.render(data);
  } catch (e) {
    throw new TemplateErrors(templateProblems(e, t.path));
  } finally {
    t.state.placeholder = '';
    t.state.filters = NO_FILTER_DATA;
  }
  const level = options.level ?? 6;
  const next = { id: t.maxDocPrId };
  const out = t.entries.map((e) => {
    const content = captured.get(e.name);
    if (content === undefined) return e;
    let bytes = typeof content === 'string' ? encoder.encode(content) : content;
    if (sameBytes(bytes, t.originalBytes.get(e.name))) return e;
    if (t.partsWithDrawings.has(e.name)) {
      bytes = encoder.encode(renumberDuplicateDocPr(decoder.decode(bytes), next));
    }
    return deflatedEntry(e.name, bytes, level, e);
  });
  return writeZip(out);
}
