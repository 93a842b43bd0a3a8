import { describe, expect, it } from 'vitest';
import { dropIndex } from '../src/table/row-drag';

/** Applies a move as the store does: take the row out, put it back at `to`. */
function move<T>(rows: T[], from: number, to: number): T[] {
  const out = rows.slice();
  const [row] = out.splice(from, 1);
  out.splice(to, 0, row as T);
  return out;
}

describe('dropIndex: where a dragged row lands', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'];
  it('dropped before a row further down, it lands just above that row', () => {
    expect(move(rows, 0, dropIndex(0, 3, 'before'))).toEqual(['b', 'c', 'a', 'd', 'e']);
  });
  it('dropped after a row further down, it lands just below that row', () => {
    expect(move(rows, 0, dropIndex(0, 3, 'after'))).toEqual(['b', 'c', 'd', 'a', 'e']);
  });
  it('dropped before or after a row further up', () => {
    expect(move(rows, 4, dropIndex(4, 1, 'before'))).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(move(rows, 4, dropIndex(4, 1, 'after'))).toEqual(['a', 'b', 'e', 'c', 'd']);
  });
  it('to the very top and the very bottom', () => {
    expect(move(rows, 2, dropIndex(2, 0, 'before'))).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(move(rows, 2, dropIndex(2, 4, 'after'))).toEqual(['a', 'b', 'd', 'e', 'c']);
  });
  it('dropped on its own edges or its neighbours facing edges, it stays', () => {
    expect(dropIndex(2, 2, 'before')).toBe(2);
    expect(dropIndex(2, 2, 'after')).toBe(2);
    expect(dropIndex(2, 1, 'after')).toBe(2);
    expect(dropIndex(2, 3, 'before')).toBe(2);
  });
});
