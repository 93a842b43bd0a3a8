/**
 * The frame of a bureau document (公示, 通知, 通告, 公告) after GB/T 9704-2012: optional 版头 with the
 * issuing-body mark and 发文字号, title, body, signature and 成文日期 (右空四字), optional attachment page,
 * and the 版记 with its rules and 印发 line. Programme wording is passed in by each document.
 */
import { AlignmentType, BorderStyle, Document, type FileChild, Footer, Paragraph, type Table } from 'docx';
import {
  blank,
  body,
  type Inline,
  page,
  pageNumberFooters,
  para,
  sectionProperties,
  TAG_STYLE,
  TabStopType,
  tagLine,
  title,
} from './ooxml';

export interface BureauDocumentSpec {
  /** Title lines (each a centred paragraph) — split long titles symmetrically. */
  title: readonly (readonly Inline[] | Inline)[];
  /** 主送机关, flush left, ending with "：". */
  addressee?: string;
  /** Body blocks in order: paragraphs and tables. */
  body: readonly FileChild[];
  /** 附件说明 after the body, e.g. ['附件：', '{year}年…名单']. */
  attachmentNote?: readonly Inline[];
  /** Text after the date, such as "（联系人：…）", as complete paragraphs. */
  afterDate?: readonly FileChild[];
  /** Attachment page: its title lines and content. */
  attachment?: { title: readonly (readonly Inline[] | Inline)[]; content: readonly FileChild[] };
  /** Document metadata. */
  meta: { title: string; description: string };
}

/** Issuing authority, as printed in signatures and the 印发 line; programme wording lives with the templates. */
export const AUTHORITY = '东莞市工业和信息化局';
export const AUTHORITY_OFFICE = '东莞市工业和信息化局办公室';
/** The measures, as cited in every bureau document. */
export const MEASURES =
  '《东莞市工业和信息化局关于东莞市人工智能应用创新中心的认定管理办法（试行）》（东工信规〔2025〕5号）';

const red = 'FF0000';
/** Space above the issuing-body mark (twips), calibrated on the LibreOffice PDF: top edge at 35 mm. */
const MARK_BEFORE = 1650;

/** 版头: red issuing-body mark and 发文字号 over a red rule; only when the data has a document number. */
function header(): Paragraph[] {
  return [
    tagLine('{#docNo}'),
    para([`${AUTHORITY}文件`], {
      font: 'xiaobiaosong',
      size: 60,
      color: red,
      align: AlignmentType.CENTER,
      latinInFont: true,
      // The mark's top edge 35 mm below the top of the text block (GB/T 9704-2012 7.2.4), measured in
      // test/documents/pages.test.ts.
      spacing: { before: MARK_BEFORE, after: 0, line: 1100, lineRule: 'exact' },
    }),
    blank(),
    blank(),
    para(['{docNo}'], {
      align: AlignmentType.CENTER,
      // The red rule 4 mm below the document number.
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: red, space: 11 } },
    }),
    tagLine('{/docNo}'),
    blank(),
  ];
}

/**
 * Width of a typical 成文日期 in characters: "2026年10月16日" is three characters, eight half-width digits
 * and the automatic space between Chinese and digits (Word and LibreOffice), 8.2 characters measured on
 * the LibreOffice PDF. A template cannot measure its data, so the 署名 is centred over a date of this
 * width; a date one digit shorter ("2026年9月24日") moves the centre by a third of a character.
 */
const DATE_CHARS = 8.2;

/**
 * Sealed layout (GB/T 9704-2012 7.3.5.1): the date 右空四字, the 署名 centred over it, two blank lines
 * above for the seal (its top within one line of the text). Every paragraph keeps with the next, so the
 * sign-off never starts a page alone: the last lines of the text come along.
 */
export function signature(
  dateTag = '{date | cnDate}',
  options: { keepDateWithNext?: boolean } = {},
): Paragraph[] {
  return [
    blank({ keepNext: true }),
    blank({ keepNext: true }),
    para([AUTHORITY], {
      align: AlignmentType.RIGHT,
      rightChars: 4 + (DATE_CHARS - [...AUTHORITY].length) / 2,
      keepNext: true,
    }),
    // The date keeps with what follows it only when that is part of the sign-off (a contact line).
    para([dateTag], { align: AlignmentType.RIGHT, rightChars: 4, keepNext: options.keepDateWithNext }),
  ];
}

/**
 * An applicant's sign-off under a 承诺书 or the 申请书's declaration: an empty line to sign by hand (not a
 * typed name), the applicant with room for its seal, and the date 右空四字; kept together and with the
 * text above it.
 */
export function applicantSignOff(sealLine: string, dateTag: string): Paragraph[] {
  const signLine = (label: string) =>
    para([label, '\t'], {
      align: AlignmentType.LEFT,
      leftChars: 2,
      keepNext: true,
      // The line to sign on: an underscore leader from the label (twelve characters in) to 24 characters.
      tabStops: [{ type: TabStopType.LEFT, position: 24 * page().char, leader: 'underscore' }],
    });
  return [
    blank({ keepNext: true }),
    signLine('法定代表人（签字）：'),
    blank({ keepNext: true }),
    para([sealLine], { align: AlignmentType.LEFT, leftChars: 2, keepNext: true }),
    blank({ keepNext: true }),
    para([dateTag], { align: AlignmentType.RIGHT, rightChars: 4 }),
  ];
}

