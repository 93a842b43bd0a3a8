/**
 * Notices that list recognised centres (program.json `notice.entries.from: "centres"`): the
 * 通告 of the centres whose year's assessment calls for one (第十三条: first-year failure) and
 * the 撤销公告 of the centres revoked in the year (第十五条). Each selected centre is shown as a
 * view — its brand and operator as they were then, its 统一社会信用代码, the failed indicators
 * of the year, the revocation with its ground and ban — and the spec's item pointers read the
 * view, as they read an application's data for the application notices.
 */

import { type CentreNamed, nameOn } from '../centres/names';
import { type CentreYearResult, centreConsequence } from '../centres/outcomes';
import type { NoticeSpec } from '../generated/program';
import { isJsonObject } from '../json-object';
import { getPointer } from '../json-pointer';
import type { Program } from '../program/program';
import { banFor, findGround, groundArticle } from '../rules/revocation';
import { isoDateIn } from '../rules/submission';
import type { SchemaNode } from '../validation/schema-walk';
import type { NoticeDocument } from './compose';
import { type EntryRow, entriesFrom, type NoticeEntriesResult } from './entries';

/** A centre's year as a notice reads it. */
export interface CentreNoticeYear extends CentreYearResult {
  /** The stored assessment (core `assess()` result, possibly with a comment). */
  assessment: unknown;
  /** When it was assessed (ISO timestamp); null while not assessed. */
  assessedAt: string | null;
}

/** A recognised centre as the caller read it from its records. */
export interface CentreNoticeSource {
  id: string;
  receiptNo?: string | null;
  /** 统一社会信用代码 of the operating organisation. */
  orgUscc: string;
  /** Every name in the order they took effect, the recognition's first (never empty). */
  names: readonly CentreNamed[];
  years: readonly CentreNoticeYear[];
  /** The decided revocation; absent or null when the centre is not revoked. */
  revocation?: { ground: number; reason: string; decidedOn: string } | null;
}

/** Which centres a notice lists (`notice.entries.select`). */
export type CentreSelection = NonNullable<NoticeSpec['entries']['select']>;

export interface FailedIndicator {
  title: string;
  unit: string;
  /** The value the actual figure was measured against (the year's goal). */
  target?: number;
  actual?: number;
}

/** What the item pointers of a centres notice read. */
export interface CentreNoticeView {
  id: string;
  receiptNo: string | null;
  brand: string;
  operator: string;
  creditCode: string;
  /** The notice's year. */
  year: number;
  /** The day the names are taken on (assessment or revocation), YYYY-MM-DD. */
  asOf: string | null;
  failedIndicators: FailedIndicator[];
  revocation?: {
    ground: number;
    groundText: string;
    groundArticle: string;
    reason: string;
    decidedOn: string;
    ban: { kind: string; text?: string; until?: string; article?: string };
  };
}

/** The shape of `CentreNoticeView`, for the lint of item pointers. */
export const CENTRE_NOTICE_VIEW_SCHEMA: SchemaNode = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    receiptNo: { type: 'string' },
    brand: { type: 'string' },
    operator: { type: 'string' },
    creditCode: { type: 'string' },
    year: { type: 'integer' },
    asOf: { type: 'string' },
    failedIndicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          title: { type: 'string' },
          unit: { type: 'string' },
          target: { type: 'number' },
          actual: { type: 'number' },
        },
      },
    },
    revocation: {
      type: 'object',
      properties: {
        ground: { type: 'integer' },
        groundText: { type: 'string' },
        groundArticle: { type: 'string' },
        reason: { type: 'string' },
        decidedOn: { type: 'string' },
        ban: {
          type: 'object',
          properties: {
            kind: { type: 'string' },
            text: { type: 'string' },
            until: { type: 'string' },
            article: { type: 'string' },
          },
        },
      },
    },
  },
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/**
 * The indicators a stored assessment found unmet, with the goal and the actual figure: a
 * numeric indicator as measured; a list indicator (展厅功能) as the number of items required
 * and the number of those present.
 */
export function failedIndicators(assessment: unknown): FailedIndicator[] {
  const indicators =
    isJsonObject(assessment) && Array.isArray(assessment.indicators) ? assessment.indicators : [];
  const out: FailedIndicator[] = [];
  for (const i of indicators) {
    if (!isJsonObject(i) || i.met !== false) continue;
    const f: FailedIndicator = { title: String(i.title ?? i.id ?? ''), unit: String(i.unit ?? '') };
    if (Array.isArray(i.bar)) {
      const have = Array.isArray(i.actual) ? i.actual : undefined;
      f.target = i.bar.length;
      if (have) f.actual = i.bar.filter((b) => have.includes(b)).length;
    } else {
      const target = num(i.bar);
      const actual = num(i.actual);
      if (target !== undefined) f.target = target;
      if (actual !== undefined) f.actual = actual;
    }
    out.push(f);
  }
  return out;
}

