import { describe, expect, it } from 'vitest';
import { lintTemplates } from '../src/lint.js';
import { fakeProgram } from './fake-program.js';
import { makeDocx, p, rowLoop } from './fixtures.js';

const schema = {
  type: 'object',
  required: ['applicant', 'cases', 'year'],
  properties: {
    year: { type: 'integer' },
    applicant: {
      type: 'object',
      required: ['name', 'creditCode'],
      properties: { name: { type: 'string' }, creditCode: { type: 'string' }, town: { type: 'string' } },
    },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['client'],
        properties: { client: { type: 'string' }, amount: { type: 'number' } },
      },
    },
    hall: { type: 'object', properties: { status: { type: 'string', enum: ['built', 'committed'] } } },
  },
};

function lint(body: string) {
  const program = fakeProgram({
    documents: [
      {
        id: 'book',
        title: '申请书',
        template: 'templates/book.docx',
        dataSchema: 'book.schema.json',
        audience: 'applicant',
        when: '测试',
      },
    ],
    files: { 'templates/book.docx': makeDocx(body), 'book.schema.json': schema },
    reference: { towns: [{ code: '1', name: '东城街道' }] },
  });
  return lintTemplates(program);
}

describe('template lint', () => {
  it('a template whose tags all resolve passes; loops scope to array items; $index allowed', () => {
    const issues = lint(
      p('{year}年 {applicant.name} {applicant.creditCode} {applicant.town | ref:"towns"}') +
        rowLoop('cases', ['{$index | cnOrdinal}', '{client}', '{amount | wan}', '{applicant.name}']) +
        p('{#hall.status | eq:"committed"}承诺{/}{hall.status | label:"hall.status"}'),
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a misspelt tag fails, naming template, tag and the nearest field', () => {
    const issues = lint(p('{applicant.nmae}') + rowLoop('cases', ['{clinet}', '{amount}']));
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      template: 'templates/book.docx',
      tag: 'applicant.nmae',
      suggestion: 'applicant.name',
    });
    expect(errors[0]!.message).toContain('applicant.nmae');
    expect(errors[1]).toMatchObject({ tag: 'clinet', suggestion: 'client' });
  });

  it('unknown filters, bad filter arguments and $index outside a loop are errors', () => {
    const errors = lint(
      p('{year | shout}{$index}{applicant.town | ref:"nowhere"}{year | label:"year"}'),
    ).filter((i) => i.severity === 'error');
    const text = errors.map((e) => e.message).join('\n');
    expect(text).toContain('未知的过滤器“shout”');
    expect(text).toContain('$index');
    expect(text).toContain('nowhere');
    expect(text).toContain('label');
  });

  it('printing a whole object is an error', () => {
    expect(lint(p('{applicant}')).some((i) => i.severity === 'error' && i.tag === 'applicant')).toBe(true);
  });

  it('required fields no template uses are warnings', () => {
    const warnings = lint(p('{applicant.name}')).filter((i) => i.severity === 'warning');
    const text = warnings.map((w) => w.message).join('\n');
    expect(text).toContain('applicant.creditCode');
    expect(text).toContain('cases.client');
    expect(text).toContain('year');
    expect(text).not.toContain('“applicant.name”');
  });

  it('template syntax errors come out as lint errors', () => {
    const errors = lint(p('{#cases}{client}')).filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.tag).toBe('cases');
  });
});
