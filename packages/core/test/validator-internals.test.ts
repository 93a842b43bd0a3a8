import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt } from '../../../test/support/programs';
import { isClosed, lintProgram, loadProgram, SchemaCompileError, SchemaValidator } from '../src';
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

describe('JSON Schema as draft-07 says', () => {
  const verdicts = (schema: Parameters<SchemaValidator['validate']>[0], values: unknown[]): boolean[] => {
    const v = new SchemaValidator();
    return values.map((d) => v.validate(schema, d).valid);
  };

  it('keeps the root $id: references relative to it resolve', () => {
    const schema = {
      $id: 'http://example.com/root.json',
      type: 'object',
      properties: { n: { $ref: 'node' } },
      definitions: { node: { $id: 'node', type: 'integer' } },
    };
    expect(verdicts(schema, [{ n: 1 }, { n: 'a' }])).toEqual([true, false]);
    const urn = {
      $id: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed',
      type: 'object',
      properties: { n: { $ref: '#/definitions/n' } },
      definitions: { n: { type: 'string' } },
    };
    expect(verdicts(urn, [{ n: 'a' }, { n: 1 }])).toEqual([true, false]);
  });

  it('compiles several schemas with the same $ids (several years of one form) in one validator', () => {
    const year = (min: number) => ({
      $id: 'https://example.com/application.json',
      type: 'object',
      properties: { n: { $id: 'n.json', type: 'integer', minimum: min } },
    });
    const v = new SchemaValidator();
    expect(v.validate(year(1), { n: 1 }).valid).toBe(true);
    expect(v.validate(year(5), { n: 1 }).valid).toBe(false);
    expect(v.validate(year(1), { n: 1 }).valid).toBe(true);
  });

  it('a pointer through an outlined object still resolves', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'integer' } } } } },
        copy: { $ref: '#/properties/a/properties/b' },
        deep: { $ref: '#/properties/a/properties/b/properties/c' },
      },
    };
    expect(verdicts(schema, [{ copy: { c: 1 }, deep: 2 }, { copy: { c: 'x' } }, { deep: 'x' }])).toEqual([
      true,
      false,
      false,
    ]);
    // The input is not changed by outlining.
    expect(schema.properties.copy.$ref).toBe('#/properties/a/properties/b');
  });

  it('a reference inside a nested $id scope resolves in that scope', () => {
    const schema = {
      $id: 'http://example.com/outer.json',
      type: 'object',
      definitions: { n: { type: 'string' } },
      properties: {
        inner: {
          $id: 'http://example.com/inner.json',
          type: 'object',
          definitions: { n: { type: 'integer' } },
          properties: { x: { type: 'object', properties: { y: { $ref: '#/definitions/n' } } } },
        },
      },
    };
    expect(verdicts(schema, [{ inner: { x: { y: 1 } } }, { inner: { x: { y: 'a' } } }])).toEqual([
      true,
      false,
    ]);
  });

  it('boolean schemas: true admits anything, false nothing, at the root and inside', () => {
    expect(verdicts(true, [1, 'a', null, {}])).toEqual([true, true, true, true]);
    expect(verdicts(false, [1, 'a', null, {}])).toEqual([false, false, false, false]);
    const inner = { type: 'object', properties: { never: false, any: true } };
    expect(verdicts(inner, [{ any: [1] }, { never: 1 }])).toEqual([true, false]);
    expect(new SchemaValidator().validate(false, 1).errors).toHaveLength(1);
  });
});

