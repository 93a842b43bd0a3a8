// Reading WordprocessingML the way Word resolves it, for the checks of gongwen-check.ts: elements of the
// w: namespace, on/off and numeric attributes, and a run's East Asian font and size through its
// direct formatting, character style, paragraph style chain and docDefaults.

import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import type { PackageParts } from './ooxml-check.js';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const utf8 = new TextDecoder('utf-8');

export function parse(parts: PackageParts, name: string): Element | undefined {
  const raw = parts.get(name);
  if (!raw) return undefined;
  try {
    return (
      new DOMParser({ onError: () => {} }).parseFromString(utf8.decode(raw), 'text/xml').documentElement ??
      undefined
    );
  } catch {
    return undefined;
  }
}

export function kids(parent: Node | undefined, local?: string): Element[] {
  const out: Element[] = [];
  if (!parent) return out;
  for (let n = parent.firstChild; n; n = n.nextSibling)
    if (
      n.nodeType === 1 &&
      (n as Element).namespaceURI === W &&
      (!local || (n as Element).localName === local)
    )
      out.push(n as Element);
  return out;
}
export const kid = (parent: Node | undefined, local: string) => kids(parent, local)[0];
export const descendants = (el: Element | undefined, local: string): Element[] =>
  el ? Array.from(el.getElementsByTagNameNS(W, local)) : [];
export const wAttr = (el: Element | undefined, name: string) => el?.getAttributeNS(W, name) || undefined;
export const num = (el: Element | undefined, name: string) => {
  const v = wAttr(el, name);
  return v === undefined || Number.isNaN(Number(v)) ? undefined : Number(v);
};
/** On/off properties: present without w:val, or with a true value. */
export const on = (el: Element | undefined) =>
  !!el && !['0', 'false', 'off'].includes(wAttr(el, 'val') ?? '');

export interface RunProps {
  eastAsia?: string;
  ascii?: string;
  size?: number;
  spacing?: number;
}

/** Styles by id, with docDefaults: enough to resolve a run's East Asian font and size. */
export class Styles {
  private readonly byId = new Map<string, Element>();
  readonly defaults: RunProps;
  readonly defaultPPr?: Element;
  readonly defaultParagraphStyle?: string;
  constructor(root: Element | undefined) {
    for (const s of kids(root, 'style')) {
      const id = wAttr(s, 'styleId');
      if (id) this.byId.set(id, s);
      if (wAttr(s, 'type') === 'paragraph' && ['1', 'true', 'on'].includes(wAttr(s, 'default') ?? ''))
        this.defaultParagraphStyle = id;
    }
    const docDefaults = kid(root, 'docDefaults');
    this.defaults = readRPr(kid(kid(docDefaults, 'rPrDefault'), 'rPr'));
    this.defaultPPr = kid(kid(docDefaults, 'pPrDefault'), 'pPr');
  }
  /** Style chain, nearest first (basedOn), guarded against cycles. */
  chain(id: string | undefined): Element[] {
    const out: Element[] = [];
    const seen = new Set<string>();
    while (id && !seen.has(id)) {
      seen.add(id);
      const s = this.byId.get(id);
      if (!s) break;
      out.push(s);
      id = wAttr(kid(s, 'basedOn'), 'val');
    }
    return out;
  }
  paragraphStyle(p: Element): Element[] {
    return this.chain(wAttr(kid(kid(p, 'pPr'), 'pStyle'), 'val') ?? this.defaultParagraphStyle);
  }
  /** A paragraph property: direct, then the style chain, then docDefaults. */
  pPr(p: Element, local: string): Element | undefined {
    const direct = kid(kid(p, 'pPr'), local);
    if (direct) return direct;
    for (const s of this.paragraphStyle(p)) {
      const v = kid(kid(s, 'pPr'), local);
      if (v) return v;
    }
    return kid(this.defaultPPr, local);
  }
  run(r: Element, p: Element): RunProps {
    const layers: RunProps[] = [readRPr(kid(r, 'rPr'))];
    for (const s of this.chain(wAttr(kid(kid(r, 'rPr'), 'rStyle'), 'val')))
      layers.push(readRPr(kid(s, 'rPr')));
    for (const s of this.paragraphStyle(p)) layers.push(readRPr(kid(s, 'rPr')));
    layers.push(this.defaults);
    const pick = <K extends keyof RunProps>(k: K) => layers.find((l) => l[k] !== undefined)?.[k];
    return { eastAsia: pick('eastAsia'), ascii: pick('ascii'), size: pick('size'), spacing: pick('spacing') };
  }
}

export function readRPr(rPr: Element | undefined): RunProps {
  const fonts = kid(rPr, 'rFonts');
  return {
    eastAsia: wAttr(fonts, 'eastAsia'),
    ascii: wAttr(fonts, 'ascii'),
    size: num(kid(rPr, 'sz'), 'val'),
    spacing: num(kid(rPr, 'spacing'), 'val'),
  };
}

export const runText = (r: Element) =>
  kids(r)
    .map((c) => (c.localName === 't' ? (c.textContent ?? '') : c.localName === 'tab' ? '\t' : ''))
    .join('');
/** Runs directly in a paragraph or inside its hyperlinks, smart tags and the like. */
export const runsOf = (p: Element) => descendants(p, 'r');
export const paraText = (p: Element) => runsOf(p).map(runText).join('');