const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 }) as const;

/**
 * 版记 after the last text: 公开方式, then between two thick rules the optional 抄送 line and the 印发
 * line, separated by a thin rule. GB/T 9704 puts it at the foot of the last page: the shipped bureau
 * templates hold it in a DrawingML text box anchored to the bottom of the 版心 (a paragraph frame or a
 * floating table is laid inline by LibreOffice 7.4). A draft keeps it in the text flow, as in the
 * bureau's own 东工信规〔2025〕5号; `templates check` accepts both.
 */
export function imprint(): Paragraph[] {
  const { size: si, indent, copyToLabel, printedLabel } = page().imprint;
  const thick = rule(page().imprint.thick);
  const thin = rule(page().imprint.thin);
  // The 版记 is one block: its lines keep together (the 印发 line, last, keeps with nothing).
  const printLine = (border: Record<string, typeof thick>) =>
    // Rules span the text block, so the one-character insets are tab stops, not paragraph indents.
    para(['\t', AUTHORITY_OFFICE, '\t', `{issuedDate | cnDate}${printedLabel}`], {
      size: si,
      align: AlignmentType.LEFT,
      tabStops: [
        { type: TabStopType.LEFT, position: indent },
        { type: TabStopType.RIGHT, position: page().textWidth - indent },
      ],
      border,
    });
  return [
    blank({ keepNext: true }),
    para(['公开方式：主动公开'], { size: si, leftChars: 1, align: AlignmentType.LEFT, keepNext: true }),
    tagLine('{#copyTo}'),
    para(['\t', `${copyToLabel}：{copyTo}。`], {
      size: si,
      leftChars: 4,
      hangingChars: 4,
      tabStops: [{ type: TabStopType.LEFT, position: indent }],
      align: AlignmentType.LEFT,
      border: { top: thick, bottom: thin },
      keepNext: true,
    }),
    printLine({ bottom: thick }),
    tagLine('{/copyTo}'),
    tagLine('{^copyTo}'),
    printLine({ top: thick, bottom: thick }),
    tagLine('{/copyTo}'),
  ];
}

export function bureauDocument(spec: BureauDocumentSpec): Document {
  const children: FileChild[] = [...header()];
  for (const line of spec.title) children.push(title(line));
  children.push(blank());
  if (spec.addressee) children.push(para([spec.addressee], { align: AlignmentType.LEFT }));
  children.push(...spec.body);
  // Optional extra paragraph staff may add (补充说明); it disappears when empty.
  children.push(
    tagLine('{#supplement}'),
    body(['{supplement}'], { keepNext: true }),
    tagLine('{/supplement}'),
  );
  if (spec.attachmentNote) {
    children.push(blank({ keepNext: true }));
    children.push(
      para(spec.attachmentNote, { leftChars: 5, hangingChars: 3, align: AlignmentType.LEFT, keepNext: true }),
    );
  }
  // Without an attachment the 版记 follows the date: the sign-off and the 版记 keep together, so the 版记
  // never starts a page alone (with an attachment it follows the attachment's last table row, which a
  // template cannot mark; see test/documents/pages.test.ts).
  children.push(
    ...signature(undefined, {
      keepDateWithNext: spec.afterDate !== undefined || spec.attachment === undefined,
    }),
  );
  if (spec.afterDate) children.push(...spec.afterDate);
  if (spec.attachment) {
    children.push(para(['附件'], { font: 'hei', align: AlignmentType.LEFT, pageBreakBefore: true }));
    children.push(blank());
    for (const line of spec.attachment.title) children.push(title(line));
    children.push(blank());
    children.push(...spec.attachment.content);
  }
  children.push(...imprint());
  return gbDocument(spec.meta, children);
}

/** A document with the GB/T 9704 page, grid, default style and odd/even page numbers. */
export function gbDocument(
  meta: { title: string; description: string; coverPage?: boolean },
  children: FileChild[],
): Document {
  const footers = pageNumberFooters();
  // A cover page carries no page number: the first page gets an empty footer.
  const first = meta.coverPage ? { first: new Footer({ children: [new Paragraph({ children: [] })] }) } : {};
  return new Document({
    creator: 'Shenbao',
    title: meta.title,
    description: meta.description,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: {
              ascii: 'Times New Roman',
              hAnsi: 'Times New Roman',
              eastAsia: page().fonts.fangsong,
              cs: 'Times New Roman',
            },
            size: page().bodySize,
            characterSpacing: page().charSpacing,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          // build.ts adds <w:overflowPunct/> here (ooxml.ts punctuationDefault): no character lost.
          paragraph: { spacing: { line: page().linePitch, lineRule: 'exact', before: 0, after: 0 } },
        },
      },
      paragraphStyles: [
        {
          id: TAG_STYLE,
          name: '模板标记',
          basedOn: 'Normal',
          quickFormat: false,
          run: { color: '808080' },
        },
      ],
    },
    sections: [
      {
        properties: { ...sectionProperties(), ...(meta.coverPage ? { titlePage: true } : {}) },
        footers: { ...footers, ...first },
        children,
      },
    ],
  });
}

export type { Table };
