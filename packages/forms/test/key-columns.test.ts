import { describe, expect, it } from 'vitest';
import { TEXT_CELL } from '../src/table/cell-kinds';
import type { Column } from '../src/table/columns';
import { keyColumnsOf } from '../src/table/columns';

type Kind = 'text' | 'longtext' | 'date' | 'select' | 'boolean' | 'multi';

const col = (key: string, kind: Kind, width = 160): Column => ({
  key: `/${key}`,
  title: key,
  kind,
  required: false,
  width,
  long: kind === 'longtext' || kind === 'multi',
  cell: TEXT_CELL.component,
  text: String,
});

const members = [
  col('name', 'text'),
  col('role', 'text'),
  col('education', 'select'),
  col('major', 'text'),
  col('contractStart', 'date', 140),
  col('contractEnd', 'date', 140),
  col('localSocialInsurance', 'boolean', 90),
];

describe('表格的关键列：紧凑行显示哪些列', () => {
  it('by default, the first three short columns; the rest go to the row form', () => {
    expect(keyColumnsOf(members, undefined).map((c) => c.key)).toEqual(['/name', '/role', '/education']);
    const long = [col('content', 'longtext', 240), col('client', 'text'), col('industries', 'multi', 190)];
    expect(keyColumnsOf([...long, ...members], undefined).map((c) => c.key)).toEqual([
      '/client',
      '/name',
      '/role',
    ]);
  });

  it('a narrow table (two columns) keeps every column in its rows and needs no form', () => {
    const corrections = [col('subject', 'text'), col('opinion', 'longtext', 240)];
    expect(keyColumnsOf(corrections, undefined)).toEqual(corrections);
  });

  it('the UI schema option keyColumns names them (property names or row-relative pointers), in its order', () => {
    expect(keyColumnsOf(members, ['contractEnd', '/name']).map((c) => c.key)).toEqual([
      '/contractEnd',
      '/name',
    ]);
    // Names that match nothing fall back to the default rather than to an empty row.
    expect(keyColumnsOf(members, ['nothing']).map((c) => c.key)).toEqual(['/name', '/role', '/education']);
  });
});
