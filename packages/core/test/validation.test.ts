import { describe, expect, it } from 'vitest';
import { invalidData, invalidExpected, invalidNames } from '../../../test/support/invalid';
import { example, readJson, shipped } from '../../../test/support/programs';
import { guardData, isClosed } from '../src';

const fixtures = invalidNames();

describe('invalid fixtures (a patch over a valid document each)', () => {
  it('has at least 20 of them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures)('%s gives exactly its expected errors', (name) => {
    const expected = invalidExpected(name);
    const result = shipped().validate({ form: expected.form, year: expected.year }, invalidData(name));
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(expected.errors);
  });

  it.each(fixtures)('%s: the document it patches is valid', (name) => {
    const { base, form, year } = invalidExpected(name);
    const data = readJson(base);
    expect(shipped().validate({ form, year }, data).errors).toEqual([]);
  });
});

describe('validation of the shipped examples', () => {
  it('第六条/第八条: examples/application.json is valid for 2026', () => {
    expect(shipped().validate({ form: 'application', year: 2026 }, example('application.json'))).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('第八条（三）: a committed hall needs no completion date or tenure (hidden fields are not required)', () => {
    const data = example('application-hall-committed.json');
    expect(shipped().validate({ form: 'application', year: 2026 }, data).valid).toBe(true);
  });

  it('第八条（三）: a built hall needs no planned date', () => {
    const data = example<{ hall: Record<string, unknown> }>('application.json');
    expect(data.hall.plannedDate).toBeUndefined();
    expect(shipped().validate({ form: 'application', year: 2026 }, data).valid).toBe(true);
  });

  it('validates the self-assessment, the 2027 targets draft and every targets file', () => {
    const p = shipped();
    expect(p.validate({ form: 'self-assessment' }, example('self-assessment.json')).errors).toEqual([]);
    expect(p.validate({ form: 'targets' }, example('targets-2027.json')).errors).toEqual([]);
    for (const year of p.targetYears())
      expect(p.validate({ form: 'targets' }, p.targets(year)).errors).toEqual([]);
  });
});

describe('messages', () => {
  it('name the field by its title, never a raw ajv sentence', () => {
    const data = example<{ applicant: Record<string, unknown> }>('application.json');
    data.applicant.creditCode = '91441900MA5H7K2Q4Q';
    const [error] = shipped().validate({ form: 'application', year: 2026 }, data).errors;
    expect(error).toEqual({
      path: '/applicant/creditCode',
      keyword: 'format',
      message: '「统一社会信用代码」校验位错误',
    });
  });

  it('never contain English ajv phrases for any fixture', () => {
    for (const name of fixtures) {
      const { errors } = invalidExpected(name);
      for (const e of errors) expect(e.message).not.toMatch(/must|should|NOT|property/);
    }
  });
});

describe('targets overlay (第七条: the call sets the requirements)', () => {
  it('puts each year minimum on the commitment fields', () => {
    const p = shipped();
    const t2026 = p.targets(2026) as { commitments: { softwareRevenue: { minimum: number } } };
    const schema = p.schemaFor({ form: 'application', year: 2026 }) as {
      properties: { commitments: { properties: { softwareRevenue: { minimum: number } } } };
    };
    expect(schema.properties.commitments.properties.softwareRevenue.minimum).toBe(
      t2026.commitments.softwareRevenue.minimum,
    );
  });

  it('leaves the base schema untouched', () => {
    const p = shipped();
    p.schemaFor({ form: 'application', year: 2026 });
    const base = p.formSchema('application') as {
      properties: { commitments: { properties: { softwareRevenue: { minimum: number } } } };
    };
    expect(base.properties.commitments.properties.softwareRevenue.minimum).toBe(0);
  });

  it('a staff draft of 2027 targets raises the bar without a code change', () => {
    const p = shipped();
    const targets = example('targets-2027.json');
    const data = example<{ commitments: { softwareRevenue: number } }>('application.json');
    data.commitments.softwareRevenue = 1100; // meets 2026 (1000), not the 2027 draft (1200)
    expect(p.validate({ form: 'application', year: 2026 }, data).valid).toBe(true);
    const result = p.validate({ form: 'application', targets }, data);
    // The draft also asks for 4 success cases where the example has 3: a list's minimum is a schema rule too.
    expect(result.errors.map((e) => e.path)).toEqual(['/capability/cases', '/commitments/softwareRevenue']);
    expect(result.errors[0]?.message).toContain('4');
    expect(result.errors[1]?.message).toContain('1200');
  });

  it('第六条（二）: the 2026 call narrows 63–65 to 64–65', () => {
    const data = example<{ applicant: Record<string, unknown> }>('application.json');
    data.applicant.industryCode = '6311';
    const errors = shipped().validate({ form: 'application', year: 2026 }, data).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('64、65');
    expect(shipped().validate({ form: 'application' }, data).valid).toBe(true);
  });
});

describe('compiled once and cached', () => {
  it('returns the same validator and the same year schema on repeated use', () => {
    const p = shipped();
    const s1 = p.schemaFor({ form: 'application', year: 2026 });
    const s2 = p.schemaFor({ form: 'application', year: 2026 });
    expect(s1).toBe(s2);
    expect(p.validator.compile(s1)).toBe(p.validator.compile(s2));
  });
});

describe('hostile data', () => {
  it('rejects __proto__ and constructor keys anywhere', () => {
    const data = JSON.parse('{"applicant":{"__proto__":{"polluted":true}}}');
    const result = shipped().validate({ form: 'application', year: 2026 }, data);
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(guardData(JSON.parse('[{"a":{"constructor":{}}}]'))?.path).toBe('/0/a/constructor');
  });

  it('handles 10,000 levels of nesting without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    const result = shipped().validate({ form: 'application', year: 2026 }, { applicant: deep });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.keyword).toBe('depth');
  });

  it('refuses a 10 MB string by its maxLength with a zh message', () => {
    const data = example<{ applicant: Record<string, unknown> }>('application.json');
    data.applicant.name = 'x'.repeat(10 * 1024 * 1024);
    const result = shipped().validate({ form: 'application', year: 2026 }, data);
    expect(result.errors).toEqual([
      { path: '/applicant/name', keyword: 'maxLength', message: '「申报单位名称」不能超过100个字符' },
    ]);
  });

  it('keeps control characters as data (they are refused or removed where documents are made)', () => {
    const data = example<{ center: Record<string, unknown> }>('application.json');
    data.center.positioning = 'a\u0000b\u0007c';
    expect(shipped().validate({ form: 'application', year: 2026 }, data).valid).toBe(true);
  });

  it('every shipped form schema is closed, so valid data cannot carry unknown keys', () => {
    const p = shipped();
    for (const form of Object.keys(p.manifest.forms)) expect(isClosed(p.formSchema(form))).toBe(true);
  });
});
