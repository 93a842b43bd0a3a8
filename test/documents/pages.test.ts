/**
 * What a bureau secretariat checks on the printed page, measured on LibreOffice's PDF of every document
 * (issue 13, "What was found on the rendered pages"): no character lost, the red 发文机关标志 at 35 mm,
 * the sign-off (署名 over the date, room for the seal, never alone on a page), line breaks (titles where
 * the template breaks them, no break inside a credit code, a date or an e-mail address in a table, no
 * header character alone), empty signature lines, 仿宋 and 楷体 faces, and appliesIf refused.
 * Positions come from `pdftotext -bbox-layout` in points (helpers/layout.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocgenNotApplicableError, printPass, render } from '@shenbao/docgen';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bodyLines,
  docxParagraphs,
  findLine,
  firstLostCharacter,
  isPageNumber,
  MM,
  missingCharacters,
  type Page,
  pdfLayout,
  pdfStreamText,
  redInkTop,
  TEXT_BLOCK,
  TEXT_BLOCK_BOTTOM,
  TEXT_BLOCK_RIGHT,
  type TextLine,
  tableCells,
  unbreakableValues,
  wholeOnLines,
} from './helpers/layout';
import { pdfFonts, requireTools, toPdf } from './helpers/pdf';
import {
  APPLICATION_YEAR,
  documentIds,
  exampleData,
  paragraphsText,
  part,
  program,
  renderDocument,
  TEMPLATE_DIR,
} from './helpers/render';

/** 3号: one character of body text, in points. */
const CHAR = 16;
/** The line pitch of the 版心 grid (579 twips), in points. */
const LINE = 579 / 20;
const AUTHORITY = '东莞市工业和信息化局';
const DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

/** A 200-case application: the application book at the size a busy applicant reaches. */
function bigApplication(): Record<string, unknown> {
  const data = exampleData('application-book') as { capability: { cases: Record<string, unknown>[] } };
  const cases = data.capability.cases;
  return {
    ...data,
    capability: {
      ...data.capability,
      cases: Array.from({ length: 200 }, (_, i) => ({ ...cases[i % cases.length] })),
    },
  };
}

/** Every document with its example, the applicant documents with both application examples, and the 200 cases. */
const CASES: Record<string, () => Uint8Array> = {
  ...Object.fromEntries(documentIds().map((id) => [id, () => renderDocument(id)])),
  'application-book@hall-committed': () => renderDocument('application-book', exampleData('hall-commitment')),
  'truthfulness-declaration@hall-committed': () =>
    renderDocument('truthfulness-declaration', exampleData('hall-commitment')),
  'application-book@200-cases': () => renderDocument('application-book', bigApplication()),
};

const docx: Record<string, Uint8Array> = {};
let pdfs: Record<string, string> = {};
const pages: Record<string, Page[]> = {};

beforeAll(() => {
  requireTools();
  for (const [name, make] of Object.entries(CASES)) docx[name] = make();
  pdfs = toPdf(docx);
  // docxToPdf's print pass: a layout that ends on an odd page gets its 版记 moved to the next even page.
  const again = Object.fromEntries(
    Object.keys(pdfs).flatMap((name) => {
      const moved = printPass(docx[name]!, readFileSync(pdfs[name]!));
      return moved ? [[name, moved]] : [];
    }),
  );
  if (Object.keys(again).length > 0) {
    Object.assign(docx, again);
    Object.assign(pdfs, toPdf(again));
  }
  for (const [name, pdf] of Object.entries(pdfs)) pages[name] = pdfLayout(pdf);
}, 600_000);

const names = Object.keys(CASES);
const documents = documentIds();
const BUREAU = ['publicity-notice', 'recognition-notice', 'failure-notice', 'revocation-announcement'];
const APPLICANT_SIGN_OFF = [
  'application-book',
  'hall-commitment',
  'truthfulness-declaration',
  'self-assessment-report',
];

