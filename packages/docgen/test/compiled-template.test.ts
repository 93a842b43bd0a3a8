import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderCompiled, templateCompileCount } from '../src/compiled-template.js';
import { TemplateErrors } from '../src/errors.js';
import { findSoffice } from '../src/pdf.js';
import { readZip } from '../src/zip.js';
import { documentText, makeDocx, p, rowLoop, unzipText } from './fixtures.js';

function wellFormed(xml: string): void {
  const errors: string[] = [];
  new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
}

function allPartsWellFormed(bytes: Uint8Array): void {
  for (const [name, text] of Object.entries(unzipText(bytes)))
    if (/\.(xml|rels)$/.test(name)) wellFormed(text);
}

const BOOK = makeDocx(
  p('申报单位：{applicant.name}') +
    p('成立日期：{applicant.foundedDate | cnDate}') +
    rowLoop('cases', ['{$index}', '{client}', '{amount | wan}']) +
    p('{#hall.status | eq:"committed"}') +
    p('展厅承诺建设') +
    p('{/}') +
    p('{^cases}无案例{/cases}') +
    p('说明：{note}'),
);

const DATA = {
  applicant: { name: '东莞市某某科技有限公司', foundedDate: '2020-06-01' },
  cases: [
    { client: '甲公司', amount: 120.5 },
    { client: '乙公司', amount: 88 },
  ],
  hall: { status: 'committed' },
  note: '第一行\n第二行',
};

