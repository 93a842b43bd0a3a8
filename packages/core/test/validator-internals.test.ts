import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../src';
import { outlineSchema } from '../src/validation/outline';
import { codePoints } from '../src/validation/string-length';

describe('string length counts characters (code points), as JSON Schema says', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['东莞', 2],
    ['𠀀', 1],
    ['a😀b', 3],
    ['\ud800', 1],
  ])('%j has %i characters', (s, n) => {
    expect(codePoints(s)).toBe(n);
  });

  it('maxLength and minLength accept and refuse exactly at the limit, with astral characters', () => {
    const v = new SchemaValidator();
    const schema = { title: '名称', type: 'string', minLength: 2, maxLength: 3 };
    expect(v.validate(schema, '𠀀😀').valid).toBe(true);
    expect(v.validate(schema, '𠀀😀𠀀').valid).toBe(true);
    expect(v.validate(schema, '𠀀😀𠀀😀').errors).toEqual([
      { path: '', keyword: 'maxLength', message: '「名称」不能超过3个字符' },
    ]);
    expect(v.validate(schema, '😀').errors).toEqual([
      { path: '', keyword: 'minLength', message: '「名称」至少需要2个字符' },
    ]);
    expect(v.validate({ ...schema, minLength: 1 }, '').errors[0]?.message).toBe('「名称」不能为空');
  });
});

describe('outlineSchema', () => {
  const schema = {
    type: 'object',
    properties: {
      a: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] },
      list: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer' } } } },
    },
  };

  it('moves nested object schemas into definitions and keeps the root', () => {
    const o = outlineSchema(schema) as {
      properties: Record<string, { $ref?: string; items?: { $ref: string } }>;
      definitions: Record<string, unknown>;
    };
    expect(o.properties.a?.$ref).toMatch(/^#\/definitions\/__outlined\d+$/);
    expect(o.properties.list?.items?.$ref).toMatch(/^#\/definitions\/__outlined\d+$/);
    expect(Object.keys(o.definitions)).toHaveLength(2);
  });

  it('validates exactly as the original, with the same error paths', () => {
    const v = new SchemaValidator();
    const data = { a: {}, list: [{ c: 1 }, { c: 'x' }] };
    expect(v.validate(schema, data).errors.map((e) => [e.path, e.keyword])).toEqual([
      ['/a/b', 'required'],
      ['/list/1/c', 'type'],
    ]);
  });
});
