// docxtemplater's `parser` option for our tag language. docxtemplater calls it once per tag
// at compile time and caches the result on the compiled template, so parsing cost is paid
// once per template, not per document.

import type { DXT } from 'docxtemplater';
import { FILTERS, type FilterContext } from './filters.js';
import { toText } from './safe-text.js';
import { lookupPath, parseTagExpression, type TagExpression, TagSyntaxError } from './tag-expression.js';
import { TEXT_MODULE } from './text-module.js';

export type FilterBase = Omit<FilterContext, 'lookup'>;

interface RuntimeContext {
  num: number;
  scopeList: unknown[];
  scopePathItem: number[];
  scopeTypes?: unknown[];
}

/** Throws TagSyntaxError for an unknown filter or a wrong number of arguments. */
export function checkFilters(expr: TagExpression): void {
  for (const f of expr.filters) {
    if (!Object.hasOwn(FILTERS, f.name)) throw new TagSyntaxError(`未知的过滤器“${f.name}”`);
    const spec = FILTERS[f.name]!;
    if (f.args.length < spec.minArgs || f.args.length > spec.maxArgs) {
      throw new TagSyntaxError(`过滤器“${f.name}”的参数个数应为 ${spec.minArgs}–${spec.maxArgs} 个`);
    }
  }
}

function resolveInScopes(ctx: RuntimeContext, path: readonly string[]): unknown {
  for (let i = Math.min(ctx.num, ctx.scopeList.length - 1); i >= 0; i--) {
    const v = path.length === 0 ? ctx.scopeList[i] : lookupPath(ctx.scopeList[i], path);
    if (v != null) return v;
  }
  return undefined;
}

/** `$index`: 1-based position in the innermost loop over an array (sections do not count). */
function loopIndex(ctx: RuntimeContext): number | undefined {
  const types = ctx.scopeTypes ?? [];
  for (let i = ctx.scopePathItem.length - 1; i >= 0; i--) {
    if (types[i] === undefined || types[i] === 'array') return ctx.scopePathItem[i]! + 1;
  }
  return undefined;
}

/** `base` is read at render time, so one compiled template serves any programme instance. */
export function createTagParser(base: () => FilterBase, onParse?: () => void) {
  return (tag: string, meta?: { tag?: DXT.Part }): DXT.Parser => {
    onParse?.();
    const part = meta?.tag;
    if (part?.module === 'rawxml') throw new TagSyntaxError('模板不允许使用原始 XML 标签 {@…}');
    const expr = parseTagExpression(tag);
    checkFilters(expr);
    const printsText = !part?.module || part.module === TEXT_MODULE;
    return {
      get(_scope: unknown, context: DXT.ParserContext): unknown {
        const ctx = context as unknown as RuntimeContext;
        let value = expr.index ? loopIndex(ctx) : resolveInScopes(ctx, expr.path);
        if (expr.filters.length > 0) {
          const parent = expr.path.length > 1 ? resolveInScopes(ctx, expr.path.slice(0, -1)) : undefined;
          const fctx: FilterContext = {
            ...base(),
            lookup: (p) => {
              const segs = p.split('.');
              return (
                (parent === undefined ? undefined : lookupPath(parent, segs)) ?? resolveInScopes(ctx, segs)
              );
            },
          };
          for (const f of expr.filters) value = FILTERS[f.name]!.apply(value, f.args, fctx);
        }
        return printsText ? toText(value) : value;
      },
    };
  };
}