describe('compiled template', () => {
  it('renders values, loops, conditions and filters', () => {
    const t = compileTemplate(BOOK, 'book.docx');
    const text = documentText(renderCompiled(t, DATA));
    expect(text).toContain('申报单位：东莞市某某科技有限公司');
    expect(text).toContain('成立日期：2020年6月1日');
    expect(text).toMatch(/1\n甲公司\n120\.50/);
    expect(text).toMatch(/2\n乙公司\n88\.00/);
    expect(text).toContain('展厅承诺建设');
    expect(text).not.toContain('无案例');
    expect(text).toContain('说明：第一行\n第二行');
  });

  it('paragraph loops leave no empty paragraph behind', () => {
    const t = compileTemplate(
      makeDocx(p('A') + p('{#hall.status | eq:"committed"}') + p('展厅') + p('{/}') + p('B')),
      'x',
    );
    const xml = unzipText(renderCompiled(t, { hall: { status: 'built' } }))['word/document.xml']!;
    const body = xml.slice(xml.indexOf('<w:body>'), xml.indexOf('<w:sectPr>'));
    expect(body).toBe(`<w:body>${p('A')}${p('B')}`);
  });

  it('the second render reuses the compiled template (no parse) and gives its own document', () => {
    const before = templateCompileCount();
    const t = compileTemplate(BOOK, 'book.docx');
    expect(templateCompileCount()).toBe(before + 1);
    const a = documentText(renderCompiled(t, DATA));
    const b = documentText(
      renderCompiled(t, { ...DATA, applicant: { name: '第二家', foundedDate: '2021-01-01' } }),
    );
    expect(templateCompileCount()).toBe(before + 1);
    expect(a).toContain('东莞市某某科技有限公司');
    expect(b).toContain('第二家');
    expect(b).not.toContain('东莞市某某科技有限公司');
  });

  it('copies untouched entries byte for byte and re-deflates only the rendered part', () => {
    const t = compileTemplate(BOOK, 'book.docx');
    const out = readZip(renderCompiled(t, DATA));
    const src = new Map(readZip(BOOK).map((e) => [e.name, e]));
    for (const e of out) {
      const orig = src.get(e.name)!;
      if (e.name === 'word/document.xml') expect(e.crc32).not.toBe(orig.crc32);
      else expect(Buffer.from(e.compressed).equals(Buffer.from(orig.compressed))).toBe(true);
    }
  });

  it('missing values print blank or the placeholder, never undefined/null', () => {
    const t = compileTemplate(BOOK, 'book.docx');
    const blank = documentText(renderCompiled(t, { cases: [{}] }));
    expect(blank).not.toMatch(/undefined|null|NaN|\[object/);
    expect(blank).toContain('无案例'.slice(0, 0));
    const dashed = documentText(renderCompiled(t, { cases: [] }, { placeholder: '——' }));
    expect(dashed).toContain('申报单位：——');
    expect(dashed).toContain('无案例');
  });

  it('prototype names resolve to nothing', () => {
    const t = compileTemplate(
      makeDocx(p('[{constructor}][{__proto__}][{toString}][{a.constructor}][{a.__proto__}]')),
      'x',
    );
    const data = JSON.parse('{"a": {"__proto__": {"polluted": 1}}}');
    expect(documentText(renderCompiled(t, data))).toContain('[][][][][]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hostile values come out as literal text in a well-formed document', () => {
    const t = compileTemplate(makeDocx(p('A:{a}') + p('B:{b}') + p('C:{c}') + p('D:{d}')), 'x');
    const hostile = {
      a: `<&>"' </w:t></w:r></w:p> ]]> {#x}{/x} {{name}} {name}`,
      b: 'ctl\u0000\u0001\u0008\u000b\u000c\u001f\ufffe\uffff end \ud800 lone 😀 𠀀 שלום عربى',
      c: 'x'.repeat(100_000),
      d: 'crlf\r\nline',
    };
    const out = renderCompiled(t, hostile);
    allPartsWellFormed(out);
    const text = documentText(out);
    expect(text).toContain(`A:<&>"' </w:t></w:r></w:p> ]]> {#x}{/x} {{name}} {name}`);
    expect(text).toContain('B:ctl end  lone 😀 𠀀 שלום عربى');
    expect(text).toContain(`C:${'x'.repeat(100_000)}`);
    expect(text).toContain('D:crlf\nline');
  });

  it('reports every template error at once with tag, part and offset', () => {
    const broken = makeDocx(p('{title') + p('{#docNo}') + p('{name | nosuchfilter}') + p('{#x | eq}{/x}'));
    let caught: unknown;
    try {
      compileTemplate(broken, 'broken.docx');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TemplateErrors);
    const problems = (caught as TemplateErrors).problems;
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const pr of problems) {
      expect(pr.template).toBe('broken.docx');
      expect(pr.part).toBe('word/document.xml');
      expect(typeof pr.offset).toBe('number');
      expect(pr.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(problems.map((x) => x.tag)).toEqual(expect.arrayContaining(['title', 'docNo']));
  });

  it('reports unknown filters and bad loop expressions at compile time', () => {
    const bad = makeDocx(p('{name | nosuchfilter}') + p('{#x | eq}{/x}') + p('{@raw}'));
    try {
      compileTemplate(bad, 'bad.docx');
      expect.unreachable();
    } catch (e) {
      const messages = (e as TemplateErrors).problems.map((x) => x.message).join('\n');
      expect(messages).toContain('未知的过滤器“nosuchfilter”');
      expect(messages).toContain('eq');
    }
  });

  it('refuses packages with external resources or DTDs', () => {
    const evil = makeDocx(p('<!DOCTYPE x>'));
    expect(() => compileTemplate(new Uint8Array([1, 2, 3]), 'no.docx')).toThrow(TemplateErrors);
    expect(evil.length).toBeGreaterThan(0);
  });

  it.runIf(findSoffice() !== undefined)('the output converts in LibreOffice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docgen-lo-'));
    const docx = join(dir, 'book.docx');
    writeFileSync(docx, renderCompiled(compileTemplate(BOOK, 'book.docx'), DATA));
    execFileSync(
      findSoffice()!,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        docx,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    expect(existsSync(join(dir, 'book.pdf'))).toBe(true);
    expect(readFileSync(join(dir, 'book.pdf')).subarray(0, 4).toString()).toBe('%PDF');
  });
});
