/**
 * Building blocks for Chinese official documents (GB/T 9704-2012) with the `docx` package.
 *
 * The figures (page, margins, grid, fonts and sizes, page numbers, 版记 rules) are the programme's
 * gongwen.json (see Geometry): an exact line pitch on a `lines` grid for the lines per page, and
 * negative character spacing on every run for the characters per line, which is how LibreOffice 7.4
 * reaches them (its rendering of Word's `linesAndChars` grid is wrong).
 * Every run names an East Asian font and `w:lang eastAsia="zh-CN"`, so that viewers pick simplified glyphs.
 */

import type { GongwenLayout } from '@shenbao/docgen/node';
import {
  AlignmentType,
  BorderStyle,
  Footer,
  type IBorderOptions,
  type IParagraphOptions,
  type ISectionPropertiesOptions,
  LineRuleType,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

/**
 * The GB/T 9704 figures of the document being built, in OOXML units, derived from the programme's
 * templates/<id>/gongwen.json (schemas/gongwen.schema.json) — the same figures, read by the same loader
 * (docgen's gongwenLayoutOf), that `shenbao templates check` holds a template to. build.ts sets them
 * (setLayout) before it builds a document; the building blocks below read them through page().
 */
export interface Geometry {
  /** Page and margins, twips. */
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
  header: number;
  /** Page-number line: its dash sits about 7 mm below the text block. */
  footer: number;
  /** Exact line pitch that fits the standard's lines per page into the text block. */
  linePitch: number;
  textWidth: number;
  /** One body character, the unit of indents such as 右空四字. */
  char: number;
  /** Run spacing (twentieths of a point) that fits the standard's characters per line. */
  charSpacing: number;
  /** East Asian font names, as an agency's Word installation names them (templates/fonts/fonts.conf maps them). */
  fonts: { fangsong: string; xiaobiaosong: string; song: string; hei: string; kai: string };
  /** Half-points. */
  titleSize: number;
  bodySize: number;
  pageNumber: { size: number; dash: string; indent: number };
  imprint: {
    size: number;
    /** One imprint character (the 版记's one-character insets), twips. */
    indent: number;
    /** Rule widths in eighths of a point (w:sz of a border). */
    thick: number;
    thin: number;
    copyToLabel: string;
    printedLabel: string;
  };
}

const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
const eighths = (mm: number) => Math.round((mm / 25.4) * 72 * 8);

/** The figures in OOXML units; the arithmetic is the inverse of gongwen-check.ts's. */
export function geometryOf(layout: GongwenLayout): Geometry {
  const width = twips(layout.page.widthMm);
  const height = twips(layout.page.heightMm);
  const top = twips(layout.margins.topMm);
  const left = twips(layout.margins.leftMm);
  const right = twips(layout.page.widthMm - layout.margins.leftMm - layout.textBlock.widthMm);
  const bottom = twips(layout.page.heightMm - layout.margins.topMm - layout.textBlock.heightMm);
  const textWidth = width - left - right;
  const char = layout.body.size * 10;
  const pnChar = layout.pageNumber.font.size * 10;
  return {
    width,
    height,
    top,
    right,
    bottom,
    left,
    // 15 mm. The footer distance puts the page number's dash dashBelowTextBlockMm under the text block
    // (7.5): the 四号 line reaches about 6 mm above its dash, calibrated on the LibreOffice PDF
    // (test/documents/pages.test.ts measures it).
    header: 851,
    footer:
      bottom - twips(required(layout.pageNumber.dashBelowTextBlockMm, 'pageNumber.dashBelowTextBlockMm') + 6),
    linePitch: Math.floor((height - top - bottom) / layout.grid.lines),
    textWidth,
    char,
    // LibreOffice 7.4 renders Word's linesAndChars grid wrongly, so the characters per line come from
    // run spacing on every run (−0.25 pt for 28 三号 characters in 156 mm).
    charSpacing: Math.floor(textWidth / layout.grid.chars) - char,
    fonts: {
      fangsong: layout.body.fonts[0]!,
      xiaobiaosong: layout.title.fonts[0]!,
      song: layout.pageNumber.font.fonts[0]!,
      hei: required(layout.headings, 'headings').level1.fonts[0]!,
      kai: required(layout.headings, 'headings').level2.fonts[0]!,
    },
    titleSize: layout.title.size,
    bodySize: layout.body.size,
    pageNumber: {
      size: layout.pageNumber.font.size,
      dash: layout.pageNumber.dash,
      indent: Math.round(layout.pageNumber.indentChars * pnChar),
    },
    imprint: {
      size: layout.imprint.font.size,
      indent: layout.imprint.font.size * 10,
      thick: eighths(layout.imprint.thickMm),
      thin: eighths(layout.imprint.thinMm),
      copyToLabel: layout.imprint.copyToLabel,
      printedLabel: layout.imprint.printedLabel,
    },
  };
}

/** A figure the generator needs that gongwen.json may leave out (the checks do without it). */
function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`gongwen.json: 新建模板需要 ${field}`);
  return value;
}

