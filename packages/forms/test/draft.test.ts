import { describe, expect, it } from 'vitest';
import { type Draft, migrateDraft, parseDraftFile, skeleton, splitUnknown } from '../src/draft/draft';
import type { SchemaNode } from '../src/schema';

const schema: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  required: ['applicant', 'rows'],
  properties: {
    applicant: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'contact'],
      properties: {
        name: { type: 'string' },
        contact: { type: 'object', additionalProperties: false, properties: { phone: { type: 'string' } } },
      },
    },
    rows: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
    },
    note: { type: 'object', properties: {} },
  },
};

const draft = (data: unknown, schemaVersion = '2025.1'): Draft => ({
  format: 'shenbao-draft',
  key: 'p/f',
  programId: 'p',
  form: 'f',
  schemaVersion,
  data,
  aside: [],
});

describe('drafts survive a schema change', () => {
  it('a new draft has the required sections, so errors name fields', () => {
    expect(skeleton(schema)).toEqual({ applicant: { contact: {} } });
  });

  it('fields the schema no longer has are kept aside, with their path', () => {
    const { data, aside } = splitUnknown(schema, {
      applicant: { name: 'x', fax: '0769' },
      rows: [{ a: '1', old: true }],
    });
    expect(data).toEqual({ applicant: { name: 'x' }, rows: [{ a: '1' }] });
    expect(aside).toEqual([
      { path: '/applicant/fax', value: '0769' },
      { path: '/rows/0/old', value: true },
    ]);
  });

  it('migration stamps the new version and remembers where aside fields came from', () => {
    const m = migrateDraft(draft({ applicant: { name: 'x', fax: '1' } }), schema, '2026.1');
    expect(m.schemaVersion).toBe('2026.1');
    expect(m.aside).toEqual([{ path: '/applicant/fax', value: '1', fromVersion: '2025.1' }]);
    expect(m.data).toEqual({ applicant: { name: 'x', contact: {} } });
  });

  it('aside fields are not lost by a second migration', () => {
    const once = migrateDraft(draft({ applicant: { fax: '1' } }), schema, '2026.1');
    const twice = migrateDraft(once, schema, '2026.2');
    expect(twice.aside).toHaveLength(1);
  });

  it('open objects keep unknown keys', () => {
    expect(splitUnknown(schema, { note: { free: 1 } }).aside).toEqual([]);
  });
});

describe('importing a draft file', () => {
  const expect_ = { programId: 'p', form: 'f' };
  it('refuses what is not JSON, in Chinese', () => {
    expect(parseDraftFile('{', expect_)).toEqual({
      message: '文件内容无法识别，无法导入（请选择本系统导出的草稿文件）',
    });
  });
  it('refuses a draft of another programme', () => {
    const r = parseDraftFile(JSON.stringify({ ...draft({}), programId: 'other' }), expect_);
    expect('message' in r && r.message).toContain('other');
  });
  it('accepts bare application data', () => {
    const r = parseDraftFile('{"applicant":{"name":"x"}}', expect_);
    expect('draft' in r && r.draft.data).toEqual({ applicant: { name: 'x' } });
  });
  it('rejects forbidden keys', () => {
    const r = parseDraftFile('{"__proto__":{"x":1}}', expect_);
    expect('message' in r).toBe(true);
  });
});
