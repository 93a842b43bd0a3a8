// A template compiled once and rendered many times.
//
// docxtemplater compiles at construction and refuses a second render on an instance, so the
// public way is a fresh PizZip + Docxtemplater per document: lexing, parsing and a full zip
// round-trip every time (renderPublic below). The fast path keeps the compiled instance and runs
// docxtemplater's own `render()` on a per-render view of it (Object.create) whose mutable state —
// rendered flag, scope managers, mapper, output zip — is fresh. The compiled parts, their cached
// tag parsers and the modules are shared; rendering is synchronous, so two renders never
// interleave. The output zip is a capture: docxtemplater hands it each rendered part as a string,
// and our zip layer re-deflates only parts whose text changed and copies every other entry's
// compressed bytes.
//
// The view sets docxtemplater's private fields, so the fast path runs only on the versions it was
// written and tested for (FAST_PATH_VERSIONS, checked against the installed package.json at load).
// On any other version, or with SHENBAO_DOCGEN_ENGINE=public, every template renders through the
// public API (same output, slower) and a warning says so once. Drawings a loop repeats get fresh
// ids from docxtemplater's own docPr fix module, in both engines. test/compiled-template.test.ts
// renders every template of every programme both ways and compares every part of the package.

import Docxtemplater, { type DXT } from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import fixDocPrCorruption from 'docxtemplater/js/modules/fix-doc-pr-corruption.js';
import PizZip from 'pizzip';
import { docxtemplaterEngine, type RenderEngine, warnPublicEngine } from './docxtemplater-engine.js';
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

/** State the fast path shares between renders, with docxtemplater's instance it renders through. */
interface FastPath {
  readonly doc: Docxtemplater;
  readonly state: RenderState;
  /** The docPr fix module attached to `doc`, pointed at each render's output while it runs. */
  readonly fixDocPr: FixDocPr;
  readonly templateZip: PizZip;
  readonly originalBytes: ReadonlyMap<string, Uint8Array>;
  /** XML parts of the template holding drawings (wp:docPr), the only ones the docPr fix changes. */
  readonly docPrParts: ReadonlySet<string>;
}

export interface CompiledTemplate {
  readonly path: string;
  readonly engine: RenderEngine;
  readonly bytes: Uint8Array;
  readonly entries: readonly ZipEntry[];
  /** Parts that contain at least one tag; only these are rendered. */
  readonly taggedParts: readonly string[];
  /** Present when the engine is `fast`. */
  readonly fast?: FastPath;
}

/**
 * Compiled parts kept between processes, so that a one-shot command (`shenbao generate`) does not
 * lex and parse a large template again: the CLI's folder of files (apps/cli/src/caches.ts), set with
 * useCompiledPartsStore. Fast path only (it stores docxtemplater's compiled parts, which only the
 * versions the fast path was written for are known to read). A store's methods never throw; an entry
 * of the wrong shape is rejected and the template compiled.
 */
export interface CompiledPartsStore {
  /** A key naming these template bytes under this fingerprint (a strong hash of both). */
  key(bytes: Uint8Array, fingerprint: string): string;
  read(key: string): string | undefined;
  write(key: string, text: string): void;
  /** An entry that was read but could not be used. */
  reject(key: string): void;
}

let partsStore: CompiledPartsStore | undefined;

/** Keeps compiled parts in `store` from now on (undefined: none); the in-memory cache is unaffected. */
export function useCompiledPartsStore(store: CompiledPartsStore | undefined): void {
  partsStore = store;
}

/**
 * The parts whose compiled form is stored: the body, headers, footers and notes — never one of
 * docxtemplater's parsed XML documents (content types, relationships, settings), which it reads
 * from the zip itself. Stored parts are compiled from an empty stand-in and given their stored form.
 */
const STORED_PART = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

/** Bumped when what is stored changes meaning. */
const PARTS_FORMAT = 1;
let partsFingerprint: string | undefined;
/** What decides the compiled parts besides the template: docxtemplater, its options, our modules. */
function fingerprint(): string {
  partsFingerprint ??= JSON.stringify([
    PARTS_FORMAT,
    docxtemplaterEngine.installedVersion,
    String(docxtemplaterOptions),
    String(renderModules),
    String(TextModule),
    String(coalesceStaticParts),
  ]);
  return partsFingerprint;
}

interface StoredParts {
  taggedParts: string[];
  docPrParts: string[];
  postparsed: Record<string, PostParsed[]>;
}

// Coalesced static parts are bytes (static-parts.ts): stored as their text under BYTES, encoded
// again when read (a walk of the parts; a JSON reviver would visit every key).
const BYTES = '\u0000bytes';
const storeReplacer = (_key: string, v: unknown) =>
  v instanceof Uint8Array ? { [BYTES]: decoder.decode(v) } : v;
function reviveParts(parts: PostParsed[]): void {
  for (const p of parts) {
    const v = p.value as unknown;
    if (v !== null && typeof v === 'object' && BYTES in v)
      (p as { value: unknown }).value = encoder.encode((v as Record<string, string>)[BYTES]);
    if (p.subparsed) reviveParts(p.subparsed);
  }
}