describe('no character lost (LibreOffice hanging punctuation dropped line-end commas)', () => {
  it.each(names)('%s: the PDF prints every character of the document, in order', (name) => {
    const paragraphs = docxParagraphs(docx[name]!);
    const text = pdfStreamText(pdfs[name]!);
    expect(missingCharacters(paragraphs, text), `${name}: characters missing from the PDF`).toEqual({});
    expect(firstLostCharacter(paragraphs, text), `${name}: first character not printed in its place`).toBe(
      undefined,
    );
  });

  it.each(documents)(
    "%s: the template turns LibreOffice's hanging punctuation off (w:overflowPunct)",
    (id) => {
      const styles = part(new Uint8Array(readFileSync(join(TEMPLATE_DIR, `${id}.docx`))), 'word/styles.xml');
      const defaults = /<w:pPrDefault>([\s\S]*?)<\/w:pPrDefault>/.exec(styles)?.[1] ?? '';
      expect(defaults).toMatch(/<w:overflowPunct(?: w:val="(?:1|true|on)")?\/>/);
    },
  );

  it('真实性承诺书: "…认定，现郑重承诺" keeps its comma', () => {
    expect(pdfStreamText(pdfs['truthfulness-declaration']!)).toContain('认定,现郑重承诺');
  });
});

describe('GB/T 9704-2012 7.2.4: the red 发文机关标志', () => {
  it('its top edge is 35 mm below the top of the 版心 (red ink on the page at 300 dpi)', () => {
    const mark = findLine(pages['recognition-notice']!, `${AUTHORITY}文件`);
    expect(mark?.page.number).toBe(1);
    const mm = (redInkTop(pdfs['recognition-notice']!, 1) ?? 0) - TEXT_BLOCK.top / MM;
    expect(mm).toBeGreaterThan(34.5);
    expect(mm).toBeLessThan(35.5);
  });
});

/** Lines of a sign-off or 版记: what must never fill a page on its own. */
const SIGN_OFF = [
  (l: TextLine) => l.text === AUTHORITY,
  (l: TextLine) => DATE.test(l.text),
  (l: TextLine) => /^（联系人/.test(l.text),
  (l: TextLine) => /^法定代表人（签字）/.test(l.text),
  (l: TextLine) => /^(申报|运营)单位（盖章）/.test(l.text),
];
const isSignOff = (l: TextLine) => SIGN_OFF.some((f) => f(l));
/** A page whose lines are all sign-off, or 版记 (everything from its 公开方式 or 抄送 line on). */
const onlySignOff = (page: Page) => {
  const lines = bodyLines(page);
  const imprint = lines.findIndex((l) => /^公开方式|^抄送/.test(l.text));
  return lines.length > 0 && (imprint < 0 ? lines : lines.slice(0, imprint)).every(isSignOff);
};

/** A page with no text in its 版心 (the blank page an office inserts before a section on an even page). */
const blank = (page: Page) => bodyLines(page).length === 0;
const imprintOnly = (page: Page) => /^公开方式|^抄送/.test(bodyLines(page)[0]?.text ?? '');

