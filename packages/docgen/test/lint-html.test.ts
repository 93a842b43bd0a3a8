import { loadProgram } from '@shenbao/core';
import { describe, expect, it } from 'vitest';
import { shipped } from '../../../test/support/programs';
import { lintTemplates } from '../src';

/** The shipped programme with one HTML template replaced. */
function withHtml(path: string, source: string) {
  const files = new Map(shipped().files);
  files.set(path, source);
  return loadProgram(files);
}

const htmlErrors = (program: ReturnType<typeof withHtml>) =>
  lintTemplates(program).filter((i) => i.severity === 'error' && i.template.endsWith('.hbs'));

describe('lint of the HTML templates', () => {
  it('every shipped .hbs template resolves against its data schema', () => {
    expect(htmlErrors(shipped())).toEqual([]);
  });

  it('names a misspelt path and the nearest field', () => {
    const p = withHtml(
      'templates/publicity-notice.hbs',
      '{{#each centers}}<td>{{brnad}}</td>{{/each}}{{cnDate publicity.endDate}}',
    );
    const [issue, ...rest] = htmlErrors(p);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      template: 'templates/publicity-notice.hbs',
      tag: 'brnad',
      suggestion: 'brand',
    });
    expect(issue?.message).toContain('是否应为“brand”');
  });

  it('refuses an unknown helper and an unsupported block', () => {
    const p = withHtml('templates/publicity-notice.hbs', '{{shout year}}{{#lookup centers}}{{/lookup}}');
    expect(htmlErrors(p).map((i) => i.message)).toEqual([
      '网页模板使用了未知的过滤器“shout”',
      '网页模板使用了不支持的区块“#lookup”',
    ]);
  });
});