/** The notice document whose list is the centres of `select` (e.g. the 通告 of a failure). */
export function centreNoticeDocument(
  program: Program,
  select: CentreSelection,
): { id: string; title: string } | undefined {
  const entry = (program.manifest.documents ?? []).find(
    (d) => d.notice?.entries.from === 'centres' && d.notice.entries.select === select,
  );
  return entry ? { id: entry.id, title: entry.title } : undefined;
}

const byReceipt = (a: CentreNoticeSource, b: CentreNoticeSource): number => {
  const ra = a.receiptNo ?? '';
  const rb = b.receiptNo ?? '';
  if (ra !== rb) return ra === '' ? 1 : rb === '' ? -1 : ra < rb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

const baseView = (c: CentreNoticeSource, year: number, asOf: string | null) => {
  const name = asOf ? nameOn(c.names, asOf) : (c.names[c.names.length - 1] as CentreNamed);
  return {
    id: c.id,
    receiptNo: c.receiptNo ?? null,
    brand: name?.brand ?? '',
    operator: name?.operator ?? '',
    creditCode: c.orgUscc,
    year,
    asOf,
  };
};

/**
 * The centres a notice of `year` lists, as views, in the notice's order: `notice` — those whose
 * assessment of `year` calls for a notice (core's `centreConsequence`, e.g. a first-year
 * failure under 第十三条), named as on the day of the assessment, in 申报编号 order;
 * `revoked` — those whose revocation was decided in `year`, named as on the day of the
 * decision, with the ground (第十四条第（三）项) and the ban of `banFor` (第十五条), in order of
 * the decision.
 */
export function centreNoticeViews(
  program: Program,
  select: CentreSelection,
  year: number,
  centres: readonly CentreNoticeSource[],
): CentreNoticeView[] {
  const manifest = program.manifest;
  if (select === 'notice') {
    return centres
      .filter((c) => {
        const y = c.years.find((x) => x.year === year);
        return y !== undefined && centreConsequence(manifest, c.years, year).action === 'notice';
      })
      .sort(byReceipt)
      .map((c) => {
        const y = c.years.find((x) => x.year === year) as CentreNoticeYear;
        const asOf = y.assessedAt ? isoDateIn(new Date(y.assessedAt), manifest.timezone) : null;
        return { ...baseView(c, year, asOf), failedIndicators: failedIndicators(y.assessment) };
      });
  }
  const prefix = `${year}-`;
  return centres
    .filter((c) => c.revocation?.decidedOn.startsWith(prefix))
    .sort((a, b) => {
      const da = a.revocation?.decidedOn ?? '';
      const db = b.revocation?.decidedOn ?? '';
      return da !== db ? (da < db ? -1 : 1) : byReceipt(a, b);
    })
    .map((c) => {
      const r = c.revocation as NonNullable<CentreNoticeSource['revocation']>;
      const ground = findGround(manifest, r.ground);
      const ban = banFor(manifest, r.ground, r.decidedOn);
      const view: CentreNoticeView = {
        ...baseView(c, year, r.decidedOn),
        failedIndicators: [],
        revocation: {
          ground: r.ground,
          groundText: ground?.text ?? '',
          groundArticle: ground ? groundArticle(manifest, ground) : '',
          reason: r.reason,
          decidedOn: r.decidedOn,
          ban: {
            kind: ban?.kind ?? 'none',
            ...(ban?.text ? { text: ban.text } : {}),
            ...(ban?.until ? { until: ban.until } : {}),
            ...(ban?.article ? { article: ban.article } : {}),
          },
        },
      };
      return view;
    });
}

/**
 * The entries of a centres notice of `year`: the selected centres' views read by the spec's
 * item pointers. A failed indicator without its goal or actual figure is a problem.
 */
export function centreNoticeEntries(
  program: Program,
  doc: NoticeDocument,
  year: number,
  centres: readonly CentreNoticeSource[],
): NoticeEntriesResult {
  const { spec } = doc;
  const select = spec.entries.select;
  if (spec.entries.from !== 'centres' || !select)
    return {
      entries: [],
      sources: [],
      problems: [`文书“${doc.entry.title}”的名单不是从创新中心中选取（entries.from / entries.select）`],
    };
  const views = centreNoticeViews(program, select, year, centres);
  const problems: string[] = [];
  for (const v of views)
    for (const f of v.failedIndicators)
      if (f.target === undefined || f.actual === undefined)
        problems.push(
          `创新中心「${v.brand}」的未达标指标「${f.title}」缺少${f.target === undefined ? '目标值' : '实际完成值'}`,
        );
  const rows = views.map(
    (v): EntryRow => ({
      id: v.id,
      name: `创新中心「${v.brand}」`,
      read: (src) => (src.path ? getPointer(v, src.path) : undefined),
    }),
  );
  const result = entriesFrom(program, doc.entry.id, spec, rows);
  return { ...result, problems: [...problems, ...result.problems] };
}
