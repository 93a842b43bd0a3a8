import { describe, expect, it } from 'vitest';
import {
  applyOverlays,
  childSchema,
  labelFor,
  propertyNames,
  resolveSchemaPointer,
  type SchemaNode,
  SchemaValidator,
  schemaAt,
  schemaHasPath,
} from '../src';

// One schema of every shape the walker must read: a field behind `$ref`, one in `allOf`, one in
// `if/then`, one in `else`, array items (a tuple too), an open map and boolean schemas.
const schema: SchemaNode = {
  type: 'object',
  title: '申请书',
  definitions: {
    money: { type: 'number', title: '金额（万元）' },
    contact: { type: 'object', properties: { phone: { type: 'string', title: '联系电话' } } },
  },
  properties: {
    kind: { type: 'string', enum: ['a', 'b'], title: '类型' },
    revenue: { $ref: '#/definitions/money', title: '营业收入（万元）' },
    contact: { $ref: '#/definitions/contact' },
    cases: {
      type: 'array',
      title: '成功案例',
      items: { type: 'object', properties: { client: { title: '客户名称' } } },
    },
    pair: {
      type: 'array',
      items: [{ title: '起' }, { title: '止' }],
      minItems: 2,
      maxItems: 2,
      additionalItems: false,
    },
    scores: { type: 'object', additionalProperties: { type: 'number', title: '得分' } },
    anything: true,
  },
  allOf: [{ properties: { team: { type: 'integer', title: '团队人数' } } }],
  if: { properties: { kind: { const: 'a' } } },
  // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword in a schema literal, never awaited
  then: { properties: { patents: { type: 'integer', title: '专利数（件）' } }, required: ['patents'] },
  else: { properties: { reason: { type: 'string', title: '说明' } } },
};

describe('one schema walker', () => {
  it('names a field by its title wherever the schema declares it', () => {
    expect(labelFor(schema, '/revenue')).toBe('「营业收入（万元）」');
    expect(labelFor(schema, '/contact/phone')).toBe('「联系电话」');
    expect(labelFor(schema, '/team')).toBe('「团队人数」');
    expect(labelFor(schema, '/patents')).toBe('「专利数（件）」');
    expect(labelFor(schema, '/reason')).toBe('「说明」');
    expect(labelFor(schema, '/cases/1/client')).toBe('「成功案例」第2项「客户名称」');
    expect(labelFor(schema, '/pair/1')).toBe('「pair」第2项');
    expect(schemaAt(schema, '/pair/1')?.title).toBe('止');
    expect(schemaAt(schema, '/scores/专家甲')?.title).toBe('得分');
  });

  it('keeps the title beside a $ref over the target’s, and reads boolean schemas', () => {
    expect(childSchema(schema, schema, 'revenue')).toMatchObject({
      type: 'number',
      title: '营业收入（万元）',
    });
    expect(schemaAt(schema, '/anything')).toEqual({});
    expect(schemaAt(schema, '/pair/2')).toEqual({ not: {} });
    expect(schemaAt(schema, '/nothing')).toBeUndefined();
    expect(propertyNames(schema, schema)).toEqual(
      expect.arrayContaining(['kind', 'revenue', 'team', 'patents', 'reason']),
    );
  });

  it('lint finds data paths in branches; schema pointers follow $ref to the node itself', () => {
    expect(schemaHasPath(schema, '/patents')).toBe(true);
    expect(schemaHasPath(schema, '/cases/-/client')).toBe(true);
    expect(schemaHasPath(schema, '/cases/-/nobody')).toBe(false);
    const definitions = schema.definitions as Record<string, SchemaNode>;
    expect(resolveSchemaPointer(schema, '/properties/contact/properties/phone')).toBe(
      (definitions.contact as SchemaNode & { properties: Record<string, SchemaNode> }).properties.phone,
    );
    expect(resolveSchemaPointer(schema, '/allOf/0/properties/team')?.title).toBe('团队人数');
    expect(resolveSchemaPointer(schema, '/properties/missing')).toBeUndefined();
  });

  it('an overlay through a $ref lands in the definition; core’s message names the then-field', () => {
    const overlay = {
      form: 'application',
      schemaPath: '/properties/contact/properties/phone',
      op: 'set' as const,
      keyword: 'maxLength',
      from: '/max',
    };
    const { schema: year, problems } = applyOverlays(schema, 'application', [overlay], { max: 20 });
    expect(problems).toEqual([]);
    const phoneIn = (s: SchemaNode) =>
      (s.definitions as Record<string, { properties: Record<string, SchemaNode> }>).contact?.properties.phone;
    expect(phoneIn(year)?.maxLength).toBe(20);
    expect(phoneIn(schema)?.maxLength).toBeUndefined();

    const r = new SchemaValidator().validate(schema, { kind: 'a' });
    expect(r.errors.map((e) => e.message).join('\n')).toContain('专利数（件）');
  });
});