let current: Geometry | undefined;

/** Sets the figures the next documents are built with. */
export function setLayout(layout: GongwenLayout): void {
  current = geometryOf(layout);
}

/** The figures of the document being built (setLayout first). */
export function page(): Geometry {
  if (!current) throw new Error('scripts/templates/ooxml.ts: setLayout(gongwen.json) before building');
  return current;
}

export type FontKey = keyof Geometry['fonts'];
export const fontName = (key: FontKey): string => page().fonts[key];

/** Chinese font sizes in half-points (w:sz): typographic units, not figures of the standard. */
export const SIZES = {
  xiaochu: 72,
  yi: 52,
  xiaoyi: 48,
  er: 44,
  xiaoer: 36,
  san: 32,
  xiaosan: 30,
  si: 28,
  xiaosi: 24,
  wu: 21,
} as const;

export interface RunStyle {
  font?: FontKey;
  size?: number;
  bold?: boolean;
  color?: string;
  /** Latin text in the East Asian font too (titles, page numbers) rather than Times New Roman. */
  latinInFont?: boolean;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, ...runOptions(style) });
}

export function runOptions(style: RunStyle = {}) {
  const eastAsia = fontName(style.font ?? 'fangsong');
  const latin = style.latinInFont ? eastAsia : 'Times New Roman';
  const size = style.size ?? page().bodySize;
  return {
    font: { ascii: latin, hAnsi: latin, eastAsia, cs: latin, hint: 'eastAsia' },
    size,
    sizeComplexScript: size,
    characterSpacing: page().charSpacing,
    language: { value: 'en-US', eastAsia: 'zh-CN' },
    ...(style.bold ? { bold: true } : {}),
    ...(style.color ? { color: style.color } : {}),
  };
}

/** Text with inline docxtemplater tags is just text: tags are kept inside one run each. */
export type Inline = string | TextRun | ParagraphChild;

function children(parts: readonly Inline[], style: RunStyle): ParagraphChild[] {
  return parts.map((p) => (typeof p === 'string' ? run(p, style) : p));
}

