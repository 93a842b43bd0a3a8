// The GB/T 9704 geometry of a bureau document (program.json `layout: "gongwen"`), read from the .docx
// XML itself — sections, styles, footers, paragraph borders — so that a clerk's edit in Word or WPS that
// moves a margin or drops the page numbers is caught before anything is printed. The figures are data
// (templates/<programme>/gongwen.json, schemas/gongwen.schema.json); each finding names the article.

import { type Schema, SchemaValidator } from '@shenbao/core';
import type { Element, Node } from '@xmldom/xmldom';
import layoutSchema from '../../../schemas/gongwen.schema.json';
import type { FontSpec, GongwenLayout } from './generated/gongwen.js';
import type { PackageFinding, PackageParts } from './ooxml-check.js';
import type { DocgenProgram } from './program.js';
import { programFile } from './program.js';
import {
  descendants,
  kid,
  kids,
  num,
  on,
  paraText,
  parse,
  runsOf,
  runText,
  Styles,
  wAttr,
} from './wml-read.js';

export type { GongwenLayout } from './generated/gongwen.js';

/** Where a programme keeps its figures, in its file map. */
export const GONGWEN_LAYOUT_FILE = 'templates/gongwen.json';

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const utf8 = new TextDecoder('utf-8');

const mm = (twips: number) => (twips * 25.4) / 1440;
const fmt = (n: number) => n.toFixed(1).replace(/\.0$/, '');

let validateLayout: ReturnType<SchemaValidator['compile']> | undefined;

/** The programme's figures, checked against their schema, or why there are none. */
export function gongwenLayoutOf(program: DocgenProgram): { layout?: GongwenLayout; error?: string } {
  const raw = programFile(program, GONGWEN_LAYOUT_FILE);
  if (raw === undefined)
    return { error: `找不到公文版式数值文件 ${GONGWEN_LAYOUT_FILE}（见 schemas/gongwen.schema.json）` };
  try {
    const value: unknown = JSON.parse(typeof raw === 'string' ? raw : utf8.decode(raw));
    validateLayout ??= new SchemaValidator().compile(layoutSchema as Schema);
    if (!validateLayout(value)) {
      const e = validateLayout.errors?.[0];
      return {
        error: `${GONGWEN_LAYOUT_FILE} 不符合 schemas/gongwen.schema.json：${e?.instancePath || '/'} ${e?.message ?? ''}`,
      };
    }
    return { layout: value as GongwenLayout };
  } catch (e) {
    return { error: `${GONGWEN_LAYOUT_FILE} 不是合法的 JSON：${(e as Error).message}` };
  }
}

/** True when an ancestor of `el` below `top` passes `test`. */
function inside(el: Node, top: Node, test: (n: Element) => boolean): boolean {
  for (let n = el.parentNode; n && n !== top; n = n.parentNode)
    if (n.nodeType === 1 && test(n as Element)) return true;
  return false;
}
const isBox = (n: Element) => n.localName === 'txbxContent';
const isFallback = (n: Element) => n.namespaceURI === MC && n.localName === 'Fallback';

/**
 * The body's paragraphs in reading order, with the paragraphs of a text box in place of the paragraph
 * that anchors it (a 版记 kept at the foot of the last page in a box anchored to the bottom of the 版心).
 * A box in mc:Fallback repeats the one in mc:Choice and is skipped; an anchoring paragraph with text of
 * its own stays too.
 */
function readingOrder(body: Element): Element[] {
  const out: Element[] = [];
  for (const p of kids(body, 'p')) {
    const boxes = descendants(p, 'txbxContent').filter((b) => !inside(b, p, isFallback));
    if (boxes.length === 0) {
      out.push(p);
      continue;
    }
    const own = runsOf(p)
      .filter((r) => !inside(r, p, isBox))
      .map(runText)
      .join('');
    if (own.trim()) out.push(p);
    for (const box of boxes) out.push(...kids(box, 'p'));
  }
  return out;
}

