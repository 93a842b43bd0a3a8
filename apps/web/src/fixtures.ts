import { getPointer } from '@shenbao/core';
import bench from './fixtures/bench.json';

// The examples (~35 KB) are part of this chunk, so a page that starts loading it early (main.tsx) has
// a fixture's data as soon as the chunk is in, not after a second request made once the form asks.
const examples = import.meta.glob<string>('../../../examples/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface FixtureSpec {
  example: string;
  expand: Record<string, number>;
}

/** Repeats the rows of a list until it has `n`, making the first free-text field of each copy distinct. */
export function expandRows(rows: unknown[], n: number): unknown[] {
  if (rows.length === 0) return rows;
  const out = rows.slice(0, n);
  for (let i = out.length; i < n; i++) {
    const copy = structuredClone(rows[i % rows.length]) as Record<string, unknown>;
    const first = Object.keys(copy).find((k) => typeof copy[k] === 'string');
    if (first && typeof copy[first] === 'string') copy[first] = `${copy[first]}（${i + 1}）`;
    out.push(copy);
  }
  return out;
}

function setAt(root: unknown, pointer: string, value: unknown): void {
  const tokens = pointer.split('/').slice(1);
  const last = tokens.pop() as string;
  const parent = getPointer(root, tokens.length ? `/${tokens.join('/')}` : '') as Record<string, unknown>;
  parent[last] = value;
}

/**
 * The data of a named fixture for a programme, or undefined when it has none: `bench`, or
 * `bench<N>` with its longest list made N rows long (`bench500`: how costs grow with rows).
 */
export function fixtureData(name: string, programId: string): unknown {
  const named = /^bench(\d+)?$/.exec(name);
  if (!named) return undefined;
  const rows = named[1] === undefined ? undefined : Number(named[1]);
  const longest = largestList(programId);
  const spec = (bench.programmes as Record<string, FixtureSpec | undefined>)[programId];
  if (!spec) return undefined;
  const text = examples[`../../../examples/${spec.example}`];
  if (text === undefined) return undefined;
  const data = JSON.parse(text) as unknown;
  for (const [pointer, n] of Object.entries(spec.expand)) {
    const list = getPointer(data, pointer);
    if (Array.isArray(list)) setAt(data, pointer, expandRows(list, pointer === longest && rows ? rows : n));
  }
  return data;
}

/** The array pointer of the fixture with the most rows: the wizard opens on its step. */
export function largestList(programId: string): string | undefined {
  const spec = (bench.programmes as Record<string, FixtureSpec | undefined>)[programId];
  if (!spec) return undefined;
  return Object.entries(spec.expand).sort((a, b) => b[1] - a[1])[0]?.[0];
}