const exactLine = () => ({ line: page().linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

export interface ParaOptions extends RunStyle {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** First-line indent in characters (body text: 2). */
  indentChars?: number;
  leftChars?: number;
  rightChars?: number;
  hangingChars?: number;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  border?: IParagraphOptions['border'];
  /** Line spacing: exact grid pitch unless given (tables use single spacing). */
  spacing?: IParagraphOptions['spacing'];
  tabStops?: IParagraphOptions['tabStops'];
  frame?: IParagraphOptions['frame'];
}

export function para(parts: readonly Inline[] | Inline, options: ParaOptions = {}): Paragraph {
  const list = Array.isArray(parts) ? parts : [parts];
  const char = Math.round(((options.size ?? page().bodySize) / 2) * 20);
  const indent: Record<string, number> = {};
  if (options.indentChars) {
    indent.firstLine = options.indentChars * char;
    indent.firstLineChars = options.indentChars * 100;
  }
  if (options.hangingChars) {
    indent.hanging = options.hangingChars * char;
    indent.hangingChars = options.hangingChars * 100;
  }
  if (options.leftChars) {
    indent.left = options.leftChars * char;
    indent.leftChars = options.leftChars * 100;
  }
  if (options.rightChars) {
    indent.right = options.rightChars * char;
    indent.rightChars = options.rightChars * 100;
  }
  // Fractional character counts (a centred 署名) must still be whole twips and hundredths.
  for (const k of Object.keys(indent)) indent[k] = Math.round(indent[k] ?? 0);
  return new Paragraph({
    children: children(list as Inline[], options),
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: options.spacing ?? exactLine(),
    ...(Object.keys(indent).length > 0 ? { indent } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(options.border ? { border: options.border } : {}),
    ...(options.tabStops ? { tabStops: options.tabStops } : {}),
    ...(options.frame ? { frame: options.frame } : {}),
    // The paragraph mark carries the same font, so an empty paragraph keeps the 三号 line height.
    run: runOptions(options),
  });
}

/** Body paragraph: 仿宋 三号, first line indented two characters, justified. */
export const body = (parts: readonly Inline[] | Inline, options: ParaOptions = {}) =>
  para(parts, { indentChars: 2, ...options });

/** Level-1 heading "一、…": 黑体, indented like body text. */
export const h1 = (parts: readonly Inline[] | Inline, options: ParaOptions = {}) =>
  para(parts, { indentChars: 2, font: 'hei', keepNext: true, ...options });

/** Level-2 heading "（一）…": 楷体. */
export const h2 = (parts: readonly Inline[] | Inline, options: ParaOptions = {}) =>
  para(parts, { indentChars: 2, font: 'kai', keepNext: true, ...options });

export const blank = (options: ParaOptions = {}) => para([], options);

/** 标题: 方正小标宋简体 二号, centred. */
export const title = (parts: readonly Inline[] | Inline) =>
  para(parts, {
    font: 'xiaobiaosong',
    size: page().titleSize,
    align: AlignmentType.CENTER,
    latinInFont: true,
  });

/**
 * A paragraph that holds only a docxtemplater loop or section tag; paragraphLoop drops it when rendering.
 * Its style (grey text in Word) tells staff editing the template what it is, and lets a test prove
 * that no such paragraph survives a render.
 */
export const TAG_STYLE = 'TemplateTag';
export const tagLine = (tag: string) =>
  new Paragraph({
    style: TAG_STYLE,
    children: [run(tag, { color: '808080' })],
    spacing: exactLine(),
    run: runOptions(),
  });

/** Page numbers "— N —" (the dash, font and inset of gongwen.json): odd pages right, even pages left (GB/T 9704 7.5). */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  const make = (align: 'left' | 'right') => {
    const { size, dash, indent } = page().pageNumber;
    const style = runOptions({ font: 'song', size, latinInFont: true });
    return new Footer({
      children: [
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: align === 'right' ? { right: indent } : { left: indent },
          spacing: OFF_GRID_SPACING,
          run: style,
          children: [new TextRun({ ...style, children: [`${dash} `, PageNumber.CURRENT, ` ${dash}`] })],
        }),
      ],
    });
  };
  return { default: make('right'), even: make('left') };
}

