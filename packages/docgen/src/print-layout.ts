// GB/T 9704-2012 7.4 and 7.5 at print time: the 版记 belongs on the last page, the back of the last sheet,
// so that page must be even. A template keeps its 版记 at the foot of the 版心 in a text box anchored to the
// bottom margin (wp:anchor, positionV relativeFrom="margin" align="bottom") in the document's last
// paragraph; which page that is depends on the data and is known only once the document is laid out.
// When a layout ends on an odd page, `imprintOnEvenPage` moves the box into a last section of its own
// that starts on the next even page (w:type evenPage: an office inserts the blank page before it), its
// footers empty: "公文的版记页前有空白页的，空白页和版记页均不编排页码" (7.5). Structural only: no wording.

import { type Document, type Element, type Node, XMLSerializer } from '@xmldom/xmldom';
import { descendants, kid, kids, paraText, parse, W } from './wml-read.js';
import { deflatedEntry, entryData, readZip, writeZip, type ZipEntry } from './zip.js';

const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const FOOTER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer';
const FOOTER_CONTENT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';

const encoder = new TextEncoder();

/**
 * The number of pages of a PDF as LibreOffice writes it (page objects in plain text), or undefined
 * when none can be counted (a compressed object stream, not a PDF).
 */
export function pdfPageCount(pdf: Uint8Array): number | undefined {
  const text = new TextDecoder('latin1').decode(pdf);
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return pages > 0 ? pages : undefined;
}

/** Children of `parent` in the wordprocessingDrawing namespace (wml-read's `kids` reads the w: one). */
const wpKid = (parent: Node, local: string): Element | undefined => {
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (n as Element).namespaceURI === WP && (n as Element).localName === local)
      return n as Element;
  return undefined;
};

/** The box kept at the foot of the 版心: an anchored text box aligned to the bottom of the margin. */
function footBox(paragraph: Element): Element | undefined {
  return Array.from(paragraph.getElementsByTagNameNS(WP, 'anchor')).find((anchor) => {
    const v = wpKid(anchor, 'positionV');
    const align = v && wpKid(v, 'align');
    return (
      v?.getAttribute('relativeFrom') === 'margin' &&
      align?.textContent?.trim() === 'bottom' &&
      descendants(anchor, 'txbxContent').length > 0
    );
  });
}

/** The element among `paragraph`'s children that holds `node` (the run, or the markup around it). */
function childHolding(paragraph: Element, node: Node): Element {
  let n: Node = node;
  while (n.parentNode && n.parentNode !== paragraph) n = n.parentNode;
  return n as Element;
}

/** Whether a paragraph still shows something: text, or a drawing of its own. */
const hasContent = (p: Element) =>
  paraText(p) !== '' || descendants(p, 'drawing').length > 0 || descendants(p, 'pict').length > 0;

// CT_PPr and CT_SectPr are sequences: a new child goes before the first sibling that comes after it.
const P_PR_ORDER = [
  'pStyle',
  'keepNext',
  'keepLines',
  'pageBreakBefore',
  'framePr',
  'widowControl',
  'numPr',
  'suppressLineNumbers',
  'pBdr',
  'shd',
  'tabs',
  'suppressAutoHyphens',
  'kinsoku',
  'wordWrap',
  'overflowPunct',
  'topLinePunct',
  'autoSpaceDE',
  'autoSpaceDN',
  'bidi',
  'adjustRightInd',
  'snapToGrid',
  'spacing',
  'ind',
  'contextualSpacing',
  'mirrorIndents',
  'suppressOverlap',
  'jc',
  'textDirection',
  'textAlignment',
  'textboxTightWrap',
  'outlineLvl',
  'divId',
  'cnfStyle',
  'rPr',
  'sectPr',
  'pPrChange',
];
const SECT_PR_ORDER = [
  'headerReference',
  'footerReference',
  'footnotePr',
  'endnotePr',
  'type',
  'pgSz',
  'pgMar',
  'paperSrc',
  'pgBorders',
  'lnNumType',
  'pgNumType',
  'cols',
  'formProt',
  'vAlign',
  'noEndnote',
  'titlePg',
  'textDirection',
  'bidi',
  'rtlGutter',
  'docGrid',
  'printerSettings',
  'sectPrChange',
];
function insertInOrder(parent: Element, node: Element, order: readonly string[]): void {
  const at = order.indexOf(node.localName ?? '');
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && order.indexOf((n as Element).localName ?? '') > at) {
      parent.insertBefore(node, n);
      return;
    }
  parent.appendChild(node);
}
const wElement = (doc: Document, local: string, attrs: Record<string, string> = {}) => {
  const el = doc.createElementNS(W, `w:${local}`);
  for (const [k, v] of Object.entries(attrs)) el.setAttributeNS(W, `w:${k}`, v);
  return el;
};

function pPrOf(doc: Document, p: Element): Element {
  const existing = kid(p, 'pPr');
  if (existing) return existing;
  const pPr = doc.createElementNS(W, 'w:pPr');
  p.insertBefore(pPr, p.firstChild);
  return pPr;
}

/**
 * The .docx with its foot-of-the-版心 box moved to a last section that starts on an even page with
 * empty footers, or undefined when the document has no such box in its last paragraph (nothing to move).
 */
