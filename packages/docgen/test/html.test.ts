import { describe, expect, it } from 'vitest';
import { compileHtml, PRINT_STYLESHEET, renderHtml, withPrintStylesheet } from '../src/html.js';
import { fakeProgram } from './fake-program.js';

const base = { reference: () => [{ code: '1', name: '东城街道' }], enumTitles: () => undefined };

describe('HTML documents', () => {
  it('escapes by default and formats with the same filters as helpers', () => {
    const t = compileHtml(
      '<p>{{name}}</p><p>{{cnDate date}}</p><p>{{wan amount}}</p>{{#if (eq status "x")}}<b>是</b>{{/if}}',
    );
    const html = t(
      { name: '<script>alert(1)</script>&', date: '2026-09-24', amount: 1234.5, status: 'x' },
      base,
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
    expect(html).toContain('2026年9月24日');
    expect(html).toContain('1,234.50');
    expect(html).toContain('<b>是</b>');
  });

  it('prototype properties and methods are not reachable', () => {
    const t = compileHtml(
      '[{{constructor}}][{{__proto__}}][{{a.constructor.name}}][{{#with a}}{{toString}}{{/with}}]',
    );
    expect(t({ a: {} }, base)).toBe('[][][][]');
  });

  it('helpers not registered are refused at compile time (knownHelpersOnly)', () => {
    expect(() => compileHtml('{{#custom x}}{{/custom}}')({ x: 1 }, base)).toThrow();
  });

  it('adds the print stylesheet to a fragment or a full page', () => {
    expect(withPrintStylesheet('<p>x</p>', '公示')).toContain('@page { size: A4');
    expect(withPrintStylesheet('<html><head></head><body></body></html>', 't')).toMatch(
      /<style data-shenbao="print">[\s\S]*<\/head>/,
    );
    expect(PRINT_STYLESHEET).toContain('37mm 26mm 35mm 28mm');
  });

  it('renderHtml validates, renders the document’s .hbs and names missing ones', () => {
    const program = fakeProgram({
      documents: [
        {
          id: 'n',
          title: '公示',
          template: 't.docx',
          html: 'templates/n.hbs',
          dataSchema: 's.json',
          audience: 'bureau',
          when: '测试',
        },
        {
          id: 'm',
          title: '无网页',
          template: 't.docx',
          dataSchema: 's.json',
          audience: 'bureau',
          when: '测试',
        },
      ],
      files: {
        'templates/n.hbs': '<h1>{{title}}</h1>{{#each rows}}<p>{{cnOrdinal @index}}{{name}}</p>{{/each}}',
        's.json': {},
      },
    });
    const html = renderHtml(program, 'n', { title: '关于<公示>', rows: [{ name: '甲' }] });
    expect(html).toContain('<h1>关于&lt;公示&gt;</h1>');
    expect(html).toContain('<title>公示</title>');
    expect(() => renderHtml(program, 'm', {})).toThrow(/没有网页版模板/);
  });
});