describe('the key guard holds whatever the schema', () => {
  const hostile = (): unknown[] => [
    JSON.parse('{"x":[{"__proto__":1}]}'),
    JSON.parse('{"x":[{"constructor":{}}]}'),
    JSON.parse('{"__proto__":{"polluted":true}}'),
    JSON.parse('[{"prototype":1}]'),
  ];
  const open = [
    { type: 'object', properties: { x: { type: 'array', items: {} } }, additionalProperties: false },
    { type: 'object', properties: { x: { type: 'array', items: true } }, additionalProperties: false },
    { type: 'object', properties: { x: { type: 'array' } }, additionalProperties: false },
    { type: 'object', properties: { x: { anyOf: [{ type: 'array' }, { type: 'string' }] } } },
    { type: 'object', patternProperties: { '^_': { type: 'integer' } }, additionalProperties: false },
    { type: 'object', properties: { x: { not: { type: 'string' } } }, additionalProperties: false },
    {
      type: 'object',
      properties: { x: { $ref: '#/definitions/list' } },
      additionalProperties: false,
      definitions: { list: { type: 'array', items: { $ref: '#/definitions/list' } } },
    },
  ];

  it.each(open.map((s, i) => [i, s]))('open schema %i: not closed, forbidden keys refused', (_i, schema) => {
    expect(isClosed(schema)).toBe(false);
    const v = new SchemaValidator();
    for (const data of hostile()) expect(v.validate(schema, data).valid).toBe(false);
    expect(v.validate(true, hostile()[0]).errors[0]?.keyword).toBe('forbiddenKey');
  });

  it('closed schemas: false, consts, typed lists of closed objects', () => {
    expect(isClosed(false)).toBe(true);
    expect(isClosed(true)).toBe(false);
    expect(
      isClosed({
        type: 'array',
        items: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
      }),
    ).toBe(true);
    expect(isClosed({ enum: [1, 'a', { a: 1 }] })).toBe(true);
    expect(
      isClosed(
        JSON.parse(
          '{"type":"object","properties":{"__proto__":{"type":"string"}},"additionalProperties":false}',
        ),
      ),
    ).toBe(false);
  });
});

describe('a valid draft-07 schema the strict rules refuse gets a Chinese message saying what to add', () => {
  const refusal = (schema: Record<string, unknown>): SchemaCompileError => {
    try {
      new SchemaValidator().compile(schema);
    } catch (e) {
      if (e instanceof SchemaCompileError) return e;
      throw e;
    }
    throw new Error('compiled');
  };

  it('minimum without type: add "type": "number" or "integer", at the path the author wrote', () => {
    const e = refusal({
      type: 'object',
      properties: { team: { type: 'object', properties: { size: { title: '团队人数', minimum: 1 } } } },
    });
    expect(e.rule).toBe('missingType');
    expect(e.message).toBe(
      '#/properties/team/properties/size 处使用了“minimum”，但没有写明类型：请在同一处加上 "type": "number" 或 "integer"',
    );
    expect(e.detail).toContain('strict mode');
  });

  it.each([
    [
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], maxProperties: 2, items: {} },
      'missingType',
      '"type": "array"',
    ],
    [{ type: ['integer', 'string'] }, 'unionType', '"anyOf"'],
    [{ type: 'array', items: [{ type: 'string' }] }, 'tupleLength', '"minItems": 1'],
    [JSON.parse('{"type":"string","then":{"minLength":1}}'), 'ignoredKeyword', '“if”'],
    [{ type: 'string', maxLenght: 3 }, 'unknownKeyword', '“maxLenght”'],
    [{ type: 'string', format: 'idn-email' }, 'unknownFormat', '“idn-email”'],
    [{ $ref: 'other.json' }, 'unresolvedRef', '“other.json”'],
    [
      { allOf: [{ $id: 'x.json', $ref: '#/definitions/a' }], definitions: { a: { type: 'string' } } },
      'refBesideId',
      '"$id"',
    ],
  ])('%j → %s', (schema, rule, hint) => {
    const e = refusal(schema);
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(hint);
    expect(e.message).not.toContain('strict mode');
  });
});

describe('program lint names what a refused schema needs', () => {
  it('a field with minimum and no type: the lint message says to add the type, in Chinese', () => {
    const program = programAt(MINI_DIR);
    const file = Object.values(program.manifest.forms)[0]?.schema;
    if (!file) throw new Error('the mini programme has a form');
    const schema = structuredClone(program.json(file)) as { properties: Record<string, unknown> };
    schema.properties.headcount = { title: '人数', minimum: 1 };
    const files = new Map(program.files);
    files.set(file, JSON.stringify(schema));
    const problems = lintProgram(loadProgram(files)).filter((p) => p.file === file);
    expect(problems.map((p) => p.message)).toEqual([
      '无法编译：#/properties/headcount 处使用了“minimum”，但没有写明类型：请在同一处加上 "type": "number" 或 "integer"',
    ]);
  });
});
