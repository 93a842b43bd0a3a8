import { isVisible, type UISchemaElement } from '@jsonforms/core';
import type { Program } from '@shenbao/core';
import { isUnder, scopeToPointer } from '../pointer';

export type Ajv = Program['validator']['ajv'];

interface Element {
  type?: string;
  scope?: string;
  elements?: Element[];
  rule?: unknown;
}

/** Data pointers of every control under an element. */
export function controlPointers(el: unknown, base = ''): string[] {
  const out: string[] = [];
  const stack: Element[] = [el as Element];
  while (stack.length > 0) {
    const e = stack.pop() as Element;
    if (!e || typeof e !== 'object') continue;
    if (typeof e.scope === 'string') out.push(scopeToPointer(e.scope, base));
    if (Array.isArray(e.elements)) stack.push(...e.elements);
  }
  return out;
}

/** Pointers a rule condition reads, so a layout can subscribe to exactly those. */
export function conditionPointers(condition: unknown, base = ''): string[] {
  if (!condition || typeof condition !== 'object') return [];
  const c = condition as { scope?: unknown; conditions?: unknown[] };
  const own = typeof c.scope === 'string' ? [scopeToPointer(c.scope, base)] : [];
  const nested = Array.isArray(c.conditions) ? c.conditions.flatMap((x) => conditionPointers(x, base)) : [];
  return [...own, ...nested];
}

/** Is this element shown for this data? (JSON Forms' own rule semantics.) */
export function elementVisible(el: unknown, data: unknown, ajv: Ajv): boolean {
  const e = el as Element;
  if (!e?.rule) return true;
  return isVisible(e as UISchemaElement, data, '', ajv as never, undefined);
}

/**
 * Pointers hidden by a SHOW/HIDE rule for this data. Their errors are not shown and do not
 * block submission: what the applicant cannot see, they cannot fix.
 */
export function hiddenPointers(uischema: unknown, data: unknown, ajv: Ajv): string[] {
  const hidden: string[] = [];
  const walk = (el: Element): void => {
    if (!el || typeof el !== 'object') return;
    if (el.rule && !elementVisible(el, data, ajv)) {
      hidden.push(...controlPointers(el));
      return;
    }
    if (Array.isArray(el.elements)) for (const c of el.elements) walk(c);
  };
  walk(uischema as Element);
  return hidden;
}

export function isHidden(pointer: string, hidden: readonly string[]): boolean {
  for (const h of hidden) if (isUnder(pointer, h)) return true;
  return false;
}
