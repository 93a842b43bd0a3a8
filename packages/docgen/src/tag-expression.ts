// The tag language of docs/contracts.md: `path | filter:"arg" | filter`. A hand-written
// tokenizer rather than an expression engine: templates are edited by programme authors,
// and expression engines are where docxtemplater's RCE advisories came from.

import { FORBIDDEN_KEYS } from '@shenbao/core';

export interface FilterCall {
  name: string;
  args: string[];
}

export interface TagExpression {
  /** Segments of a dotted path; [] means the current scope (`.`). */
  path: string[];
  /** `$index`: the 1-based position in the innermost loop. */
  index: boolean;
  filters: FilterCall[];
  source: string;
}

export class TagSyntaxError extends Error {
  override name = 'TagSyntaxError';
}

const IDENT = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

// Word turns typed quotes into curly ones while a template is edited; accept both.
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '”': '”' };

function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of source) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = undefined;
    } else if (ch in QUOTES) {
      quote = QUOTES[ch];
      current += ch;
    } else if (ch === '|') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (quote) throw new TagSyntaxError(`引号未闭合：${source}`);
  parts.push(current);
  return parts;
}

function parseFilter(text: string, source: string): FilterCall {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim();
  if (!IDENT.test(name)) throw new TagSyntaxError(`过滤器名称无效“${name}”：${source}`);
  const args: string[] = [];
  let rest = colon < 0 ? '' : trimmed.slice(colon);
  while (rest.length > 0) {
    if (rest[0] !== ':') throw new TagSyntaxError(`过滤器参数格式错误：${source}`);
    rest = rest.slice(1).trimStart();
    const open = rest[0] ?? '';
    const close = QUOTES[open];
    if (close) {
      const end = rest.indexOf(close, 1);
      if (end < 0) throw new TagSyntaxError(`引号未闭合：${source}`);
      args.push(rest.slice(1, end));
      rest = rest.slice(end + 1).trimStart();
    } else {
      const m = /^[^:\s]+/.exec(rest);
      if (!m) throw new TagSyntaxError(`缺少过滤器参数：${source}`);
      args.push(m[0]);
      rest = rest.slice(m[0].length).trimStart();
    }
  }
  return { name, args };
}

export function parseTagExpression(source: string): TagExpression {
  const [head = '', ...rest] = splitTopLevel(source);
  const pathText = head.trim();
  let path: string[] = [];
  let index = false;
  if (pathText === '$index') index = true;
  else if (pathText !== '.' && pathText !== 'this') {
    path = pathText.split('.').map((s) => s.trim());
    for (const seg of path) {
      if (!IDENT.test(seg) || seg === '$index') throw new TagSyntaxError(`字段路径无效“${pathText}”`);
    }
  }
  return { path, index, filters: rest.map((f) => parseFilter(f, source)), source };
}

/**
 * Own-property walk; a forbidden key (core's key guard) or an inherited one (`__defineGetter__`
 * and the rest of Object.prototype) is missing.
 */
export function lookupPath(scope: unknown, path: readonly string[]): unknown {
  let current: unknown = scope;
  for (const seg of path) {
    if (current == null || typeof current !== 'object' || FORBIDDEN_KEYS.has(seg)) return undefined;
    if (!Object.hasOwn(current, seg)) return undefined;
    current = (current as Record<string, unknown>)[seg];
  }
  return current;
}