function readStored(store: CompiledPartsStore, key: string): StoredParts | undefined {
  const text = store.read(key);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as StoredParts;
    if (
      Array.isArray(v.taggedParts) &&
      Array.isArray(v.docPrParts) &&
      v.postparsed !== null &&
      typeof v.postparsed === 'object' &&
      Object.entries(v.postparsed).every(([name, parts]) => STORED_PART.test(name) && Array.isArray(parts))
    ) {
      for (const parts of Object.values(v.postparsed)) reviveParts(parts);
      return v;
    }
  } catch {
    // Not JSON: rejected below.
  }
  store.reject(key);
  return undefined;
}

export interface CompileOptions {
  /**
   * Render engine; by default the fast path where the installed docxtemplater allows it. Asking for
   * `fast` on a version not in FAST_PATH_VERSIONS is for the equivalence test that vets a new version.
   */
  engine?: RenderEngine;
}

let compileCount = 0;

/** How many templates were compiled in this process (a cache hit does not count). */
export function templateCompileCount(): number {
  return compileCount;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The one set of docxtemplater options both engines use; `state` carries the per-render settings. */
function docxtemplaterOptions(state: RenderState, modules: DXT.Module[]): DXT.ConstructorOptions {
  return {
    parser: createTagParser(() => state.filters),
    modules,
    paragraphLoop: true,
    // TextModule prints line breaks itself (see text-module.ts).
    linebreaks: false,
    // Error logging prints the offending data value; user data must not reach a log.
    errorLogging: false,
    stripInvalidXMLChars: true,
    // Never "undefined": a missing value prints blank or the configured placeholder.
    nullGetter: (part) => (part.module && part.module !== TEXT_MODULE ? '' : state.placeholder),
  };
}

type FixDocPr = ReturnType<typeof fixDocPrCorruption.clone>;

/** The modules of a rendering instance: our text module and docxtemplater's docPr fix. */
function renderModules(): [TextModule, FixDocPr] {
  return [new TextModule(), fixDocPrCorruption.clone()];
}

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

export function compileTemplate(
  bytes: Uint8Array,
  path: string,
  options: CompileOptions = {},
): CompiledTemplate {
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
  const engine = options.engine ?? docxtemplaterEngine.engine;
  if (options.engine === undefined) warnPublicEngine();
  compileCount++;
  return engine === 'fast' ? compileFast(bytes, path, entries) : compilePublic(bytes, path, entries);
}

/** Public API only: compiling once reports template errors, loop expressions included, before any render. */
function compilePublic(bytes: Uint8Array, path: string, entries: ZipEntry[]): CompiledTemplate {
  const inspect = new InspectModule();
  const state: RenderState = { placeholder: '', filters: NO_FILTER_DATA };
  try {
    new Docxtemplater(new PizZip(bytes), docxtemplaterOptions(state, [inspect, ...renderModules()]));
  } catch (e) {
    throw new TemplateErrors(templateProblems(e, path));
  }
  const taggedParts: string[] = [];
  const loopProblems: TemplateProblem[] = [];
  for (const name of Object.keys(inspect.fullInspected)) {
    const tags = inspect.getStructuredTags(name) as unknown as PostParsed[];
    if (hasTags(tags)) taggedParts.push(name);
    loopProblems.push(...loopTagProblems(tags, path, name));
  }
  if (loopProblems.length) throw new TemplateErrors(loopProblems);
  return { path, engine: 'public', bytes, entries, taggedParts };
}

function compileFast(bytes: Uint8Array, path: string, entries: ZipEntry[]): CompiledTemplate {
  const state: RenderState = { placeholder: '', filters: NO_FILTER_DATA };
  const [text, fixDocPr] = renderModules();
  const store = partsStore;
  const key = store?.key(bytes, fingerprint());
  const stored = store && key !== undefined ? readStored(store, key) : undefined;
  const templateZip = new PizZip(bytes);
  // The stored parts are compiled from an empty stand-in (nothing to lex), then given their stored
  // form; the template's own bytes stay in `entries` for the parts a render leaves unchanged.
  if (stored) for (const name of Object.keys(stored.postparsed)) templateZip.file(name, '');
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(templateZip, docxtemplaterOptions(state, [text, fixDocPr]));
  } catch (e) {
    throw new TemplateErrors(templateProblems(e, path));
  }
  const internals = doc as unknown as DocInternals;
  if (stored) {
    for (const [name, postparsed] of Object.entries(stored.postparsed)) {
      const part = internals.compiled[name];
      if (part) part.postparsed = postparsed;
    }
    for (const name of stored.taggedParts) {
      const part = internals.compiled[name];
      if (part && !(name in stored.postparsed)) part.postparsed = coalesceStaticParts(part.postparsed);
    }
    return fastTemplate(path, bytes, entries, stored.taggedParts, new Set(stored.docPrParts), {
      doc,
      state,
      fixDocPr,
      templateZip,
    });
  }
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
  const docPrParts = new Set<string>();
  for (const e of entries) {
    if (e.name.endsWith('.xml') && decoder.decode(entryData(e)).includes('<wp:docPr')) docPrParts.add(e.name);
  }
  if (store && key !== undefined) {
    const postparsed: Record<string, PostParsed[]> = {};
    for (const name of taggedParts)
      if (STORED_PART.test(name)) postparsed[name] = internals.compiled[name]!.postparsed;
    const parts: StoredParts = { taggedParts, docPrParts: [...docPrParts], postparsed };
    store.write(key, JSON.stringify(parts, storeReplacer));
  }
  return fastTemplate(path, bytes, entries, taggedParts, docPrParts, { doc, state, fixDocPr, templateZip });
}