export function imprintOnEvenPage(docx: Uint8Array): Uint8Array | undefined {
  const entries = readZip(docx);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const docEntry = byName.get('word/document.xml');
  const relsEntry = byName.get('word/_rels/document.xml.rels');
  const typesEntry = byName.get('[Content_Types].xml');
  if (!docEntry || !relsEntry || !typesEntry) return undefined;

  const parts = new Map([docEntry, relsEntry, typesEntry].map((e) => [e.name, entryData(e)]));
  const root = parse(parts, docEntry.name);
  const relsRoot = parse(parts, relsEntry.name);
  const typesRoot = parse(parts, typesEntry.name);
  const doc = root?.ownerDocument;
  const rels = relsRoot?.ownerDocument;
  const types = typesRoot?.ownerDocument;
  const body = kid(root, 'body');
  const bodySect = kid(body, 'sectPr');
  if (!doc || !rels || !types || !body || !bodySect || !relsRoot || !typesRoot) return undefined;
  let last: Element | undefined;
  for (let n = bodySect.previousSibling; n; n = n.previousSibling)
    if (n.nodeType === 1) {
      last = n as Element;
      break;
    }
  if (!last || last.namespaceURI !== W || last.localName !== 'p') return undefined;
  const box = footBox(last);
  if (!box) return undefined;
  if (kids(bodySect, 'type').some((t) => t.getAttributeNS(W, 'val') === 'evenPage')) return undefined;

  // The box's run goes to a paragraph of its own, the only content of the new last section.
  const holder = childHolding(last, box);
  const boxParagraph = doc.createElementNS(W, 'w:p');
  const lastPPr = kid(last, 'pPr');
  if (lastPPr) {
    const pPr = lastPPr.cloneNode(true) as Element;
    for (const local of ['keepNext', 'keepLines', 'pageBreakBefore', 'numPr', 'sectPr'])
      for (const el of kids(pPr, local)) pPr.removeChild(el);
    boxParagraph.appendChild(pPr);
  }
  boxParagraph.appendChild(holder);
  body.insertBefore(boxParagraph, bodySect);

  // The paragraph that held it ends the text's section (same page setup and footers as before). Left
  // empty, it takes the least height, so that it cannot push itself onto a page of its own.
  const endPPr = pPrOf(doc, last);
  for (const el of kids(endPPr, 'keepNext')) endPPr.removeChild(el);
  if (!hasContent(last)) {
    for (const el of [...kids(endPPr, 'spacing'), ...kids(endPPr, 'snapToGrid')]) endPPr.removeChild(el);
    insertInOrder(endPPr, wElement(doc, 'snapToGrid', { val: '0' }), P_PR_ORDER);
    const spacing = { before: '0', after: '0', line: '20', lineRule: 'exact' };
    insertInOrder(endPPr, wElement(doc, 'spacing', spacing), P_PR_ORDER);
  }
  insertInOrder(endPPr, bodySect.cloneNode(true) as Element, P_PR_ORDER);

  // The 版记's section: starts on an even page, its footers (and so the page numbers) empty.
  const ids = new Set(
    Array.from(relsRoot.getElementsByTagNameNS(PKG_REL, 'Relationship')).map((r) => r.getAttribute('Id')),
  );
  let n = 1;
  while (ids.has(`rIdShenbaoBlank${n}`)) n++;
  const rId = `rIdShenbaoBlank${n}`;
  let f = 1;
  while (byName.has(`word/footer${f}.xml`)) f++;
  const footerName = `footer${f}.xml`;
  const rel = rels.createElementNS(PKG_REL, 'Relationship');
  rel.setAttribute('Id', rId);
  rel.setAttribute('Type', FOOTER_TYPE);
  rel.setAttribute('Target', footerName);
  relsRoot.appendChild(rel);

  const override = types.createElementNS(CT, 'Override');
  override.setAttribute('PartName', `/word/${footerName}`);
  override.setAttribute('ContentType', FOOTER_CONTENT);
  typesRoot.appendChild(override);

  const footerKinds = new Set(['default', 'even']);
  for (const ref of kids(bodySect, 'footerReference')) {
    footerKinds.add(ref.getAttributeNS(W, 'type') || 'default');
    bodySect.removeChild(ref);
  }
  for (const kind of footerKinds) {
    const ref = wElement(doc, 'footerReference', { type: kind });
    ref.setAttributeNS(R, 'r:id', rId);
    insertInOrder(bodySect, ref, SECT_PR_ORDER);
  }
  for (const el of kids(bodySect, 'type')) bodySect.removeChild(el);
  insertInOrder(bodySect, wElement(doc, 'type', { val: 'evenPage' }), SECT_PR_ORDER);

  const footer =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:ftr xmlns:w="${W}"><w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p></w:ftr>`;
  const serialize = (d: Document) => encoder.encode(new XMLSerializer().serializeToString(d));
  const changed = new Map<string, Uint8Array>([
    ['word/document.xml', serialize(doc)],
    ['word/_rels/document.xml.rels', serialize(rels)],
    ['[Content_Types].xml', serialize(types)],
  ]);
  const out: ZipEntry[] = entries.map((e) => {
    const data = changed.get(e.name);
    return data ? deflatedEntry(e.name, data, 6, e) : e;
  });
  out.push(deflatedEntry(`word/${footerName}`, encoder.encode(footer), 6, docEntry));
  return writeZip(out);
}

/**
 * The print pass: the .docx to lay out again when its first layout (`pdf`) ends on an odd page and it
 * keeps a 版记 at the foot of its last page; undefined when the first layout stands.
 */
export function printPass(docx: Uint8Array, pdf: Uint8Array): Uint8Array | undefined {
  const pages = pdfPageCount(pdf);
  return pages !== undefined && pages % 2 === 1 ? imprintOnEvenPage(docx) : undefined;
}
