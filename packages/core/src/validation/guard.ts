/**
 * Structural limits checked before data reaches anything that merges or renders it.
 * Iterative, so hostile nesting cannot overflow the stack.
 */

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface GuardLimits {
  maxDepth: number;
  maxNodes: number;
}

export const DEFAULT_LIMITS: GuardLimits = { maxDepth: 64, maxNodes: 1_000_000 };

export interface GuardProblem {
  path: string;
  keyword: 'forbiddenKey' | 'depth' | 'size';
  message: string;
}

const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** First structural problem of `data`, or undefined. */
export function guardData(data: unknown, limits: GuardLimits = DEFAULT_LIMITS): GuardProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: data, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (value === null || typeof value !== 'object') continue;
    if (++nodes > limits.maxNodes)
      return { path, keyword: 'size', message: `数据项过多（超过${limits.maxNodes}个），请检查文件` };
    if (depth >= limits.maxDepth)
      return { path, keyword: 'depth', message: `数据嵌套层级过深（超过${limits.maxDepth}层），请检查文件` };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key))
        return { path: `${path}/${esc(key)}`, keyword: 'forbiddenKey', message: `不允许使用字段名“${key}”` };
      stack.push({
        value: (value as Record<string, unknown>)[key],
        path: `${path}/${esc(key)}`,
        depth: depth + 1,
      });
    }
  }
  return undefined;
}
