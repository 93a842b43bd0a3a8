/** RFC 6901 JSON pointers over plain JSON values, own properties only. */

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  if (!pointer.startsWith('/')) throw new Error(`Invalid JSON pointer: ${pointer}`);
  const tokens = pointer.slice(1).split('/');
  // Most tokens hold no escape: unescaping only those that do keeps a form's first render (a few
  // hundred pointers parsed) from running two regular expressions per token.
  return pointer.includes('~') ? tokens.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : tokens;
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => `/${escapeToken(String(t))}`).join('');
}

const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);

/** Value at `pointer`, or undefined. Never walks into the prototype chain. */
export function getPointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else {
      if (!hasOwn(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    }
  }
  return node;
}
