import { describe, expect, it } from 'vitest';
import { DocgenError, DocgenValidationError } from '../src/errors.js';
import { render } from '../src/render.js';
import { clearTemplateCache, templateCacheStats } from '../src/template-cache.js';
import { fakeProgram } from './fake-program.js';
import { documentText, makeDocx, p } from './fixtures.js';

const schema = {
  type: 'object',
  required: ['unit', 'functions'],
  definitions: {
    fn: {
      type: 'string',
      oneOf: [
        { const: 'case-display', title: '应用案例展示' },
        { const: 'training', title: '人员培训' },
      ],
    },
  },
  properties: {
    unit: { type: 'object', properties: { name: { type: 'string' }, town: { type: 'string' } } },
    functions: { type: 'array', items: { $ref: '#/definitions/fn' } },
    ground: { type: 'integer' },
    period: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
  },
};

function programWith(body: string, validate?: Parameters<typeof fakeProgram>[0]['validate']) {
  return fakeProgram({
    documents: [
      {
        id: 'notice',
        title: '公告',
        template: 'templates/notice.docx',
        dataSchema: 'documents/notice.schema.json',
        audience: 'bureau',
        when: '测试',
      },
    ],
    files: { 'templates/notice.docx': makeDocx(body), 'documents/notice.schema.json': schema },
    reference: { towns: [{ code: '441900003', name: '东城街道' }] },
    validate,
  });
}

const data = {
  unit: { name: '某公司', town: '441900003' },
  functions: ['case-display', 'training'],
  ground: 3,
  period: { from: '2026-05-06', to: '2026-05-12' },
};

describe('render()', () => {
  it('validates first with the document’s schema file and throws core’s zh errors', () => {
    const program = programWith(p('{unit.name}'), () => [
      { path: '/unit', keyword: 'required', message: '「单位」为必填项' },
    ]);
    expect(() => render(program, 'notice', {})).toThrow(DocgenValidationError);
    try {
      render(program, 'notice', {});
    } catch (e) {
      expect((e as DocgenValidationError).errors[0]!.message).toBe('「单位」为必填项');
    }
    expect(program.validated[0]).toEqual({ file: 'documents/notice.schema.json' });
  });

  it('a document built on a form is validated as that form for the year', () => {
    const program = fakeProgram({
      documents: [
        {
          id: 'book',
          title: '申请书',
          template: 'templates/book.docx',
          dataSchema: 'application.schema.json',
          audience: 'applicant',
          when: '测试',
        },
      ],
      files: { 'templates/book.docx': makeDocx(p('{x}')), 'application.schema.json': { type: 'object' } },
      forms: { application: { schema: 'application.schema.json' } },
    });
    render(program, 'book', { x: 1 }, { year: 2026 });
    expect(program.validated[0]).toEqual({ form: 'application', year: 2026 });
  });

  it('ref, label, join, articleRef and cnDateRange read the programme’s data', () => {
    const program = programWith(
      p(
        '{unit.town | ref:"towns"}|{functions | label:"functions" | join:"、"}|{ground | articleRef:"14"}|{period | cnDateRange}|{period.from | cnDateRange:"to"}',
      ),
    );
    const text = documentText(render(program, 'notice', data));
    expect(text).toContain(
      '东城街道|应用案例展示、人员培训|第十四条第(三)项|2026年5月6日至2026年5月12日|2026年5月6日至2026年5月12日',
    );
  });

  it('an unknown document names the ones that exist', () => {
    expect(() => render(programWith(p('x')), 'nope', {})).toThrow(DocgenError);
    expect(() => render(programWith(p('x')), 'nope', {})).toThrow(/notice/);
  });

  it('compiles each template once per content (cache keyed by programme, path and hash)', () => {
    clearTemplateCache();
    const program = programWith(p('{unit.name}'));
    render(program, 'notice', data);
    render(program, 'notice', data);
    render(program, 'notice', data);
    expect(templateCacheStats()).toMatchObject({ misses: 1, hits: 2, size: 1 });
    const changed = programWith(p('改：{unit.name}'));
    expect(documentText(render(changed, 'notice', data))).toContain('改：某公司');
    expect(templateCacheStats().misses).toBe(2);
  });
});
