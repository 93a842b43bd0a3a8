// Template lint: every tag of every template must name a field of its document's data schema.
// Nobody ships this for docxtemplater (reference/documents.md §1.8); it catches the misspelt
// tag that would otherwise print blank in an official document.

import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import { closest } from 'fastest-levenshtein';
import PizZip from 'pizzip';
import { lintHtmlTemplate } from './lint-html.js';
import type { DocgenProgram, DocumentEntry } from './program.js';
import { programFile } from './program.js';
import {
  enumTitles,
  isArraySchema,
  itemsOf,
  propertyNames,
  propertyOf,
  type Schema,
  schemaAtPath,
} from './schema-walk.js';
import { parseTagExpression, type TagExpression } from './tag-expression.js';
import { checkFilters } from './tag-parser.js';
import { templateProblems } from './template-errors.js';
import { TextModule } from './text-module.js';
import { readZip, ZipFormatError } from './zip.js';

export interface LintIssue {
  severity: 'error' | 'warning';
  docId: string;
  template: string;
  part?: string;
  tag?: string;
  offset?: number;
  message: string;
  /** The nearest existing field, for an unknown tag. */
  suggestion?: string;
}

interface StructuredPart {
  type: string;
  value: string;
  module?: string;
  offset?: number;
  inverted?: boolean;
  subparsed?: StructuredPart[];
}

export interface Scope {
  /** Absolute dotted data path of the scope ('' for the root). */
  path: string;
  schema: Schema;
  inArray: boolean;
}

export function joinPath(a: string, b: string): string {
  return a && b ? `${a}.${b}` : a || b;
}

/** The schema a relative path resolves to from one scope, stepping through arrays like a loop. */
export function resolveFrom(root: Schema, scope: Scope, segments: readonly string[]): Schema | undefined {
  let node: Schema | undefined = scope.schema;
  for (const seg of segments) {
    if (!node) return undefined;
    if (seg === 'length' && isArraySchema(root, node)) return { type: 'integer' };
    node = propertyOf(root, itemsOf(root, node), seg);
  }
  return node;
}

export function suggestionFor(root: Schema, scopes: readonly Scope[], wanted: string): string | undefined {
  const candidates: string[] = [];
  for (const scope of scopes) {
    const collect = (node: Schema, prefix: string, depth: number) => {
      for (const name of propertyNames(root, itemsOf(root, node))) {
        const full = joinPath(prefix, name);
        candidates.push(full);
        const child = propertyOf(root, itemsOf(root, node), name);
        if (child && depth < 3 && !isArraySchema(root, child)) collect(child, full, depth + 1);
      }
    };
    collect(scope.schema, '', 0);
  }
  return candidates.length ? closest(wanted, candidates) : undefined;
}

function isObjectSchema(root: Schema, node: Schema): boolean {
  return (
    !isArraySchema(root, node) &&
    itemsOf(root, node) === node &&
    propertyNames(root, node).length > 0 &&
    !enumTitles(root, node)
  );
}

interface WalkContext {
  root: Schema;
  program: DocgenProgram;
  entry: DocumentEntry;
  part: string;
  issues: LintIssue[];
  used: Set<string>;
}

function checkFilterArgs(ctx: WalkContext, expr: TagExpression, issue: (m: string) => void): void {
  for (const f of expr.filters) {
    if (f.name === 'label') {
      const node = schemaAtPath(ctx.root, f.args[0] ?? '');
      if (!node || !enumTitles(ctx.root, node))
        issue(`过滤器 label 的参数“${f.args[0]}”不是数据结构中的枚举字段`);
    }
    if (f.name === 'ref') {
      let rows: unknown;
      try {
        rows = ctx.program.reference(f.args[0] ?? '');
      } catch {
        rows = undefined;
      }
      if (!Array.isArray(rows) || rows.length === 0) issue(`过滤器 ref 的参考数据“${f.args[0]}”不存在`);
    }
  }
}

function walk(ctx: WalkContext, parts: readonly StructuredPart[], scopes: readonly Scope[]): void {
  for (const part of parts) {
    if (part.type !== 'placeholder') continue;
    const isLoop = part.module === 'loop';
    const issue = (message: string, suggestion?: string) =>
      ctx.issues.push({
        severity: 'error',
        docId: ctx.entry.id,
        template: ctx.entry.template,
        part: ctx.part,
        tag: part.value,
        offset: part.offset,
        message,
        suggestion,
      });
    let expr: TagExpression;
    try {
      expr = parseTagExpression(part.value);
      checkFilters(expr);
    } catch (e) {
      issue(`标签“${part.value}”无法解析：${(e as Error).message}`);
      continue;
    }
    checkFilterArgs(ctx, expr, issue);
    let node: Schema | undefined;
    let owner: Scope | undefined;
    if (expr.index) {
      if (!scopes.some((s) => s.inArray)) issue('“$index”只能用在数组循环之内');
      node = { type: 'integer' };
    } else if (expr.path.length === 0) {
      owner = scopes[scopes.length - 1];
      node = owner?.schema;
    } else {
      for (let i = scopes.length - 1; i >= 0 && !node; i--) {
        node = resolveFrom(ctx.root, scopes[i]!, expr.path);
        if (node) owner = scopes[i];
      }
      if (!node) {
        const wanted = expr.path.join('.');
        const suggestion = suggestionFor(ctx.root, scopes, wanted);
        issue(
          `标签“${part.value}”在数据结构 ${ctx.entry.dataSchema} 中没有对应字段${suggestion ? `，是否应为“${suggestion}”？` : ''}`,
          suggestion,
        );
      }
    }
    const absolute = owner ? joinPath(owner.path, expr.path.join('.')) : undefined;
    if (absolute) ctx.used.add(absolute);
    if (!isLoop) {
      if (node && expr.filters.length === 0 && isObjectSchema(ctx.root, node)) {
        issue(`标签“${part.value}”是一个对象，不能直接打印；请指明其中的字段`);
      }
      continue;
    }
    // A loop over an array scopes to its items; a condition (a filter, or a scalar) keeps the scope.
    let child: Scope | undefined = scopes[scopes.length - 1];
    if (node && expr.filters.length === 0 && !part.inverted && absolute !== undefined) {
      if (isArraySchema(ctx.root, node))
        child = { path: absolute, schema: itemsOf(ctx.root, node), inArray: true };
      else if (isObjectSchema(ctx.root, node)) child = { path: absolute, schema: node, inArray: false };
    }
    walk(ctx, part.subparsed ?? [], child ? [...scopes, child] : scopes);
  }
}

