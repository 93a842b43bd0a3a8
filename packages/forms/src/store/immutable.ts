/** Structural-sharing updates of plain JSON by pointer tokens: only the nodes on the path are copied. */

type Json = unknown;

const isIndex = (t: string): boolean => /^(0|[1-9]\d*)$/.test(t);

/** A copy of `root` with `value` at `tokens` (`undefined` removes an object key); creates missing containers. */
export function setIn(root: Json, tokens: readonly string[], value: Json, depth = 0): Json {
  if (depth === tokens.length) return value;
  const token = tokens[depth] as string;
  const nextIsIndex = depth + 1 < tokens.length && isIndex(tokens[depth + 1] as string);
  if (Array.isArray(root) && isIndex(token)) {
    const copy = root.slice();
    const child = setIn(copy[Number(token)] ?? (nextIsIndex ? [] : {}), tokens, value, depth + 1);
    copy[Number(token)] = child;
    return copy;
  }
  const obj =
    root !== null && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, Json>) : {};
  const copy: Record<string, Json> = { ...obj };
  const existing = Object.hasOwn(obj, token) ? obj[token] : undefined;
  const child = setIn(existing ?? (nextIsIndex ? [] : {}), tokens, value, depth + 1);
  if (child === undefined && depth + 1 === tokens.length) delete copy[token];
  else copy[token] = child;
  return copy;
}

export function getIn(root: Json, tokens: readonly string[]): Json {
  let n: Json = root;
  for (const t of tokens) {
    if (n === null || typeof n !== 'object') return undefined;
    if (Array.isArray(n)) {
      if (!isIndex(t)) return undefined;
      n = n[Number(t)];
    } else {
      if (!Object.hasOwn(n, t)) return undefined;
      n = (n as Record<string, Json>)[t];
    }
  }
  return n;
}
