import { describe, expect, it } from 'vitest';
import { example, shipped } from '../../../test/support/programs';
import { fieldDifferences } from '../src/application/data-diff';
import { reconcile, sameJson } from '../src/application/reconcile';
import type { LocalCopy } from '../src/storage/db';

const copy = (over: Partial<LocalCopy>): LocalCopy => ({
  id: 'a1',
  programId: 'p',
  form: 'application',
  year: 2026,
  baseVersion: 3,
  synced: false,
  data: { applicant: { name: '本机' } },
  aside: [],
  savedAt: '2026-03-15T02:00:00.000Z',
  ...over,
});

describe('reconciling the local copy with the server on open', () => {
  const server = { version: 3, data: { applicant: { name: '服务器' } } };

  it('no copy, or a copy the server already has: the server is the truth', () => {
    expect(reconcile(undefined, server, true).kind).toBe('server');
    expect(reconcile(copy({ synced: true }), { ...server, version: 7 }, true).kind).toBe('server');
    // Unsynced but the very same data (keys in another order): nothing to choose.
    const same = copy({ data: { applicant: { name: '服务器' } } });
    expect(reconcile(same, { version: 9, data: { applicant: { name: '服务器' } } }, true).kind).toBe(
      'server',
    );
  });

  it('only this browser changed since its base version: its data is sent', () => {
    expect(reconcile(copy({}), server, true).kind).toBe('push');
  });

  it('both changed since the base version: the applicant chooses', () => {
    expect(reconcile(copy({}), { ...server, version: 4 }, true).kind).toBe('conflict');
  });

  it('the server no longer takes changes (submitted): the local changes are kept, not sent', () => {
    expect(reconcile(copy({}), server, false).kind).toBe('kept');
  });

  it('sameJson ignores key order and undefined members, not values', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
  });
});

describe('what differs between two versions, by field title', () => {
  it('names changed fields with their sections and rows, showing values as the form does', () => {
    const program = shipped();
    const schema = program.formSchema('application');
    const a = example<{
      applicant: Record<string, unknown>;
      capability: { cases: Record<string, unknown>[] };
    }>('application.json');
    const b = structuredClone(a);
    b.applicant.name = '东莞另一家科技有限公司';
    (b.capability.cases[1] as Record<string, unknown>).amount = 999;
    b.capability.cases.pop();
    const diffs = fieldDifferences(program, schema, a, b);
    const byPath = new Map(diffs.map((d) => [d.path, d]));
    const name = byPath.get('/applicant/name');
    expect(name?.a).toBe('东莞智造云图人工智能科技有限公司');
    expect(name?.b).toBe('东莞另一家科技有限公司');
    expect(name?.title).toMatch(/单位名称$/);
    const amount = byPath.get('/capability/cases/1/amount');
    expect(amount?.title).toMatch(/› 第2项 › /);
    expect(amount?.b).toBe('999');
    // The removed last row is one difference, not one per field.
    const last = a.capability.cases.length - 1;
    expect(byPath.get(`/capability/cases/${last}`)?.b).toBe('（无）');
    expect(diffs).toHaveLength(3);
  });
});