function fastTemplate(
  path: string,
  bytes: Uint8Array,
  entries: ZipEntry[],
  taggedParts: string[],
  docPrParts: Set<string>,
  compiled: Pick<FastPath, 'doc' | 'state' | 'fixDocPr' | 'templateZip'>,
): CompiledTemplate {
  const originalBytes = new Map<string, Uint8Array>();
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const name of taggedParts) {
    const e = byName.get(name);
    if (e) originalBytes.set(name, entryData(e));
  }
  const fast: FastPath = { ...compiled, originalBytes, docPrParts };
  return { path, engine: 'fast', bytes, entries, taggedParts, fast };
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

/** Renders through docxtemplater's public API: a fresh instance on the template's bytes. */
export function renderPublic(t: CompiledTemplate, data: unknown, options: PackageOptions = {}): Uint8Array {
  const state: RenderState = {
    placeholder: options.placeholder ?? '',
    filters: options.filters ?? NO_FILTER_DATA,
  };
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(new PizZip(t.bytes), docxtemplaterOptions(state, renderModules()));
    doc.render(data);
  } catch (e) {
    throw new TemplateErrors(templateProblems(e, t.path));
  }
  const level = options.level ?? 6;
  // PizZip's option type lists the levels 1–9 as literals.
  const zipped = doc.toUint8Array({ compression: 'DEFLATE', compressionOptions: { level: level as 6 } });
  // PizZip adds folder entries ("word/"), which are no part of an OPC package; drop them (the
  // entries' compressed bytes are copied, not deflated again).
  return writeZip(readZip(zipped).filter((e) => !e.name.endsWith('/')));
}

const asText = (content: string | Uint8Array) =>
  typeof content === 'string' ? content : decoder.decode(content);

export function renderCompiled(t: CompiledTemplate, data: unknown, options: PackageOptions = {}): Uint8Array {
  const fast = t.fast;
  if (!fast) return renderPublic(t, data, options);
  const internals = fast.doc as unknown as DocInternals;
  const captured = new Map<string, string | Uint8Array>();
  const capture = {
    files: {},
    // Writes from docxtemplater and its modules; `file(regex)` is the listing the docPr fix reads,
    // in the template's entry order (as PizZip lists it), limited to the parts that hold drawings:
    // in the others it changes nothing, and a rendered part holds one only if its template part
    // did (data prints as escaped text; raw XML tags are refused by the tag parser).
    file(name: string | RegExp, content?: string | Uint8Array) {
      if (typeof name === 'string') {
        if (content !== undefined) captured.set(name, content);
        return undefined;
      }
      const out: { name: string; asText(): string }[] = [];
      for (const e of t.entries) {
        if (!fast.docPrParts.has(e.name) || !name.test(e.name)) continue;
        const text = () => {
          const c = captured.get(e.name);
          return c === undefined ? decoder.decode(entryData(e)) : asText(c);
        };
        out.push({ name: e.name, asText: text });
      }
      return out;
    },
    remove() {},
  };
  const mapper: Record<string, { from: string; data: unknown }> = {};
  for (const name of t.taggedParts) {
    mapper[name] = { from: name, data };
    // A failed render leaves its errors on the shared compiled part.
    internals.compiled[name]!.allErrors = [];
  }
  const view = Object.create(fast.doc) as DocInternals & Record<string, unknown>;
  Object.assign(view, {
    rendered: false,
    scopeManagers: {},
    mapper,
    errors: [],
    zip: capture,
    // Unchanged package-level XML keeps its original bytes instead of being re-serialised.
    xmlDocuments: {},
  });
  fast.state.placeholder = options.placeholder ?? '';
  fast.state.filters = options.filters ?? NO_FILTER_DATA;
  fast.fixDocPr.set({ zip: capture, xmlDocuments: {} });
  try {
    view.render(data);
  } catch (e) {
    throw new TemplateErrors(templateProblems(e, t.path));
  } finally {
    fast.state.placeholder = '';
    fast.state.filters = NO_FILTER_DATA;
    fast.fixDocPr.set({ zip: fast.templateZip, xmlDocuments: internals.xmlDocuments });
  }
  const level = options.level ?? 6;
  const out = t.entries.map((e) => {
    const content = captured.get(e.name);
    if (content === undefined) return e;
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    if (sameBytes(bytes, fast.originalBytes.get(e.name) ?? entryData(e))) return e;
    return deflatedEntry(e.name, bytes, level, e);
  });
  return writeZip(out);
}
