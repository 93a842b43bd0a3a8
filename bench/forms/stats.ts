/** Small statistics helpers for the browser benchmark. */

/** Nearest-rank percentile (p in 0..100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Length of the longest common subsequence: characters of `typed` that reached `shown`, in order. */
export function commonSubsequence(typed: string, shown: string): number {
  const a = Array.from(typed);
  const b = Array.from(shown);
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const ch of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++)
      current[j] =
        b[j - 1] === ch
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number);
    previous = current;
  }
  return previous[b.length] as number;
}
