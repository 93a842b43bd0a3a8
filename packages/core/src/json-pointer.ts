/** RFC 6901 JSON pointers over plain JSON values, own properties only. */

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  if (!pointer.startsWith('/')) throw new Error(`Invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
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
