/**
 * The warm PDF converter (issue 13, "PDF without the wait"): one LibreOffice kept running serves PDF
 * after PDF; killed in the middle of a run, it is restarted and no PDF is lost; where python3-uno is
 * missing the cold path still makes the PDF. Every PDF still prints every character of its document.
 * Needs libreoffice-writer-nogui, python3-uno and poppler-utils (scripts/system-deps.sh).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docxToPdf,
  findUnoPython,
  pdfPageCount,
  stopPdfConverters,
  warmConverterFor,
} from '@shenbao/docgen/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, firstLostCharacter, missingCharacters, pdfStreamText } from './helpers/layout';
import { FONTS_CONF, requireTools } from './helpers/pdf';
import { documentIds, renderDocument } from './helpers/render';

const dir = mkdtempSync(join(tmpdir(), 'shenbao-warm-pdf-'));

function expectEveryCharacter(name: string, docx: Uint8Array, pdf: Uint8Array): void {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const paragraphs = docxParagraphs(docx);
  const text = pdfStreamText(file);
  expect(missingCharacters(paragraphs, text), `${name}: characters missing from the PDF`).toEqual({});
  expect(firstLostCharacter(paragraphs, text), `${name}: first character not printed in its place`).toBe(
    undefined,
  );
}

beforeAll(() => {
  requireTools();
  if (!findUnoPython()) {
    throw new Error(
      'python3-uno not found: the warm converter needs it. Install with: apt-get install python3-uno',
    );
  }
});
afterAll(() => stopPdfConverters());

describe('warm PDF converter', () => {
  it('20 PDFs in a row, the office killed in the middle: all 20 produced, every character printed', async () => {
    const ids = documentIds();
    const docs = Array.from({ length: 20 }, (_, i) => {
      const id = ids[i % ids.length]!;
      return { name: `${String(i).padStart(2, '0')}-${id}`, docx: renderDocument(id) };
    });
    const converter = warmConverterFor({ fontsConf: FONTS_CONF });
    expect(converter, 'python3-uno and soffice found, so the warm path is used').toBeDefined();
    const startsBefore = converter!.starts;
    const pdfs: Uint8Array[] = [];
    let killed: number | undefined;
    for (const [i, { docx }] of docs.entries()) {
      const pending = docxToPdf(docx, { fontsConf: FONTS_CONF });
      if (i === 10) {
        // A crash while a job is on its way.
        killed = converter!.officePid;
        expect(killed, 'the office is running after ten PDFs').toBeDefined();
        process.kill(killed!, 'SIGKILL');
      }
      pdfs.push(await pending);
    }
    expect(pdfs).toHaveLength(20);
    for (const [i, pdf] of pdfs.entries()) {
      expect(new TextDecoder().decode(pdf.subarray(0, 5)), `${docs[i]!.name} is a PDF`).toBe('%PDF-');
      expectEveryCharacter(docs[i]!.name, docs[i]!.docx, pdf);
    }
    // One office for the first ten, one more after the kill: warm, not a start per PDF.
    expect(converter!.starts - startsBefore).toBeLessThanOrEqual(2);
    expect(converter!.officePid).not.toBe(killed);
  }, 900_000);

  // The 认定名单通知's example fills page 4 with its table: the first layout puts the 版记 alone on page 5,
  // the print pass moves it to page 6 after a blank page (both paths print that blank page).
  it('warm: the 认定名单通知 ends on an even page (the print pass), every character printed', async () => {
    const docx = renderDocument('recognition-notice');
    const pdf = await docxToPdf(docx, { fontsConf: FONTS_CONF });
    expect(pdfPageCount(pdf)).toBe(6);
    expect(pdfPageCount(await docxToPdf(docx, { fontsConf: FONTS_CONF, evenLastPage: false }))).toBe(5);
    expectEveryCharacter('warm-recognition-notice', docx, pdf);
  }, 300_000);

  it('without python3-uno the PDF is made cold, every character printed, the print pass too', async () => {
    const saved = process.env.SHENBAO_UNO_PYTHON;
    process.env.SHENBAO_UNO_PYTHON = join(dir, 'no-such-python');
    try {
      expect(warmConverterFor({ fontsConf: FONTS_CONF })).toBeUndefined();
      const docx = renderDocument('truthfulness-declaration');
      expectEveryCharacter(
        'cold-truthfulness-declaration',
        docx,
        await docxToPdf(docx, { fontsConf: FONTS_CONF }),
      );
      expect(
        pdfPageCount(await docxToPdf(renderDocument('recognition-notice'), { fontsConf: FONTS_CONF })),
      ).toBe(6);
    } finally {
      if (saved === undefined) delete process.env.SHENBAO_UNO_PYTHON;
      else process.env.SHENBAO_UNO_PYTHON = saved;
    }
  }, 300_000);
});