/** docxtemplater section tags on their own ({#x} {/x} {^x}) are not printed. */
const isTagOnly = (text: string) => /^(\s*\{[#/^][^}]*\}\s*)+$/.test(text);

const sizeMessage = (size: number | undefined) => (size === undefined ? '（未设）' : `${size / 2} 磅`);

/** Runs whose East Asian font or size is not the spec's, summarised (one line per distinct deviation). */
function checkRuns(
  styles: Styles,
  paragraphs: readonly Element[],
  spec: FontSpec,
  what: string,
  standard: string,
  latin = false,
): string[] {
  const out = new Map<string, string>();
  for (const p of paragraphs)
    for (const r of runsOf(p)) {
      const text = runText(r).trim();
      if (!text) continue;
      const props = styles.run(r, p);
      const font = latin ? props.ascii : props.eastAsia;
      const badFont = !font || !(spec.fonts.includes(font) || spec.otherFonts?.includes(font));
      const badSize = props.size !== spec.size;
      if (!badFont && !badSize) continue;
      const key = `${font}|${props.size}`;
      if (out.has(key)) continue;
      const found = [
        badFont ? `字体 ${font ?? '（未设）'}` : '',
        badSize ? `字号 ${sizeMessage(props.size)}` : '',
      ]
        .filter(Boolean)
        .join('、');
      out.set(
        key,
        `${what}：“${text.slice(0, 12)}”${found}，${standard} 第 ${spec.article} 条要求${spec.sizeName}${spec.name}（${spec.size / 2} 磅）`,
      );
    }
  return [...out.values()];
}

const borderMm = (b: Element | undefined) => {
  const val = wAttr(b, 'val');
  if (!b || !val || val === 'nil' || val === 'none') return undefined;
  return ((num(b, 'sz') ?? 0) / 8) * (25.4 / 72);
};

/** Checks one .docx package against the figures; every finding is an error. */
export function checkGongwen(parts: PackageParts, layout: GongwenLayout): PackageFinding[] {
  const findings: PackageFinding[] = [];
  const std = layout.standard;
  const add = (part: string, message: string) => findings.push({ severity: 'error', part, message });
  const doc = parse(parts, 'word/document.xml');
  const body = kid(doc, 'body');
  if (!body) {
    add('word/document.xml', '找不到正文，无法检查公文格式');
    return findings;
  }
  const styles = new Styles(parse(parts, 'word/styles.xml'));

  // Page, margins, text block, grid: every section.
  const sections = [...descendants(body, 'sectPr')];
  const last = sections[sections.length - 1];
  if (!last)
    add(
      'word/document.xml',
      `页面：没有节属性（w:sectPr），${std} 第 ${layout.page.article} 条要求 ${layout.page.name} 纸`,
    );
  let bodySize = layout.body.size;
  for (const [i, s] of sections.entries()) {
    const where = sections.length > 1 ? `第 ${i + 1} 节` : '';
    const pgSz = kid(s, 'pgSz');
    const pgMar = kid(s, 'pgMar');
    const w = num(pgSz, 'w') ?? 0;
    const h = num(pgSz, 'h') ?? 0;
    const { page, margins, textBlock, grid } = layout;
    if (
      Math.abs(mm(w) - page.widthMm) > page.toleranceMm ||
      Math.abs(mm(h) - page.heightMm) > page.toleranceMm
    )
      add(
        'word/document.xml',
        `${where}纸张：${fmt(mm(w))} mm×${fmt(mm(h))} mm，${std} 第 ${page.article} 条要求 ${page.name}（${page.widthMm} mm×${page.heightMm} mm）`,
      );
    const top = num(pgMar, 'top') ?? 0;
    const left = (num(pgMar, 'left') ?? 0) + (num(pgMar, 'gutter') ?? 0);
    const right = num(pgMar, 'right') ?? 0;
    const bottom = num(pgMar, 'bottom') ?? 0;
    const tol = margins.toleranceMm;
    if (Math.abs(mm(top) - margins.topMm) > tol)
      add(
        'word/document.xml',
        `${where}页边距：上边距 ${fmt(mm(top))} mm，${std} 第 ${margins.article} 条要求天头 ${margins.topMm} mm±${tol} mm`,
      );
    if (Math.abs(mm(left) - margins.leftMm) > tol)
      add(
        'word/document.xml',
        `${where}页边距：左边距 ${fmt(mm(left))} mm，${std} 第 ${margins.article} 条要求订口 ${margins.leftMm} mm±${tol} mm`,
      );
    const tw = w - left - right;
    const th = h - Math.abs(top) - Math.abs(bottom);
    if (
      Math.abs(mm(tw) - textBlock.widthMm) > textBlock.toleranceMm ||
      Math.abs(mm(th) - textBlock.heightMm) > textBlock.toleranceMm
    )
      add(
        'word/document.xml',
        `${where}版心：${fmt(mm(tw))} mm×${fmt(mm(th))} mm，${std} 第 ${textBlock.article} 条要求版心 ${textBlock.widthMm} mm×${textBlock.heightMm} mm`,
      );
    // Lines: an exact line height (the default paragraph's) wins over the grid, as in Word and LibreOffice.
    const docGrid = kid(s, 'docGrid');
    const gridType = wAttr(docGrid, 'type');
    const spacing = kid(styles.defaultPPr, 'spacing');
    const normalSpacing =
      styles
        .chain(styles.defaultParagraphStyle)
        .map((st) => kid(kid(st, 'pPr'), 'spacing'))
        .find(Boolean) ?? spacing;
    const exact = wAttr(normalSpacing, 'lineRule') === 'exact' ? num(normalSpacing, 'line') : undefined;
    const pitch = exact ?? (gridType && gridType !== 'default' ? num(docGrid, 'linePitch') : undefined);
    const lines = pitch ? Math.floor(th / pitch) : undefined;
    if (lines !== grid.lines)
      add(
        'word/document.xml',
        `${where}行数：${lines === undefined ? '没有固定行距或行网格' : `每面 ${lines} 行（行距 ${fmt(pitch! / 20)} 磅）`}，${std} 第 ${grid.article} 条要求每面排 ${grid.lines} 行`,
      );
    // Characters: the grid's pitch when it snaps to characters, else the body font plus its run spacing.
    bodySize = styles.defaults.size ?? layout.body.size;
    const charPitch =
      gridType === 'linesAndChars' || gridType === 'snapToChars'
        ? bodySize * 10 + ((num(docGrid, 'charSpace') ?? 0) * 20) / 4096
        : bodySize * 10 + (styles.defaults.spacing ?? 0);
    const chars = Math.floor((tw + 0.5) / charPitch);
    if (chars !== grid.chars)
      add(
        'word/document.xml',
        `${where}字数：每行 ${chars} 字（字距 ${fmt(charPitch / 20)} 磅），${std} 第 ${grid.article} 条要求每行排 ${grid.chars} 个字`,
      );
  }

  // Title: the first centred paragraphs with text after the 版头 (the red mark and the 发文字号 over its rule).
  const paragraphs = readingOrder(body);
  const centred = (p: Element) => ['center'].includes(wAttr(styles.pPr(p, 'jc'), 'val') ?? '');
  // The red issuing-body mark, and the 发文字号 paragraph that carries the red rule as its bottom border.
  const isHeadPart = (p: Element) =>
    runsOf(p).some((r) => wAttr(kid(kid(r, 'rPr'), 'color'), 'val')?.toUpperCase() === 'FF0000') ||
    !!kid(styles.pPr(p, 'pBdr'), 'bottom');
  let i = 0;
  const title: Element[] = [];
  for (; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const text = paraText(p).trim();
    if (!text || isTagOnly(text) || isHeadPart(p)) {
      if (title.length) break;
      continue;
    }
    if (!centred(p)) break;
    title.push(p);
  }
  if (title.length === 0)
    add(
      'word/document.xml',
      `标题：版头之后没有居中的标题，${std} 第 ${layout.title.article} 条要求标题${layout.title.sizeName}${layout.title.name}、居中`,
    );
  for (const m of checkRuns(styles, title, layout.title, '标题', std)) add('word/document.xml', m);

  // Body: the paragraphs after the title up to the 版记 or an attachment page, tables and centred lines aside.
  const imprint = layout.imprint;
  const isImprint = (p: Element) => {
    const t = paraText(p).trim();
    return (
      t.startsWith(imprint.copyToLabel) ||
      t.endsWith(imprint.printedLabel) ||
      (imprint.leadLines ?? []).some((l) => t.startsWith(l))
    );
  };
  const bodyParas: Element[] = [];
  for (; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (
      isImprint(p) ||
      on(kid(kid(p, 'pPr'), 'pageBreakBefore')) ||
      descendants(p, 'br').some((b) => wAttr(b, 'type') === 'page')
    )
      break;
    const text = paraText(p).trim();
    if (text && !isTagOnly(text) && !centred(p)) bodyParas.push(p);
  }
  // Body text: its face, or the face of a heading level (7.3.3), at the body's size.
  const headingFonts = layout.headings
    ? [...layout.headings.level1.fonts, ...layout.headings.level2.fonts]
    : [];
  const bodySpec = { ...layout.body, otherFonts: [...(layout.body.otherFonts ?? []), ...headingFonts] };
  for (const m of checkRuns(styles, bodyParas, bodySpec, '正文', std)) add('word/document.xml', m);

  // Page numbers: odd footer (default) right, even footer left, "— N —", with even/odd footers switched on.
  findings.push(...checkPageNumbers(parts, last, styles, layout));

  // 版记: rules over the whole text block, thick first and last, thin between 抄送 and 印发.
  const printed = paragraphs.filter((p) => paraText(p).trim().endsWith(imprint.printedLabel));
  if (printed.length === 0)
    add(
      'word/document.xml',
      `版记：没有“……${imprint.printedLabel}”一行，${std} 第 ${imprint.article} 条要求版记以印发机关和印发日期一行结束，其下为末条分隔线`,
    );
  const thick = (b: Element | undefined) => {
    const v = borderMm(b);
    return v !== undefined && Math.abs(v - imprint.thickMm) <= imprint.toleranceMm;
  };
  const thin = (b: Element | undefined) => {
    const v = borderMm(b);
    return v !== undefined && Math.abs(v - imprint.thinMm) <= imprint.toleranceMm;
  };
  const rule = (b: Element | undefined) => {
    const v = borderMm(b);
    return v === undefined ? '缺失' : `为 ${v.toFixed(2)} mm`;
  };
  const imprintParas: Element[] = [];
  for (const p of printed) {
    const idx = paragraphs.indexOf(p);
    let prev: Element | undefined;
    for (let j = idx - 1; j >= 0; j--) {
      const t = paraText(paragraphs[j]!).trim();
      if (t && isTagOnly(t)) continue;
      prev = paragraphs[j];
      break;
    }
    const copy = prev && paraText(prev).trim().startsWith(imprint.copyToLabel) ? prev : undefined;
    const first = copy ?? p;
    imprintParas.push(p, ...(copy ? [copy] : []));
    const bdr = (el: Element, side: string) => kid(styles.pPr(el, 'pBdr'), side);
    if (!thick(bdr(first, 'top')))
      add(
        'word/document.xml',
        `版记：首条分隔线${rule(bdr(first, 'top'))}，${std} 第 ${imprint.article} 条要求粗线（推荐 ${imprint.thickMm} mm）`,
      );
    if (!thick(bdr(p, 'bottom')))
      add(
        'word/document.xml',
        `版记：末条分隔线${rule(bdr(p, 'bottom'))}，${std} 第 ${imprint.article} 条要求粗线（推荐 ${imprint.thickMm} mm）`,
      );
    if (copy && !thin(bdr(copy, 'bottom')) && !thin(bdr(p, 'top')))
      add(
        'word/document.xml',
        `版记：抄送与印发之间的分隔线${rule(bdr(copy, 'bottom') ?? bdr(p, 'top'))}，${std} 第 ${imprint.article} 条要求细线（推荐 ${imprint.thinMm} mm）`,
      );
  }
  for (const p of imprintParas) {
    // The border runs from the leftmost line of the paragraph (a hanging indent reaches back) to its right indent.
    const ind = styles.pPr(p, 'ind');
    const left = num(ind, 'left') ?? num(ind, 'start') ?? 0;
    const leftmost = Math.min(left, left - (num(ind, 'hanging') ?? 0), left + (num(ind, 'firstLine') ?? 0));
    const right = num(ind, 'right') ?? num(ind, 'end') ?? 0;
    if (leftmost > 0 || right > 0) {
      add(
        'word/document.xml',
        `版记：“${paraText(p).trim().slice(0, 12)}”有左右缩进，分隔线因此短于版心，${std} 第 ${imprint.article} 条要求分隔线与版心等宽`,
      );
      break;
    }
  }
  for (const m of checkRuns(styles, imprintParas, imprint.font, '版记', std)) add('word/document.xml', m);
  return findings;
}

function checkPageNumbers(
  parts: PackageParts,
  sectPr: Element | undefined,
  styles: Styles,
  layout: GongwenLayout,
): PackageFinding[] {
  const out: PackageFinding[] = [];
  const { font, dash, indentChars } = layout.pageNumber;
  const std = layout.standard;
  const rule = `${std} 第 ${font.article} 条要求${font.sizeName}半角${font.name}阿拉伯数字页码、两侧各一条一字线（${dash} 1 ${dash}），单页码居右空一字、双页码居左空一字`;
  const add = (part: string, what: string) =>
    out.push({ severity: 'error', part, message: `页码：${what}，${rule}` });
  const rels = new Map<string, string>();
  const relRoot = parse(parts, 'word/_rels/document.xml.rels');
  if (relRoot)
    for (const rel of Array.from(relRoot.getElementsByTagNameNS(REL, 'Relationship')))
      rels.set(
        rel.getAttribute('Id') ?? '',
        `word/${(rel.getAttribute('Target') ?? '').replace(/^\/?word\//, '')}`,
      );
  const refs = new Map<string, string>();
  for (const ref of kids(sectPr, 'footerReference'))
    refs.set(wAttr(ref, 'type') ?? 'default', rels.get(ref.getAttributeNS(R, 'id') ?? '') ?? '');
  const settings = parse(parts, 'word/settings.xml');
  if (!on(kid(settings, 'evenAndOddHeaders')))
    add('word/settings.xml', '没有启用“奇偶页不同”（w:evenAndOddHeaders），双页码无法居左');
  const fmtVal = wAttr(kid(sectPr, 'pgNumType'), 'fmt');
  if (fmtVal && fmtVal !== 'decimal') add('word/document.xml', `页码格式为 ${fmtVal}`);
  const cpp = font.size * 10; // one character of the page-number font, in twips
  for (const [type, side, label] of [
    ['default', 'right', '单页'],
    ['even', 'left', '双页'],
  ] as const) {
    const part = refs.get(type);
    const root = part ? parse(parts, part) : undefined;
    if (!part || !root) {
      add('word/document.xml', `没有${label}页脚`);
      continue;
    }
    const paras = descendants(root, 'p').filter(
      (p) =>
        descendants(p, 'instrText').some((t) => /\bPAGE\b/.test(t.textContent ?? '')) ||
        descendants(p, 'fldSimple').some((f) => /\bPAGE\b/.test(wAttr(f, 'instr') ?? '')),
    );
    const p = paras[0];
    if (!p) {
      add(part, `${label}页脚中没有页码域（PAGE）`);
      continue;
    }
    const instr = [
      ...descendants(p, 'instrText').map((t) => t.textContent ?? ''),
      ...descendants(p, 'fldSimple').map((f) => wAttr(f, 'instr') ?? ''),
    ].join(' ');
    if (/\\\*\s*(CHINESENUM|DBCHAR|ArabicDash|roman|alphabetic|DBNUM)/i.test(instr))
      add(part, `${label}页码域带格式开关“${instr.trim()}”`);
    // The text around the field: result runs between "separate" and "end" stand for the number.
    // The printed text with each field (complex or simple) as N.
    let text = '';
    let depth = 0;
    const seenSimple = new Set<Node>();
    for (const r of runsOf(p)) {
      const fc = wAttr(kid(r, 'fldChar'), 'fldCharType');
      const simple =
        r.parentNode && (r.parentNode as Element).localName === 'fldSimple' ? r.parentNode : undefined;
      if (fc === 'begin') {
        if (depth++ === 0) text += 'N';
      } else if (fc === 'end') depth = Math.max(0, depth - 1);
      else if (simple) {
        if (!seenSimple.has(simple)) text += 'N';
        seenSimple.add(simple);
      } else if (depth === 0) text += runText(r);
    }
    for (const f of descendants(p, 'fldSimple')) if (!seenSimple.has(f)) text += 'N';
    const d = dash.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^\\s*${d}\\s*N\\s*${d}\\s*$`);
    if (!pattern.test(text)) add(part, `${label}页码为“${text.trim()}”（N 为页码）`);
    const jc = wAttr(styles.pPr(p, 'jc'), 'val');
    const wantJc = side === 'right' ? ['right', 'end'] : ['left', 'start', 'both'];
    const ind = styles.pPr(p, 'ind');
    const indent =
      side === 'right' ? (num(ind, 'right') ?? num(ind, 'end')) : (num(ind, 'left') ?? num(ind, 'start'));
    const indentCharsSet = num(ind, side === 'right' ? 'rightChars' : 'leftChars');
    const spaced =
      indentCharsSet !== undefined
        ? Math.abs(indentCharsSet / 100 - indentChars) < 0.26
        : Math.abs((indent ?? 0) - indentChars * cpp) <= cpp / 4 ||
          Math.abs((indent ?? 0) - indentChars * 320) <= 80;
    if (!jc || !wantJc.includes(jc) || !spaced)
      add(
        part,
        `${label}页码${jc && wantJc.includes(jc) ? '' : `对齐为 ${jc ?? '（默认左对齐）'}`}${spaced ? '' : `${side === 'right' ? '右' : '左'}缩进 ${fmt((indent ?? 0) / cpp)} 字`}`,
      );
    const runs = runsOf(p).filter((r) => runText(r).trim());
    const bad = runs
      .map((r) => styles.run(r, p))
      .find((rp) => rp.size !== font.size || !rp.ascii || !font.fonts.includes(rp.ascii));
    if (bad)
      add(
        part,
        `${label}页码字体 ${bad.ascii ?? '（未设）'}、字号 ${bad.size === undefined ? '（未设）' : `${bad.size / 2} 磅`}`,
      );
  }
  return out;
}
