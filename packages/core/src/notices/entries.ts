import type { NoticeItemSource, NoticeSpec } from '../generated/program';
import { getPointer } from '../json-pointer';
import { deadlineFor } from '../procedure/deadline';
import type { GuardDocument } from '../procedure/guard-document';
import type { Program } from '../program/program';
import { labelFor, type SchemaNode, walkSchema } from '../validation/schema-walk';

/** One application as a notice reads it: its state, data and the latest record of each transition. */
export interface NoticeSource {
  id: string;
  state: string;
  /** 申报编号: entries are listed in its order (then by id). */
  receiptNo?: string | null;
  data: unknown;
  /** The latest record of each transition taken, by transition id. */
  records: Readonly<Record<string, unknown>>;
}

export interface NoticeEntriesResult {
  entries: Record<string, unknown>[];
  /** The applications the entries come from, in entry order. */
  sources: string[];
  /** Why an entry is incomplete or the list could not be made (zh-CN); the entries are still given. */
  problems: string[];
}

export interface NoticePeriodResult {
  /** First and last day (YYYY-MM-DD); absent when no entry has a start date. */
  value?: { startDate: string; endDate: string };
  problems: string[];
}

const byReceipt = (a: NoticeSource, b: NoticeSource): number => {
  const ra = a.receiptNo ?? '';
  const rb = b.receiptNo ?? '';
  if (ra !== rb) return ra === '' ? 1 : rb === '' ? -1 : ra < rb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

const nameOf = (s: NoticeSource): string => `申报「${s.receiptNo ?? s.id}」`;

/** The applications a notice lists: those in the spec's states, in 申报编号 order. */
export function noticeSources(spec: NoticeSpec, sources: readonly NoticeSource[]): NoticeSource[] {
  const states = spec.entries.states;
  return sources.filter((s) => !states || states.includes(s.state)).sort(byReceipt);
}

/** The document's schema (the notice's data), for field titles in problems. */
function documentSchema(program: Program, docId: string): SchemaNode {
  const entry = program.manifest.documents?.find((d) => d.id === docId);
  try {
    return entry ? (program.json(entry.dataSchema) as SchemaNode) : {};
  } catch {
    return {};
  }
}

/** One thing a notice lists, as its item pointers read it. */
export interface EntryRow {
  id: string;
  /** How problems name it (zh-CN), e.g. 申报「DGAI-2026-0001」. */
  name: string;
  read(src: NoticeItemSource): unknown;
}

/**
 * The entries from rows: each field of `spec.entries.item` read by `row.read`; reference values
 * are checked against the reference data and written as its code or its name. A missing value
 * of a field the item schema requires is a problem, an optional one is left out; unknown
 * reference values are problems, never exceptions.
 */
export function entriesFrom(
  program: Program,
  docId: string,
  spec: NoticeSpec,
  rows: readonly EntryRow[],
): NoticeEntriesResult {
  const schema = documentSchema(program, docId);
  const itemSchema = walkSchema(schema, `${spec.entries.path}/0`).at(-1)?.schema;
  const required = Array.isArray(itemSchema?.required) ? new Set(itemSchema.required as string[]) : undefined;
  const problems: string[] = [];
  const references = new Map<string, Map<string, Record<string, unknown>>>();
  const referenceOf = (name: string, key: string) => {
    const id = `${name}#${key}`;
    let map = references.get(id);
    if (!map) {
      map = new Map();
      for (const item of program.reference(name)) map.set(String(item[key]), item);
      references.set(id, map);
    }
    return map;
  };

  const entries = rows.map((row) => {
    const entry: Record<string, unknown> = {};
    for (const [field, def] of Object.entries(spec.entries.item)) {
      if (def === undefined) continue;
      const src: NoticeItemSource = typeof def === 'string' ? { path: def } : def;
      let value = row.read(src);
      const label = labelFor(schema, `${spec.entries.path}/0/${field}`).replace(/^「[^」]*」第1项/, '');
      if (value === undefined || value === null || value === '') {
        if (!required || required.has(field)) problems.push(`${row.name}缺少${label}`);
        continue;
      }
      if (src.reference) {
        const item = referenceOf(src.reference, src.key ?? 'code').get(String(value));
        if (!item) {
          problems.push(`${row.name}的${label}“${String(value)}”不在参考数据中`);
        } else if (src.as === 'name') {
          value = item[src.label ?? 'name'];
        }
      }
      entry[field] = value;
    }
    return entry;
  });
  return { entries, sources: rows.map((r) => r.id), problems };
}

/**
 * The entries of a notice from live applications: each application in the spec's states gives
 * one entry, its fields read by the spec's pointers (a transition's record first, then the
 * application data). Notices listing centres are made by `centreNoticeEntries`.
 */
export function noticeEntries(
  program: Program,
  docId: string,
  spec: NoticeSpec,
  sources: readonly NoticeSource[],
): NoticeEntriesResult {
  if (spec.entries.from !== 'applications')
    return {
      entries: [],
      sources: [],
      problems: [`名单来源“${spec.entries.from}”不是申报，无法从申报生成`],
    };
  const rows = noticeSources(spec, sources).map((source): EntryRow => {
    const record = spec.entries.record ? source.records[spec.entries.record] : undefined;
    return {
      id: source.id,
      name: nameOf(source),
      read: (src) => {
        const value = src.record !== undefined ? getPointer(record, src.record) : undefined;
        if (value !== undefined && value !== '') return value;
        return src.path ? getPointer(source.data, src.path) : undefined;
      },
    };
  });
  return entriesFrom(program, docId, spec, rows);
}

/**
 * The notice's period (公示期) from live records: each listed application's start date as
 * recorded with the transition that entered the period's state, counted to its end by that
 * state's deadline rule (core's publicity rule, calendar or working days). Applications with
 * different periods are a problem; the period of the first listed one is given.
 */
export function noticePeriod(
  program: Program,
  spec: NoticeSpec,
  sources: readonly NoticeSource[],
): NoticePeriodResult {
  const period = spec.period;
  if (!period) return { problems: [] };
  const problems: string[] = [];
  const found = new Map<string, { startDate: string; endDate: string; who: string[] }>();
  for (const source of noticeSources(spec, sources)) {
    const record = source.records[period.transition];
    if (record === undefined) {
      problems.push(`${nameOf(source)}没有「${transitionTitle(program, period.transition)}」的登记记录`);
      continue;
    }
    const document: GuardDocument = { application: source.data, record };
    const deadline = deadlineFor(program, period.state, document, period.transition);
    if (!deadline) {
      problems.push(`状态「${period.state}」没有设置期限，无法计算期间`);
      break;
    }
    if (!deadline.ok) {
      problems.push(`${nameOf(source)}：${deadline.reason}`);
      continue;
    }
    const key = `${deadline.start}/${deadline.end}`;
    const seen = found.get(key) ?? { startDate: deadline.start, endDate: deadline.end, who: [] };
    seen.who.push(source.receiptNo ?? source.id);
    found.set(key, seen);
  }
  const periods = [...found.values()];
  if (periods.length > 1)
    problems.push(
      `名单中的申报期间不一致：${periods.map((p) => `${p.startDate}至${p.endDate}（${p.who.join('、')}）`).join('；')}`,
    );
  const first = periods[0];
  return first ? { value: { startDate: first.startDate, endDate: first.endDate }, problems } : { problems };
}

function transitionTitle(program: Program, id: string): string {
  return program.manifest.procedure.transitions.find((t) => t.id === id)?.title ?? id;
}