describe('GB/T 9704-2012 7.3.5: the sign-off', () => {
  it.each(names)('%s: no page holds only a sign-off; the 版记 alone only on the last, even page', (name) => {
    const pagesOf = pages[name]!;
    const alone = pagesOf.filter(
      (p) => onlySignOff(p) && !(imprintOnly(p) && p === pagesOf.at(-1) && p.number % 2 === 0),
    );
    expect(
      alone.map(
        (p) =>
          `p${p.number}: ${bodyLines(p)
            .map((l) => l.text)
            .join(' / ')}`,
      ),
    ).toEqual([]);
  });

  it.each(names)('%s: 7.5 a blank page and the 版记 page after it carry no page number', (name) => {
    const pagesOf = pages[name]!;
    const numbered = pagesOf
      .filter((p, i) => blank(p) || (imprintOnly(p) && i > 0 && blank(pagesOf[i - 1]!)))
      .filter((p) => p.lines.some(isPageNumber))
      .map((p) => `p${p.number}: ${p.lines.filter(isPageNumber).map((l) => l.text)}`);
    expect(numbered).toEqual([]);
  });

  it('the 认定名单通知 example needs the print pass: its table fills page 4, the 版记 goes to page 6', () => {
    const pagesOf = pages['recognition-notice']!;
    expect(pagesOf.length).toBe(6);
    expect(blank(pagesOf[4]!)).toBe(true);
    expect(imprintOnly(pagesOf[5]!)).toBe(true);
  });

  describe.each(BUREAU)('%s', (id) => {
    const signOff = () => {
      for (const page of pages[id]!) {
        const i = page.lines.findIndex((l) => l.text === AUTHORITY);
        const date = page.lines[i + 1];
        if (i > 0 && date && DATE.test(date.text))
          return { page, name: page.lines[i]!, date, above: page.lines[i - 1]! };
      }
      throw new Error(`${id}: no 署名 followed by a date`);
    };

    it('7.3.5.1: the date 右空四字, the 署名 centred over it (within half a character)', () => {
      const { name, date } = signOff();
      expect(Math.abs(TEXT_BLOCK_RIGHT - date.xMax - 4 * CHAR)).toBeLessThan(2);
      expect(Math.abs((name.xMin + name.xMax) / 2 - (date.xMin + date.xMax) / 2)).toBeLessThan(CHAR / 2);
    });

    it('7.3.5.1: two empty lines above the 署名 for the seal, on the page of the last text', () => {
      const { name, above } = signOff();
      const gap = (name.yMin - above.yMin) / LINE;
      expect(gap).toBeGreaterThan(2.9);
      expect(gap).toBeLessThan(3.1);
    });
  });

  // The 版记 is a text box anchored to the bottom of the 版心 (DrawingML wp:anchor, positionV
  // relativeFrom="margin" align="bottom", wrapTopAndBottom) in the paragraph after the last text: LibreOffice
  // 7.4 lays a paragraph frame (w:framePr) or a floating table (w:tblpPr) inline, but places a box there.
  it.each(BUREAU)('%s: 7.4 the 版记 ends on the bottom line of the 版心 of the last page', (id) => {
    const last = pages[id]!.at(-1)!;
    const printed = bodyLines(last).at(-1)!;
    expect(printed.text).toMatch(/印发$/);
    expect(TEXT_BLOCK_BOTTOM - printed.yMax).toBeGreaterThan(0);
    expect(TEXT_BLOCK_BOTTOM - printed.yMax).toBeLessThan(LINE);
  });

  // The last page even (the 版记 on the back of the last sheet): the print pass of docxToPdf (print-layout.ts).
  it.each(BUREAU)('%s: the last page is even', (id) => {
    expect(pages[id]!.at(-1)!.number % 2).toBe(0);
  });

  it.each(BUREAU)('%s: the 版记 is the last text of the last page', (id) => {
    const last = pages[id]!.at(-1)!;
    expect(bodyLines(last).at(-1)?.text).toMatch(/印发$/);
  });
});

