/**
 * Positions on rendered pages from `pdftotext -bbox-layout` (poppler): pages of text lines with their
 * boxes in points (origin top left), and the text of a .docx in reading order, to compare the two.
 */
import { execFileSync } from 'node:child_process';
import { paragraphsText, part } from './render';

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;
/** GB/T 9704 版心 on A4 in points: top 37 mm, left 28 mm, 156 × 225 mm (twips / 20 in the templates). */
export const TEXT_BLOCK = { top: 2098 / 20, left: 1587 / 20, width: 8845 / 20, height: 12756 / 20 } as const;
export const TEXT_BLOCK_BOTTOM = TEXT_BLOCK.top + TEXT_BLOCK.height;
export const TEXT_BLOCK_RIGHT = TEXT_BLOCK.left + TEXT_BLOCK.width;

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface TextLine extends Box {
  /** The words of the line joined without spaces. */
  text: string;
}

export interface Page {
  number: number;
  width: number;
  height: number;
  lines: TextLine[];
}

const num = (attrs: string, name: string): number =>
  Number(new RegExp(`${name}="([\\d.-]+)"`).exec(attrs)?.[1]);
const box = (attrs: string): Box => ({
  xMin: num(attrs, 'xMin'),
  yMin: num(attrs, 'yMin'),
  xMax: num(attrs, 'xMax'),
  yMax: num(attrs, 'yMax'),
});
const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every page with its text lines, top to bottom as poppler groups them. */
export function pdfLayout(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: Page[] = [];
  for (const [n, m] of [...html.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].entries()) {
    const lines: TextLine[] = [];
    for (const l of (m[2] ?? '').matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...(l[2] ?? '').matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) =>
        unescape(w[1] ?? ''),
      );
      lines.push({ ...box(l[1] ?? ''), text: words.join('') });
    }
    pages.push({ number: n + 1, width: num(m[1] ?? '', 'width'), height: num(m[1] ?? '', 'height'), lines });
  }
  return pages;
}

/** Page-number lines ("— 3 —") sit below the 版心 and are not text of the document. */
export const isPageNumber = (line: TextLine) => /^—\d+—$/.test(line.text);

/** Lines of a page inside the 版心 (page numbers left out). */
export const bodyLines = (page: Page) => page.lines.filter((l) => !isPageNumber(l));

/** The first line whose text (spaces ignored) contains `text`, with its page. */
export function findLine(pages: readonly Page[], text: string): { page: Page; line: TextLine } | undefined {
  const needle = text.replace(/\s/g, '');
  for (const page of pages) {
    const line = page.lines.find((l) => l.text.includes(needle));
    if (line) return { page, line };
  }
  return undefined;
}

/** Text compared without whitespace, bidi controls or compatibility forms. */
export const compactText = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/\s+/g, '');

/** The paragraphs of a rendered .docx body in document order (table cells too), compacted, empty ones left out. */
export function docxParagraphs(docx: Uint8Array): string[] {
  return paragraphsText(part(docx, 'word/document.xml'))
    .map((p) => compactText(xmlText(p)))
    .filter((p) => p !== '');
}

/** The PDF's text in content-stream order (a table cell's lines together), without page numbers, compacted. */
export function pdfStreamText(pdf: string): string {
  const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return compactText(raw.replace(/^\s*—\s*\d+\s*—\s*$/gm, ''));
}

/**
 * How far (in characters) LibreOffice may move a glyph in the PDF's content stream: a character drawn with
 * a fallback font (a rare character such as 昇 outside GB 2312) is written after the rest of its line.
 */
const DISPLACEMENT = 80;
const SKIP = 400;

/**
 * The first character of the document that the PDF does not print in its place: the paragraphs' characters
 * are matched in order against the PDF text. A character may sit up to DISPLACEMENT characters before the
 * last one matched (a fallback glyph written after its line); text the document does not have (a table's
 * repeated header row) is skipped, up to SKIP characters. Undefined when every character is found.
 */
export function firstLostCharacter(
  paragraphs: readonly string[],
  pdfText: string,
): { paragraph: number; offset: number; context: string; pdf: string } | undefined {
  const pdf = [...pdfText];
  const used = new Uint8Array(pdf.length);
  let cursor = 0; // just after the furthest character matched
  for (const [index, paragraph] of paragraphs.entries()) {
    const chars = [...paragraph];
    for (const [offset, c] of chars.entries()) {
      let k = Math.max(0, cursor - DISPLACEMENT);
      while (k < cursor && (used[k] || pdf[k] !== c)) k++;
      if (k === cursor) {
        while (k < pdf.length && k < cursor + SKIP && (used[k] || pdf[k] !== c)) k++;
      }
      if (k >= pdf.length || k >= cursor + SKIP) {
        return {
          paragraph: index,
          offset,
          context: chars.slice(Math.max(0, offset - 20), offset + 20).join(''),
          pdf: pdf.slice(Math.max(0, cursor - 20), cursor + 40).join(''),
        };
      }
      used[k] = 1;
      cursor = Math.max(cursor, k + 1);
    }
  }
  return undefined;
}

/** Characters the document has more often than the PDF prints them (with how many are missing). */
export function missingCharacters(paragraphs: readonly string[], pdfText: string): Record<string, number> {
  const count = (s: string) => {
    const m = new Map<string, number>();
    for (const c of s) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  };
  const inPdf = count(pdfText);
  const missing: Record<string, number> = {};
  for (const [c, n] of count(paragraphs.join(''))) {
    const have = inPdf.get(c) ?? 0;
    if (have < n) missing[c] = n - have;
  }
  return missing;
}

/** Text of each table cell of a rendered .docx (its paragraphs joined), compacted; `header` for header rows. */
export function tableCells(docx: Uint8Array): { text: string; header: boolean }[] {
  const xml = part(docx, 'word/document.xml');
  const cells: { text: string; header: boolean }[] = [];
  for (const row of xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
    const header = row[0].includes('<w:tblHeader/>');
    for (const cell of row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) {
      cells.push({ text: compactText(xmlText(paragraphsText(cell[0]).join(''))), header });
    }
  }
  return cells;
}

/** Values that must not break across lines: 统一社会信用代码, dates, e-mail addresses. */
export const UNBREAKABLE = [/[0-9A-Z]{18}/g, /\d{4}年\d{1,2}月\d{1,2}日/g, /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g];

/** Each unbreakable value in `texts`, as many times as it occurs. */
export function unbreakableValues(texts: readonly string[]): string[] {
  return texts.flatMap((t) => UNBREAKABLE.flatMap((re) => [...t.matchAll(re)].map((m) => m[0])));
}

/** How many times `value` is printed whole on one line of the PDF. */
export function wholeOnLines(pages: readonly Page[], value: string): number {
  let n = 0;
  for (const page of pages) for (const line of page.lines) n += line.text.split(value).length - 1;
  return n;
}

/**
 * The top edge of the red ink on a page, in mm from the top of the page: the page rendered at 300 dpi and
 * scanned for the first row with a red pixel (the 发文机关标志's glyphs, not poppler's font box).
 */
export function redInkTop(pdf: string, page: number): number | undefined {
  const dpi = 300;
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], {
    maxBuffer: 512 * 1024 * 1024,
  });
  // Binary PPM: "P6\n<width> <height>\n<max>\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`pdftoppm ${pdf}: not a binary PPM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = start + (y * width + x) * 3;
      if ((ppm[i] ?? 0) > 200 && (ppm[i + 1] ?? 255) < 80 && (ppm[i + 2] ?? 255) < 80)
        return (y / dpi) * 25.4;
    }
  }
  return undefined;
}
