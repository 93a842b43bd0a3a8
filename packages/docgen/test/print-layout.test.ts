/**
 * The print pass (GB/T 9704 7.4, 7.5): a document whose layout ends on an odd page gets the box kept at
 * the foot of its 版心 (the 版记) moved to a last section that starts on an even page, with empty footers.
 * Here the package's structure; the pages themselves are measured in test/documents/pages.test.ts.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documents, exampleOf } from '../../../test/support/document-examples.js';
import { imprintOnEvenPage, pdfPageCount, printPass } from '../src/print-layout.js';
import type { DocgenProgram } from '../src/program.js';
import { render } from '../src/render.js';

const generated = (name: string) => {
  const doc = documents.find((d) => d.name === name)!;
  const { data, year } = exampleOf(name);
  return render(doc.program as unknown as DocgenProgram, doc.entry.id, data, { year });
};
/** A document of the shipped programme by its id. */
const shipped = (id: string) => documents.find((d) => d.entry.id === id)!.name;
const xml = (bytes: Uint8Array, part: string) => strFromU8(unzipSync(bytes)[part]!);
/** A PDF skeleton with `n` page objects, written the way LibreOffice writes them. */
const pdfOf = (n: number) =>
  new TextEncoder().encode(
    `%PDF-1.6\n1 0 obj\n<</Type/Pages/Kids[]/Count ${n}>>\nendobj\n` +
      Array.from({ length: n }, (_, i) => `${i + 2} 0 obj\n<</Type/Page/Parent 1 0 R>>\nendobj\n`).join(''),
  );

const bureau = documents.filter((d) => xml(generated(d.name), 'word/document.xml').includes('<wp:anchor'));

describe('imprintOnEvenPage', () => {
  it('finds the 版记 box in the four bureau notices and nothing to move elsewhere', () => {
    expect(bureau.map((d) => d.entry.id).sort()).toEqual(
      ['failure-notice', 'publicity-notice', 'recognition-notice', 'revocation-announcement'].sort(),
    );
    for (const d of documents.filter((x) => !bureau.includes(x)))
      expect(imprintOnEvenPage(generated(d.name)), d.name).toBeUndefined();
  });

  it.each(bureau.map((d) => d.name))('%s: the box ends the document in a section of its own', (name) => {
    const before = generated(name);
    const after = imprintOnEvenPage(before)!;
    const body = xml(after, 'word/document.xml');
    const sections = [...body.matchAll(/<w:sectPr[ >][\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    const [text, imprint] = sections as [string, string];
    // The text's section keeps the page numbers; the 版记's starts on an even page with an empty footer.
    expect(text).not.toContain('evenPage');
    expect(imprint).toContain('<w:type w:val="evenPage"/>');
    const rels = xml(after, 'word/_rels/document.xml.rels');
    const footerIds = [...imprint.matchAll(/<w:footerReference [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(footerIds).size).toBe(1);
    const target = new RegExp(`Id="${footerIds[0]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    const footer = xml(after, `word/${target}`);
    expect(footer).not.toMatch(/PAGE|<w:t[ >]/);
    expect(xml(after, '[Content_Types].xml')).toContain(`/word/${target}`);
    // The last paragraph holds the box and nothing else; every character of the text is still there.
    const last = body.slice(body.lastIndexOf('<w:p>', body.indexOf('<wp:anchor')));
    expect(last.indexOf('<w:sectPr')).toBeGreaterThan(last.indexOf('</w:drawing>'));
    const chars = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(chars(body)).toBe(chars(xml(before, 'word/document.xml')));
    // Once moved, there is nothing more to move.
    expect(imprintOnEvenPage(after)).toBeUndefined();
  });

  it('leaves a document without a box at the foot of the 版心 alone', () => {
    expect(imprintOnEvenPage(generated(shipped('application-book')))).toBeUndefined();
  });
});

describe('printPass', () => {
  it('counts the pages of a PDF as LibreOffice writes them', () => {
    expect(pdfPageCount(pdfOf(5))).toBe(5);
    expect(pdfPageCount(pdfOf(1))).toBe(1);
    expect(pdfPageCount(new TextEncoder().encode('not a pdf'))).toBeUndefined();
  });

  it('lays a document out again only when it ends on an odd page and has a 版记 to move', () => {
    const notice = generated(shipped('recognition-notice'));
    expect(printPass(notice, pdfOf(4))).toBeUndefined();
    expect(printPass(notice, pdfOf(5))).toBeInstanceOf(Uint8Array);
    expect(printPass(generated(shipped('application-book')), pdfOf(5))).toBeUndefined();
    expect(printPass(notice, new Uint8Array())).toBeUndefined();
  });
});