describe('GB/T 9704-2012 7.3.1 and tables: line breaks', () => {
  const titles = (bytes: Uint8Array) =>
    [...part(bytes, 'word/document.xml').matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((p) => p.includes('w:eastAsia="方正小标宋简体"') && /<w:sz w:val="(44|52)"\/>/.test(p))
      .map((p) => paragraphsText(p).join('').replace(/\s/g, ''))
      .filter((t) => t !== '');

  it.each(documents)('%s: each title line is printed on one line, as the template breaks it', (id) => {
    const lines = titles(docx[id]!);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(
        pages[id]!.some((p) => p.lines.some((l) => l.text === line)),
        line,
      ).toBe(true);
  });

  it('titles break between words (词意完整): 人工智能应用创新中心 is never split', () => {
    for (const id of documents) {
      for (const line of titles(docx[id]!)) expect(line, id).not.toMatch(/人工智能应用$|^创新中心/);
    }
  });

  it.each(names)('%s: no credit code, date or e-mail address in a table breaks across lines', (name) => {
    const wanted = new Map<string, number>();
    for (const v of unbreakableValues(tableCells(docx[name]!).map((c) => c.text))) {
      wanted.set(v, (wanted.get(v) ?? 0) + 1);
    }
    const broken = [...wanted].filter(([v, n]) => wholeOnLines(pages[name]!, v) < n).map(([v]) => v);
    expect(broken).toEqual([]);
  });

  it.each(names)('%s: no header cell leaves one character alone on a line', (name) => {
    const alone: string[] = [];
    for (const { text } of tableCells(docx[name]!).filter((c) => c.header && [...c.text].length > 1)) {
      for (const page of pages[name]!) {
        for (const [i, line] of page.lines.entries()) {
          const before = page.lines[i - 1]?.text ?? '';
          const rest = text.slice(0, -[...line.text].length);
          if ([...line.text].length === 1 && text.endsWith(line.text) && rest.endsWith(before.slice(-2))) {
            alone.push(`${text} (p${page.number})`);
          }
        }
      }
    }
    expect([...new Set(alone)]).toEqual([]);
  });

  it('申请书: 应用成效 has room to read (lines of at least ten characters)', () => {
    const data = exampleData('application-book') as { capability: { cases: { outcome: string }[] } };
    const outcome = data.capability.cases[0]!.outcome.replace(/\s/g, '');
    const lines = pages['application-book']!.flatMap((p) => p.lines).filter(
      (l) => [...l.text].length > 1 && outcome.includes(l.text),
    );
    expect(lines.length).toBeGreaterThan(0);
    const widest = Math.max(...lines.map((l) => l.xMax - l.xMin));
    expect(widest).toBeGreaterThan(10 * 10.5); // 五号 is 10.5 pt
  });
});

describe('signature lines are left empty for a wet signature', () => {
  it.each([
    ...APPLICANT_SIGN_OFF,
    'application-book@hall-committed',
    'truthfulness-declaration@hall-committed',
  ])('%s: 法定代表人（签字） prints a line to sign on, not the typed name', (name) => {
    const data = (
      name.endsWith('@hall-committed') ? exampleData('hall-commitment') : exampleData(name.split('@')[0]!)
    ) as Record<string, Record<string, string>>;
    const typed = [
      data.declaration?.signatory,
      data.applicant?.legalRepresentative,
      data.signatory as unknown as string,
    ];
    const line = findLine(pages[name]!, '法定代表人（签字）：')?.line;
    expect(line?.text).toMatch(/^法定代表人（签字）：_{8,}$/);
    for (const n of typed.filter(Boolean)) expect(line?.text).not.toContain(n);
  });
});

describe('fonts: free 仿宋 and 楷体 faces (templates/fonts/fonts.conf)', () => {
  it.each(documents)('%s: the body is set in FandolFang', (id) => {
    expect(pdfFonts(pdfs[id]!)).toMatch(/FandolFang/);
  });

  it('楷体 (level-2 headings, the 申请书 cover) is set in FandolKai', () => {
    expect(pdfFonts(pdfs['application-book']!)).toMatch(/FandolKai/);
    expect(pdfFonts(pdfs['recognition-notice']!)).toMatch(/FandolKai/);
  });

  it('FandolFang covers every hanzi of GB 2312 (levels 1 and 2)', () => {
    const conf = execFileSync('fc-match', ['-f', '%{file}', '仿宋_GB2312'], {
      env: { ...process.env, FONTCONFIG_FILE: `${process.cwd()}/templates/fonts/fonts.conf` },
      encoding: 'utf8',
    });
    expect(conf).toMatch(/FandolFang-Regular\.otf$/);
    const charset = execFileSync('fc-query', ['-f', '%{charset}', conf], { encoding: 'utf8' });
    const covered = new Set<number>();
    for (const range of charset.trim().split(/\s+/)) {
      const [a, b = a] = range.split('-').map((h) => Number.parseInt(h, 16));
      for (let c = a!; c <= b!; c++) covered.add(c);
    }
    const decoder = new TextDecoder('gb18030');
    const missing: string[] = [];
    for (let hi = 0xb0; hi <= 0xf7; hi++) {
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        if (hi === 0xd7 && lo > 0xf9) continue; // the end of level 1
        const c = decoder.decode(new Uint8Array([hi, lo]));
        if (!covered.has(c.codePointAt(0)!)) missing.push(c);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('appliesIf: a document is refused where its condition does not hold', () => {
  it('第八条（三）: no 展厅建设承诺书 for an applicant whose hall is built, with the reason', () => {
    const built = exampleData('application-book');
    expect((built.hall as { status: string }).status).toBe('built');
    let error: unknown;
    try {
      render(program(), 'hall-commitment', built, { year: APPLICATION_YEAR });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocgenNotApplicableError);
    expect((error as Error).message).toBe(
      '“人工智能赋能业务体验展厅建设承诺书”不适用于所给数据：该文书仅在体验展厅尚未建成、承诺建设时提供（第八条（三））',
    );
  });

  it('skipping validation does not skip the condition', () => {
    expect(() =>
      render(program(), 'hall-commitment', exampleData('application-book'), { skipValidation: true }),
    ).toThrow(DocgenNotApplicableError);
  });

  it('the committed hall gets its letter', () => {
    expect(renderDocument('hall-commitment').byteLength).toBeGreaterThan(0);
  });
});
