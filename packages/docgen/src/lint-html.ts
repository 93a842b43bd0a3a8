// Lint of the Handlebars web-page templates: every path names a field of the document's data
// schema (`#each` scopes to the array's items) and every helper is one of our filters.

import Handlebars from 'handlebars';
import { FILTERS } from './filters.js';
import { joinPath, type LintIssue, resolveFrom, type Scope, suggestionFor } from './lint.js';
import type { DocgenProgram, DocumentEntry } from './program.js';
import { programFile } from './program.js';
import { isArraySchema, itemsOf, type Schema } from './schema-walk.js';

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

const BLOCKS = new Set(['each', 'if', 'unless', 'with']);

export function lintHtmlTemplate(program: DocgenProgram, entry: DocumentEntry): LintIssue[] {
  const issues: LintIssue[] = [];
  if (!entry.html) return issues;
  const issue = (message: string, tag?: string, suggestion?: string) =>
    issues.push({ severity: 'error', docId: entry.id, template: entry.html!, tag, message, suggestion });
  const file = programFile(program, entry.html);
  const root = program.json(entry.dataSchema) as Schema | undefined;
  if (file === undefined || !root) {
    issue(`找不到网页模板 ${entry.html} 或数据结构 ${entry.dataSchema}`);
    return issues;
  }
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(typeof file === 'string' ? file : new TextDecoder().decode(file));
  } catch (e) {
    issue(`网页模板无法解析：${(e as Error).message}`);
    return issues;
  }

  /** Resolves a path expression from the innermost scope outwards; reports it when nothing matches. */
  const resolve = (
    expr: Expression,
    scopes: readonly Scope[],
  ): { scope: Scope; schema: Schema } | undefined => {
    if (expr.type !== 'PathExpression') return undefined;
    const path = expr as hbs.AST.PathExpression;
    if (path.data) return undefined; // @index, @root …
    const current = scopes[scopes.length - 1]!;
    if (path.parts.length === 0) return { scope: current, schema: current.schema };
    for (let i = scopes.length - 1; i >= 0; i--) {
      const schema = resolveFrom(root, scopes[i]!, path.parts);
      if (schema) return { scope: scopes[i]!, schema };
    }
    const suggestion = suggestionFor(root, scopes, path.parts.join('.'));
    issue(
      `网页模板中的“${path.original}”在数据结构 ${entry.dataSchema} 中没有对应字段${suggestion ? `，是否应为“${suggestion}”？` : ''}`,
      path.original,
      suggestion,
    );
    return undefined;
  };

  const visit = (node: Node | null | undefined, scopes: readonly Scope[]): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const s of (node as hbs.AST.Program).body) visit(s, scopes);
        return;
      case 'MustacheStatement':
      case 'SubExpression': {
        const m = node as hbs.AST.MustacheStatement;
        const name = (m.path as hbs.AST.PathExpression).original;
        if (m.params.length === 0) {
          resolve(m.path, scopes);
          return;
        }
        if (!Object.hasOwn(FILTERS, name)) issue(`网页模板使用了未知的过滤器“${name}”`, name);
        for (const p of m.params) {
          if (p.type === 'SubExpression') visit(p, scopes);
          else resolve(p, scopes);
        }
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        if (!BLOCKS.has(name)) issue(`网页模板使用了不支持的区块“#${name}”`, name);
        const target = b.params[0] ? resolve(b.params[0], scopes) : undefined;
        let inner = scopes;
        if (target && b.params[0]?.type === 'PathExpression') {
          const at = joinPath(target.scope.path, (b.params[0] as hbs.AST.PathExpression).parts.join('.'));
          if (name === 'each' && isArraySchema(root, target.schema))
            inner = [...scopes, { path: at, schema: itemsOf(root, target.schema), inArray: true }];
          else if (name === 'with') inner = [...scopes, { path: at, schema: target.schema, inArray: false }];
        }
        visit(b.program, inner);
        visit(b.inverse, scopes);
        return;
      }
      default:
        return;
    }
  };
  visit(ast, [{ path: '', schema: root, inArray: false }]);
  return issues;
}
