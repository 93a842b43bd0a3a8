import { escapeToken, parsePointer } from '@shenbao/core';

const cache = new Map<string, readonly string[]>();

/** Pointer → tokens, memoised (pointers of a form are a small, fixed-ish set). */
export function tokensOf(pointer: string): readonly string[] {
  let t = cache.get(pointer);
  if (!t) {
    t = parsePointer(pointer);
    if (cache.size > 50_000) cache.clear();
    cache.set(pointer, t);
  }
  return t;
}

export function pointerOf(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(String(t))}`).join('');
}

export function childPointer(base: string, token: string | number): string {
  return `${base}/${escapeToken(String(token))}`;
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

export function lastToken(pointer: string): string {
  const t = tokensOf(pointer);
  return t[t.length - 1] ?? '';
}

/** `#/properties/a/properties/b` → `/a/b`, appended to `base`. `#` alone is the base. */
export function scopeToPointer(scope: string, base = ''): string {
  const tokens = scope.replace(/^#\/?/, '').split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = decodeURIComponent(tokens[i] as string)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    if (t === 'properties' && i + 1 < tokens.length) {
      out.push(
        decodeURIComponent(tokens[i + 1] as string)
          .replace(/~1/g, '/')
          .replace(/~0/g, '~'),
      );
      i++;
    } else if (t === 'items') {
      // An item scope without an index cannot address data; callers add the index.
    }
  }
  return base + pointerOf(out);
}

/** True when `pointer` equals `prefix` or lies under it. */
export function isUnder(pointer: string, prefix: string): boolean {
  return pointer === prefix || prefix === '' || pointer.startsWith(`${prefix}/`);
}

/** A DOM id for a field: stable, unique per pointer. */
export function fieldId(pointer: string): string {
  return `f${pointer.replace(/[^A-Za-z0-9-]/g, (c) => (c === '/' ? '_' : `-${c.charCodeAt(0).toString(16)}`))}`;
}