export function sectionProperties(): ISectionPropertiesOptions {
  const PAGE = page();
  return {
    page: {
      size: { width: PAGE.width, height: PAGE.height },
      margin: {
        top: PAGE.top,
        right: PAGE.right,
        bottom: PAGE.bottom,
        left: PAGE.left,
        header: PAGE.header,
        footer: PAGE.footer,
        gutter: 0,
      },
    },
    grid: { type: 'lines', linePitch: PAGE.linePitch },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Tables

export const thinBorder: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const tableBorders = {
  top: thinBorder,
  bottom: thinBorder,
  left: thinBorder,
  right: thinBorder,
  insideHorizontal: thinBorder,
  insideVertical: thinBorder,
};

const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};

export interface CellSpec {
  /** Paragraphs of the cell; a string is one paragraph. */
  content: string | readonly (string | Paragraph)[] | Paragraph;
  align?: 'left' | 'center' | 'both';
  font?: FontKey;
  columnSpan?: number;
  /** Header cells: 黑体, centred. */
  header?: boolean;
  shade?: boolean;
  /** A rule under the cell (cover pages: a line to write on). */
  underline?: boolean;
  size?: number;
}

export interface TableSpec {
  /** Column widths in twips; they should sum to page().textWidth. */
  widths: readonly number[];
  /** Header rows repeat on each page. */
  header?: readonly (readonly (CellSpec | string)[])[];
  rows: readonly (readonly (CellSpec | string)[])[];
  size?: number;
  /** No grid lines (cover page fields). */
  borderless?: boolean;
  /** Single spacing inside cells unless false: cover fields sit on the 三号 grid. */
  compact?: boolean;
}

/**
 * Spacing of paragraphs that must not snap to the 579-twip line grid (table cells, page numbers). The
 * `docx` package cannot write a paragraph's `w:snapToGrid`, so `offGrid` in build.ts adds it to every
 * paragraph with exactly this spacing.
 */
export const OFF_GRID_SPACING = { line: 264, lineRule: LineRuleType.AUTO, before: 30, after: 30 } as const;

/** Adds `<w:snapToGrid w:val="0"/>` (which precedes w:spacing in CT_PPrBase) to off-grid paragraphs. */
export function offGrid(xml: string): string {
  return xml.replace(
    /<w:spacing w:after="30" w:before="30" w:line="264" w:lineRule="auto"\/>/g,
    (m) => `<w:snapToGrid w:val="0"/>${m}`,
  );
}

/**
 * Adds `<w:overflowPunct/>` to the document's default paragraph properties (styles.xml), which the
 * `docx` package's style options do not offer. LibreOffice reads overflowPunct inverted (writerfilter:
 * ParaIsHangingPunctuation = !overflowPunct, and hanging is its default), and its hanging punctuation
 * drops a comma that ends a justified line from the PDF ("…认定，现郑重承诺" printed "…认定现郑重承诺").
 * "On" turns LibreOffice's hanging off, so the comma wraps with the character before it (避头尾); in Word
 * it is the usual Chinese default (允许标点溢出边界). overflowPunct comes first in CT_PPrBase here.
 */
export function punctuationDefault(xml: string): string {
  return xml.replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:overflowPunct/>');
}

/** Table text is single-spaced and off the grid, so rows stay compact. */
export function cellPara(parts: readonly Inline[] | Inline, options: ParaOptions = {}): Paragraph {
  return para(parts, { size: SIZES.xiaosi, spacing: OFF_GRID_SPACING, ...options });
}

function toCell(
  spec: CellSpec | string,
  width: number,
  tableSize: number,
  isHeader: boolean,
  compact: boolean,
): TableCell {
  const s: CellSpec = typeof spec === 'string' ? { content: spec } : spec;
  const size = s.size ?? tableSize;
  const header = s.header ?? isHeader;
  const align =
    s.align === 'left'
      ? AlignmentType.LEFT
      : s.align === 'both'
        ? AlignmentType.JUSTIFIED
        : AlignmentType.CENTER;
  const font: FontKey = s.font ?? (header ? 'hei' : 'fangsong');
  const list = Array.isArray(s.content) ? s.content : [s.content];
  const paragraphs = (list as (string | Paragraph)[]).map((c) =>
    typeof c === 'string'
      ? compact
        ? cellPara([c], { size, font, align })
        : para([c], { size, font, align })
      : c,
  );
  return new TableCell({
    children: paragraphs,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 0, bottom: 0 },
    ...(s.columnSpan ? { columnSpan: s.columnSpan } : {}),
    ...(s.shade || (header && compact) ? { shading: { fill: 'F2F2F2', type: 'clear', color: 'auto' } } : {}),
    ...(s.underline ? { borders: { bottom: thinBorder } } : {}),
  });
}

export function table(spec: TableSpec): Table {
  const size = spec.size ?? SIZES.xiaosi;
  const widthAt = (row: readonly (CellSpec | string)[], i: number) => {
    // Width of a spanning cell is the sum of the columns it covers.
    let col = 0;
    for (let k = 0; k < i; k++) {
      const c = row[k];
      col += typeof c === 'object' && c.columnSpan ? c.columnSpan : 1;
    }
    const c = row[i];
    const span = typeof c === 'object' && c.columnSpan ? c.columnSpan : 1;
    return spec.widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  };
  const makeRow = (row: readonly (CellSpec | string)[], header: boolean) =>
    new TableRow({
      children: row.map((c, i) => toCell(c, widthAt(row, i), size, header, spec.compact !== false)),
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
    });
  return new Table({
    width: { size: spec.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...spec.widths],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: spec.borderless ? noBorders : tableBorders,
    rows: [...(spec.header ?? []).map((r) => makeRow(r, true)), ...spec.rows.map((r) => makeRow(r, false))],
  });
}

export { AlignmentType, BorderStyle, Paragraph, TabStopType, TextRun };
