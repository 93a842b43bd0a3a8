// What makes a .docx open in Word and WPS, checked without them (issue 13): every part named in
// [Content_Types].xml, every relationship target present, and each WordprocessingML part in the
// form the ISO/IEC 29500 schemas accept once the markup Word may skip (mc:Ignorable) is removed.
// Pure: the schema validation itself is node-only (ooxml-xsd.ts) and plugs in as a function.

import { DOMParser, type Element, type Node, XMLSerializer } from '@xmldom/xmldom';
import { entryData, readZip, ZipFormatError } from './zip.js';

export interface PackageFinding {
  severity: 'error' | 'warning';
  /** Part name inside the package, e.g. word/document.xml. */
  part?: string;
  line?: number;
  message: string;
}

/** Parts by name; the bytes as stored after inflation. */
export type PackageParts = ReadonlyMap<string, Uint8Array>;

const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Namespaces the Transitional schemas declare (what a validator "understands" in MCE terms). */
const UNDERSTOOD = new Set([
  W,
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://schemas.openxmlformats.org/officeDocument/2006/math',
  'http://schemas.openxmlformats.org/drawingml/2006/main',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  'http://schemas.openxmlformats.org/drawingml/2006/picture',
  'http://schemas.openxmlformats.org/drawingml/2006/chart',
  'http://schemas.openxmlformats.org/drawingml/2006/diagram',
  'http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas',
  'http://schemas.openxmlformats.org/drawingml/2006/chartDrawing',
  'http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes',
  'http://schemas.openxmlformats.org/schemaLibrary/2006/main',
  'http://www.w3.org/XML/1998/namespace',
  'urn:schemas-microsoft-com:vml',
  'urn:schemas-microsoft-com:office:office',
  'urn:schemas-microsoft-com:office:word',
]);

const utf8 = new TextDecoder('utf-8');

/** The package's parts; a broken zip is a finding, not an exception. */
export function readPackage(bytes: Uint8Array): {
  parts: Map<string, Uint8Array>;
  findings: PackageFinding[];
} {
  const parts = new Map<string, Uint8Array>();
  try {
    for (const entry of readZip(bytes))
      if (!entry.name.endsWith('/')) parts.set(entry.name, entryData(entry));
  } catch (e) {
    if (e instanceof ZipFormatError) return { parts, findings: [{ severity: 'error', message: e.message }] };
    throw e;
  }
  return { parts, findings: [] };
}

interface Parsed {
  doc?: ReturnType<DOMParser['parseFromString']>;
  error?: string;
}

function parseXml(text: string): Parsed {
  let error: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning' && error === undefined) error = message.split('\n')[0];
    },
  });
  try {
    const doc = parser.parseFromString(text, 'text/xml');
    return error === undefined ? { doc } : { error };
  } catch (e) {
    return { error: error ?? (e as Error).message.split('\n')[0] };
  }
}

