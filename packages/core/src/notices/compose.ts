import type { DocumentEntry, NoticeSpec } from '../generated/program';
import { isJsonObject } from '../json-object';
import { getPointer, parsePointer } from '../json-pointer';
import type { Program } from '../program/program';
import type { SchemaNode } from '../validation/schema-walk';
import { type CentreNoticeSource, centreNoticeEntries } from './centres';
import { type NoticeSource, noticeEntries, noticePeriod } from './entries';

/** A document that is a notice: its manifest entry and its `notice` spec. */
export interface NoticeDocument {
  entry: DocumentEntry;
  spec: NoticeSpec;
}

/** The notice documents of a programme (documents with a `notice` spec). */
export function noticeDocuments(program: Program): NoticeDocument[] {
  return (program.manifest.documents ?? []).flatMap((entry) =>
    entry.notice ? [{ entry, spec: entry.notice }] : [],
  );
}

export function noticeDocument(program: Program, docId: string): NoticeDocument | undefined {
  return noticeDocuments(program).find((d) => d.entry.id === docId);
}

/** The parts of a notice's data the system fills, by JSON pointer. */
export type DerivedParts = Record<string, unknown>;

export interface DerivedNotice {
  parts: DerivedParts;
  /** The applications (or centres) listed, in entry order. */
  sources: string[];
  /** What staff should know before publishing (zh-CN): missing values, periods that differ. */
  problems: string[];
}

/** Pointers the system fills: the year, the entries and the period. Staff fill the rest. */
export function derivedPointers(spec: NoticeSpec): string[] {
  return [spec.year, spec.entries.path, spec.period?.path].filter((p): p is string => p !== undefined);
}

/** The live records a notice is derived from: the year's applications, or the programme's centres. */
export interface NoticeInputs {
  applications?: readonly NoticeSource[];
  centres?: readonly CentreNoticeSource[];
}

/**
 * The derived parts of a notice from live records: the year, the entries and the period.
 * A notice listing applications (`entries.from: "applications"`) takes the programme's
 * applications of that year (noticeEntries, noticePeriod); one listing centres takes the
 * programme's centres (centreNoticeEntries). An array is the applications.
 */
export function deriveNotice(
  program: Program,
  doc: NoticeDocument,
  year: number,
  inputs: readonly NoticeSource[] | NoticeInputs,
): DerivedNotice {
  const { spec } = doc;
  const given: NoticeInputs = Array.isArray(inputs) ? { applications: inputs } : (inputs as NoticeInputs);
  const sources = given.applications ?? [];
  const parts: DerivedParts = {};
  if (spec.year) parts[spec.year] = year;
  const fromCentres = spec.entries.from === 'centres';
  const entries = fromCentres
    ? centreNoticeEntries(program, doc, year, given.centres ?? [])
    : noticeEntries(program, doc.entry.id, spec, sources);
  parts[spec.entries.path] = entries.entries;
  const problems = [...entries.problems];
  if (entries.entries.length === 0)
    problems.push(
      fromCentres
        ? `名单为空：${year}年度没有${spec.entries.select === 'revoked' ? '被撤销' : '须予通告'}的创新中心`
        : '名单为空：没有处于相应状态的申报',
    );
  if (spec.period && !fromCentres) {
    const period = noticePeriod(program, spec, sources);
    problems.push(...period.problems);
    if (period.value) parts[spec.period.path] = period.value;
  }
  return { parts, sources: entries.sources, problems };
}

/** `root` with `value` at `pointer` (objects made on the way); `undefined` removes it. The input is not changed. */
function withPointer(root: unknown, tokens: readonly string[], value: unknown): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined) return value;
  const base: Record<string, unknown> = isJsonObject(root) ? { ...root } : {};
  const next = withPointer(base[head], rest, value);
  if (next === undefined) delete base[head];
  else base[head] = next;
  return base;
}

/** The staff's part of a notice's data: everything but the derived parts. */
export function staffPart(spec: NoticeSpec, data: unknown): Record<string, unknown> {
  let out: unknown = isJsonObject(data) ? data : {};
  for (const p of derivedPointers(spec)) out = withPointer(out, parsePointer(p), undefined);
  return out as Record<string, unknown>;
}

/** The whole notice: the staff's input with the derived parts written over it. */
export function mergeNotice(spec: NoticeSpec, staff: unknown, parts: DerivedParts): Record<string, unknown> {
  let out: unknown = staffPart(spec, staff);
  for (const p of derivedPointers(spec)) {
    if (Object.hasOwn(parts, p)) out = withPointer(out, parsePointer(p), parts[p]);
  }
  return out as Record<string, unknown>;
}

/** The derived parts a stored notice holds (to keep them when staff save their part). */
export function derivedOf(spec: NoticeSpec, data: unknown): DerivedParts {
  const parts: DerivedParts = {};
  for (const p of derivedPointers(spec)) {
    const v = getPointer(data, p);
    if (v !== undefined) parts[p] = v;
  }
  return parts;
}

/**
 * The form staff fill: the document's data schema without the derived parts (neither as
 * properties nor as required). Only properties of objects are removed; the rest is as written.
 */
export function staffSchema(program: Program, doc: NoticeDocument): SchemaNode {
  const schema = structuredClone(program.json(doc.entry.dataSchema)) as SchemaNode;
  for (const p of derivedPointers(doc.spec)) {
    const tokens = parsePointer(p);
    let node: SchemaNode | undefined = schema;
    for (const t of tokens.slice(0, -1)) {
      const props = node?.properties as Record<string, SchemaNode> | undefined;
      node = props?.[t];
    }
    const last = tokens[tokens.length - 1];
    if (!node || last === undefined) continue;
    const props = node.properties as Record<string, SchemaNode> | undefined;
    if (props) delete props[last];
    if (Array.isArray(node.required)) node.required = (node.required as string[]).filter((r) => r !== last);
  }
  return schema;
}

/** What the public list shows of a notice, read from its data by the spec's pointers. */
export interface NoticeSummary {
  title: string;
  docNo?: string;
  date?: string;
  period?: { startDate: string; endDate: string };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function noticeTitle(doc: NoticeDocument, year: number): string {
  return (doc.spec.title ?? doc.entry.title).replace(/\{year\}/g, String(year));
}

export function noticeSummary(doc: NoticeDocument, year: number, data: unknown): NoticeSummary {
  const { spec } = doc;
  const out: NoticeSummary = { title: noticeTitle(doc, year) };
  const docNo = spec.docNo ? str(getPointer(data, spec.docNo)) : undefined;
  if (docNo) out.docNo = docNo;
  const date = spec.date ? str(getPointer(data, spec.date)) : undefined;
  if (date) out.date = date;
  if (spec.period) {
    const start = str(getPointer(data, `${spec.period.path}/startDate`));
    const end = str(getPointer(data, `${spec.period.path}/endDate`));
    if (start && end) out.period = { startDate: start, endDate: end };
  }
  return out;
}