/** Required fields, as dotted paths, descending into required objects and array items. */
function requiredPaths(root: Schema, node: Schema, prefix: string, depth = 0, out: string[] = []): string[] {
  if (depth > 6) return out;
  const target = itemsOf(root, node);
  const required = new Set<string>();
  for (const s of [target])
    if (Array.isArray(s.required)) for (const r of s.required) required.add(String(r));
  for (const name of required) {
    const full = joinPath(prefix, name);
    const child = propertyOf(root, target, name);
    if (child && (isObjectSchema(root, child) || isArraySchema(root, child))) {
      const before = out.length;
      requiredPaths(root, child, full, depth + 1, out);
      if (out.length === before) out.push(full);
    } else out.push(full);
  }
  return out;
}

export interface TemplateLint {
  issues: LintIssue[];
  /** Absolute data paths the template reads. */
  used: Set<string>;
}

export function lintTemplate(program: DocgenProgram, entry: DocumentEntry): TemplateLint {
  const issues: LintIssue[] = [];
  const used = new Set<string>();
  const fail = (message: string, extra: Partial<LintIssue> = {}) =>
    issues.push({ severity: 'error', docId: entry.id, template: entry.template, message, ...extra });
  const bytes = programFile(program, entry.template);
  if (!(bytes instanceof Uint8Array)) {
    fail(`找不到模板文件 ${entry.template}`);
    return { issues, used };
  }
  const root = program.json(entry.dataSchema) as Schema | undefined;
  if (!root || typeof root !== 'object') {
    fail(`找不到数据结构 ${entry.dataSchema}`);
    return { issues, used };
  }
  try {
    readZip(bytes);
  } catch (e) {
    if (e instanceof ZipFormatError) {
      fail(e.message);
      return { issues, used };
    }
    throw e;
  }
  const inspect = new InspectModule();
  try {
    new Docxtemplater(new PizZip(bytes), {
      modules: [inspect, new TextModule()],
      // Lint checks every expression itself, so that one bad tag does not hide the others.
      parser: () => ({ get: () => undefined }),
      paragraphLoop: true,
      errorLogging: false,
    });
  } catch (e) {
    for (const p of templateProblems(e, entry.template)) {
      fail(p.message, { part: p.part, tag: p.tag, offset: p.offset });
    }
    return { issues, used };
  }
  for (const part of Object.keys(inspect.fullInspected)) {
    const tags = inspect.getStructuredTags(part) as unknown as StructuredPart[];
    walk({ root, program, entry, part, issues, used }, tags, [{ path: '', schema: root, inArray: false }]);
  }
  return { issues, used };
}

/** Lints every document's template; required fields unused by all templates of a schema are warnings. */
export function lintTemplates(program: DocgenProgram): LintIssue[] {
  const issues: LintIssue[] = [];
  const usedBySchema = new Map<string, { used: Set<string>; entries: DocumentEntry[] }>();
  for (const entry of program.manifest.documents ?? []) {
    const result = lintTemplate(program, entry);
    issues.push(...result.issues);
    if (entry.html) issues.push(...lintHtmlTemplate(program, entry));
    const slot = usedBySchema.get(entry.dataSchema) ?? { used: new Set(), entries: [] };
    for (const u of result.used) slot.used.add(u);
    slot.entries.push(entry);
    usedBySchema.set(entry.dataSchema, slot);
  }
  for (const [schemaPath, { used, entries }] of usedBySchema) {
    const root = program.json(schemaPath) as Schema | undefined;
    if (!root || typeof root !== 'object') continue;
    const first = entries[0]!;
    for (const req of requiredPaths(root, root, '')) {
      const isUsed = [...used].some((u) => u === req || u.startsWith(`${req}.`));
      if (!isUsed) {
        issues.push({
          severity: 'warning',
          docId: entries.map((e) => e.id).join(','),
          template: first.template,
          message: `必填字段“${req}”（${schemaPath}）没有出现在任何模板中`,
        });
      }
    }
  }
  return issues;
}