function elements(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

function childrenNamed(parent: Node, ns: string, local: string): Element[] {
  return elements(parent).filter((e) => e.namespaceURI === ns && e.localName === local);
}

/** Content type of each part, from [Content_Types].xml (Override by part name, else Default by extension). */
export function contentTypes(parts: PackageParts): {
  typeOf: (part: string) => string | undefined;
  overrides: string[];
  findings: PackageFinding[];
} {
  const findings: PackageFinding[] = [];
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const raw = parts.get('[Content_Types].xml');
  if (!raw) findings.push({ severity: 'error', message: '缺少 [Content_Types].xml，Word 无法识别任何部件' });
  else {
    const { doc, error } = parseXml(utf8.decode(raw));
    if (!doc?.documentElement || error) {
      findings.push({
        severity: 'error',
        part: '[Content_Types].xml',
        message: `不是格式正确的 XML：${error}`,
      });
    } else {
      for (const d of childrenNamed(doc.documentElement, CT, 'Default'))
        defaults.set((d.getAttribute('Extension') ?? '').toLowerCase(), d.getAttribute('ContentType') ?? '');
      for (const o of childrenNamed(doc.documentElement, CT, 'Override'))
        overrides.set(
          (o.getAttribute('PartName') ?? '').replace(/^\//, '').toLowerCase(),
          o.getAttribute('ContentType') ?? '',
        );
    }
  }
  const typeOf = (part: string) => {
    const key = part.toLowerCase();
    return overrides.get(key) ?? defaults.get(key.slice(key.lastIndexOf('.') + 1));
  };
  return { typeOf, overrides: [...overrides.keys()], findings };
}

/** Resolves a relationship target against the folder of the part the .rels file belongs to. */
function resolveTarget(relsPath: string, target: string): string {
  // word/_rels/document.xml.rels belongs to word/document.xml; _rels/.rels to the package root.
  const base = relsPath.replace(/_rels\/[^/]*$/, '');
  const segments = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  try {
    return decodeURIComponent(out.join('/'));
  } catch {
    return out.join('/');
  }
}

/** [Content_Types].xml covers every part; every internal relationship target is in the package. */
export function checkPackageStructure(parts: PackageParts): PackageFinding[] {
  const { typeOf, overrides, findings } = contentTypes(parts);
  if (parts.has('[Content_Types].xml')) {
    for (const name of parts.keys()) {
      if (name === '[Content_Types].xml') continue;
      if (!typeOf(name))
        findings.push({
          severity: 'error',
          part: name,
          message: `[Content_Types].xml 没有为部件 ${name} 声明内容类型`,
        });
    }
    const present = new Set([...parts.keys()].map((n) => n.toLowerCase()));
    for (const o of overrides)
      if (!present.has(o))
        findings.push({
          severity: 'warning',
          part: '[Content_Types].xml',
          message: `内容类型声明了不存在的部件 /${o}`,
        });
  }
  if (!parts.has('word/document.xml'))
    findings.push({ severity: 'error', message: '缺少正文部件 word/document.xml' });
  for (const [name, raw] of parts) {
    if (!name.endsWith('.rels')) continue;
    const { doc, error } = parseXml(utf8.decode(raw));
    if (!doc?.documentElement || error) {
      findings.push({ severity: 'error', part: name, message: `不是格式正确的 XML：${error}` });
      continue;
    }
    for (const rel of childrenNamed(doc.documentElement, REL, 'Relationship')) {
      if (rel.getAttribute('TargetMode') === 'External') continue;
      const target = rel.getAttribute('Target') ?? '';
      const resolved = resolveTarget(name, target);
      if (!parts.has(resolved))
        findings.push({
          severity: 'error',
          part: name,
          message: `关系 ${rel.getAttribute('Id')} 指向的部件 ${resolved} 不在文件中（Word 会报告文件已损坏）`,
        });
    }
  }
  return findings;
}

const WML_TYPE = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\./;

/** The WordprocessingML parts (document, styles, numbering, settings, headers, footers, notes…). */
export function wordprocessingParts(parts: PackageParts): string[] {
  const { typeOf } = contentTypes(parts);
  return [...parts.keys()]
    .filter((name) => name.endsWith('.xml') && WML_TYPE.test(typeOf(name) ?? ''))
    .sort();
}

/**
 * A part as a schema validator should see it, after Markup Compatibility processing (ECMA-376 Part 3):
 * elements and attributes of namespaces listed in mc:Ignorable are removed (Word skips them), and each
 * mc:AlternateContent is replaced by the content of its mc:Fallback (or removed when it has none) — the
 * choice a consumer makes that understands only the Transitional schemas. Any other markup of a namespace
 * the schemas do not know stays, and the validator reports it.
 */
export function prepareForSchema(xml: string): { xml?: string; error?: string } {
  const { doc, error } = parseXml(xml);
  if (!doc?.documentElement || error) return { error: `不是格式正确的 XML：${error}` };
  const ignorable = new Set<string>();
  const visit = (el: Element) => {
    const declared = el.getAttributeNS(MC, 'Ignorable');
    const added: string[] = [];
    if (declared) {
      for (const prefix of declared.split(/\s+/).filter(Boolean)) {
        const ns = el.lookupNamespaceURI(prefix);
        if (ns && !UNDERSTOOD.has(ns) && !ignorable.has(ns)) {
          ignorable.add(ns);
          added.push(ns);
        }
      }
    }
    for (const attr of [...Array.from(el.attributes)]) {
      const ns = attr.namespaceURI;
      if (ns && (ns === MC || ignorable.has(ns))) el.removeAttributeNode(attr);
    }
    for (const child of elements(el)) {
      const ns = child.namespaceURI ?? '';
      if (ns === MC && child.localName === 'AlternateContent') {
        const fallback = childrenNamed(child, MC, 'Fallback')[0];
        const replacement: Node[] = [];
        if (fallback) for (let n = fallback.firstChild; n; n = n.nextSibling) replacement.push(n);
        for (const n of replacement) {
          el.insertBefore(n, child);
          if (n.nodeType === 1) visit(n as Element);
        }
        el.removeChild(child);
      } else if (ignorable.has(ns)) el.removeChild(child);
      else visit(child);
    }
    for (const ns of added) ignorable.delete(ns);
  };
  visit(doc.documentElement);
  return { xml: new XMLSerializer().serializeToString(doc) };
}

/** One problem a schema validator reports on one part. */
export interface SchemaError {
  part: string;
  line?: number;
  message: string;
}

/** Validates prepared parts against the WordprocessingML schema; node-only (ooxml-xsd.ts). */
export type SchemaValidator = (parts: readonly { part: string; xml: string }[]) => Promise<SchemaError[]>;

export interface OoxmlCheckOptions {
  /** Absent: the schema part is skipped; the caller says so once (the schemas are an optional install). */
  validate?: SchemaValidator;
}

/** Package structure, then every WordprocessingML part against the schema. */
export async function checkOoxml(
  bytes: Uint8Array,
  options: OoxmlCheckOptions = {},
): Promise<PackageFinding[]> {
  const { parts, findings } = readPackage(bytes);
  if (findings.length) return findings;
  findings.push(...checkPackageStructure(parts));
  const prepared: { part: string; xml: string }[] = [];
  for (const part of wordprocessingParts(parts)) {
    const result = prepareForSchema(utf8.decode(parts.get(part)!));
    if (result.error) findings.push({ severity: 'error', part, message: result.error });
    else prepared.push({ part, xml: result.xml! });
  }
  if (!options.validate) return findings;
  for (const e of await options.validate(prepared))
    findings.push({
      severity: 'error',
      part: e.part,
      line: e.line,
      message: `不符合 ISO/IEC 29500 WordprocessingML 架构（按 Word 的属性顺序，wml-wordorder.xsd），Word 或 WPS 可能报告文件已损坏：${e.message}`,
    });
  return findings;
}
