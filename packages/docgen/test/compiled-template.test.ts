import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documents, EXAMPLES, exampleOf, ROOT } from '../../../test/support/document-examples.js';
import {
  type CompiledTemplate,
  compileTemplate as compile,
  renderCompiled,
  renderPublic,
  templateCompileCount,
} from '../src/compiled-template.js';
import { docxtemplaterEngine, FAST_PATH_VERSIONS, type RenderEngine } from '../src/docxtemplater-engine.js';
import { TemplateErrors } from '../src/errors.js';
import { findSoffice } from '../src/pdf.js';
import type { DocgenProgram } from '../src/program.js';
import { filterBase, render, templateBytes } from '../src/render.js';
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

const ENGINES: readonly RenderEngine[] = ['fast', 'public'];

describe.each(ENGINES)('compiled template (%s engine)', (engine) => {
  const compileTemplate = (bytes: Uint8Array, path: string) => compile(bytes, path, { engine });

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

  it.runIf(engine === 'fast')(
    'copies untouched entries byte for byte and re-deflates only the rendered part',
    () => {
      const t = compileTemplate(BOOK, 'book.docx');
      const out = readZip(renderCompiled(t, DATA));
      const src = new Map(readZip(BOOK).map((e) => [e.name, e]));
      for (const e of out) {
        const orig = src.get(e.name)!;
        if (e.name === 'word/document.xml') expect(e.crc32).not.toBe(orig.crc32);
        else expect(Buffer.from(e.compressed).equals(Buffer.from(orig.compressed))).toBe(true);
      }
    },
  );

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

  it.runIf(findSoffice() !== undefined && engine === 'fast')('the output converts in LibreOffice', () => {
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

// ---------------------------------------------------------------------------------------------
// The fast path against docxtemplater's public API (a fresh instance per document, same options
// and modules): every part of the package, for every template of every programme.

/** Every entry of a package by name, uncompressed. */
function packageParts(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

/**
 * Expects two packages to hold the same parts (by name: the public API writes them in its own order)
 * with the same bytes, with one normalisation: an empty `<w:t xml:space="preserve"></w:t>` of the
 * template is collapsed to `<w:t/>` by docxtemplater's space-preserve pass only where it sees the
 * element, and the fast path hands it static XML pre-encoded as one chunk (static-parts.ts). Both
 * are the same empty text run.
 */
function expectSamePackage(fast: Uint8Array, bare: Uint8Array, label: string): void {
  const a = packageParts(fast);
  const b = packageParts(bare);
  expect([...a.keys()].sort(), `${label}: part names`).toEqual([...b.keys()].sort());
  const decoder = new TextDecoder();
  const normalise = (bytes: Uint8Array) =>
    decoder.decode(bytes).replace(/<w:t xml:space="preserve"><\/w:t>/g, '<w:t/>');
  for (const [name, bytes] of a) {
    const other = b.get(name)!;
    if (Buffer.from(bytes).equals(Buffer.from(other))) continue;
    expect(name, `${label}: ${name} differs`).toMatch(/^word\/(document|header\d+|footer\d+)\.xml$/);
    expect(normalise(bytes), `${label}: ${name}`).toBe(normalise(other));
  }
}

function bothWays(t: { fast: CompiledTemplate; bare: CompiledTemplate }, data: unknown, options = {}) {
  return { fast: renderCompiled(t.fast, data, options), bare: renderPublic(t.bare, data, options) };
}

describe('the fast path gives the package docxtemplater’s public API gives', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it(`runs on the docxtemplater versions it was written for (${FAST_PATH_VERSIONS.join(', ')})`, () => {
    const installed = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', 'docxtemplater', 'package.json'), 'utf8'),
    );
    const forced = process.env.SHENBAO_DOCGEN_ENGINE === 'public';
    const supported = FAST_PATH_VERSIONS.includes(installed.version);
    expect(docxtemplaterEngine).toEqual({
      engine: supported && !forced ? 'fast' : 'public',
      installedVersion: installed.version,
      reason: forced ? 'forced' : supported ? 'supported-version' : 'unsupported-version',
    });
  });

  it('every document of every programme has an example here', () => {
    expect(documents.map((d) => d.name).filter((n) => !EXAMPLES[n])).toEqual([]);
    expect(documents.length).toBeGreaterThanOrEqual(10);
  });

  it.each(documents.map((d) => [d.name, d] as const))('%s: every part of the package', (name, d) => {
    const { data, year } = exampleOf(name);
    const program = d.program as unknown as DocgenProgram;
    // Validates the example and renders through the cached template, as callers do.
    const viaRender = render(program, d.entry.id, data, { year });
    const bytes = templateBytes(program, d.entry.template);
    const t = {
      fast: compile(bytes, d.entry.template, { engine: 'fast' }),
      bare: compile(bytes, d.entry.template, { engine: 'public' }),
    };
    const filters = filterBase(program, d.entry.dataSchema);
    const out = bothWays(t, data, { filters });
    expectSamePackage(out.fast, out.bare, name);
    expectSamePackage(viaRender, out.bare, `${name} via render()`);
    const dashed = bothWays(t, data, { filters, placeholder: '——' });
    expectSamePackage(dashed.fast, dashed.bare, `${name} with a placeholder`);
    expect(documentText(out.fast)).not.toMatch(/undefined|\[object Object\]|NaN/);
  });

  it('a drawing repeated by a loop: docxtemplater’s docPr fix numbers the ids 1…n, the same both ways', () => {
    const drawing = (id: number) =>
      `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/><wp:docPr id="${id}" name="Picture ${id}"/></wp:inline></w:drawing></w:r></w:p>`;
    const bytes = makeDocx(
      p('{#cases}') +
        p('{client}') +
        drawing(7) +
        p('{/cases}') +
        drawing(3) +
        rowLoop('cases', ['{client}', '{amount}']),
    );
    const t = {
      fast: compile(bytes, 'drawing.docx', { engine: 'fast' }),
      bare: compile(bytes, 'drawing.docx', { engine: 'public' }),
    };
    for (const cases of [DATA.cases, [], [...DATA.cases, ...DATA.cases]]) {
      const out = bothWays(t, { cases });
      expectSamePackage(out.fast, out.bare, `${cases.length} cases`);
      const ids = [...unzipText(out.fast)['word/document.xml']!.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
      expect(ids).toEqual(Array.from({ length: cases.length + 1 }, (_, i) => i + 1));
    }
  });

  it('SHENBAO_DOCGEN_ENGINE=public makes every template render through the public API, silently', async () => {
    vi.stubEnv('SHENBAO_DOCGEN_ENGINE', 'public');
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = await import('../src/compiled-template.js');
    const { docxtemplaterEngine: freshEngine } = await import('../src/docxtemplater-engine.js');
    expect(freshEngine).toMatchObject({ engine: 'public', reason: 'forced' });
    const t = fresh.compileTemplate(BOOK, 'book.docx');
    expect(t.engine).toBe('public');
    expect(t.fast).toBeUndefined();
    expectSamePackage(
      fresh.renderCompiled(t, DATA),
      renderCompiled(compile(BOOK, 'book.docx', { engine: 'fast' }), DATA),
      'forced',
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('a docxtemplater version the fast path was not written for: the public API, with one warning in Chinese', async () => {
    const builtin = process.getBuiltinModule.bind(process);
    const fakeModule = { ...builtin('node:module'), createRequire: () => () => ({ version: '3.99.0' }) };
    vi.stubEnv('SHENBAO_DOCGEN_ENGINE', '');
    vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) =>
      id === 'node:module' ? fakeModule : builtin(id)) as typeof process.getBuiltinModule);
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = await import('../src/compiled-template.js');
    const { docxtemplaterEngine: freshEngine } = await import('../src/docxtemplater-engine.js');
    expect(freshEngine).toMatchObject({
      engine: 'public',
      installedVersion: '3.99.0',
      reason: 'unsupported-version',
    });
    const a = fresh.compileTemplate(BOOK, 'book.docx');
    const b = fresh.compileTemplate(makeDocx(p('{note}')), 'note.docx');
    expect([a.engine, b.engine]).toEqual(['public', 'public']);
    expect(documentText(fresh.renderCompiled(b, { note: '正文' }))).toContain('正文');
    expectSamePackage(
      fresh.renderCompiled(a, DATA),
      renderCompiled(compile(BOOK, 'book.docx', { engine: 'fast' }), DATA),
      'fallback',
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/3\.99\.0.*3\.71\.0.*公开接口/s);
  });
});
