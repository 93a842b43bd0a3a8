/**
 * What the public sees of a published notice, read from the stored record and its programme:
 * title, issuing authority, 文号, date, period (with the labels of the notice's own data schema)
 * and whether the period is running. The pages and the feeds are made from this.
 */
import { cnIsoDate, isoDateIn, type NoticeDocument, type NoticeSummary, noticeDocument } from '@shenbao/core';
import type { NoticeListItem } from '@shenbao/store';
import type { ProgramRegistry } from '../program-registry';

export interface PublicNotice {
  id: string;
  title: string;
  authority: string;
  docNo?: { label: string; value: string };
  date?: { label: string; value: string };
  period?: { label: string; startDate: string; endDate: string; status: PeriodStatus };
  publishedAt: string;
  timeZone: string;
  supersedes: string | null;
  supersededBy: string | null;
}

export type PeriodStatus = 'upcoming' | 'running' | 'ended';
export const PERIOD_STATUS: Record<PeriodStatus, string> = {
  upcoming: '尚未开始',
  running: '进行中',
  ended: '已结束',
};

/** The notice document of a stored notice, when its programme is served and the notice is public. */
export function publicDocument(programs: ProgramRegistry, n: NoticeListItem): NoticeDocument | undefined {
  if (n.state !== 'published') return undefined;
  const lp = programs.get(n.programId);
  const doc = lp ? noticeDocument(lp.program, n.documentId) : undefined;
  return doc?.spec.public ? doc : undefined;
}

/** The title of the data-schema property a pointer names (`/publicity` → 公示时间), or a fallback. */
function labelAt(
  programs: ProgramRegistry,
  n: NoticeListItem,
  pointer: string | undefined,
  fallback: string,
) {
  const lp = programs.get(n.programId);
  const doc = lp ? noticeDocument(lp.program, n.documentId) : undefined;
  if (!lp || !doc || !pointer) return fallback;
  let node = lp.program.json(doc.entry.dataSchema) as {
    properties?: Record<string, unknown>;
    title?: unknown;
  };
  for (const token of pointer.split('/').slice(1)) {
    const next = node?.properties?.[token] as typeof node | undefined;
    if (!next) return fallback;
    node = next;
  }
  return typeof node.title === 'string' ? node.title : fallback;
}

export function publicView(
  programs: ProgramRegistry,
  n: NoticeListItem,
  now: Date,
): PublicNotice | undefined {
  const doc = publicDocument(programs, n);
  const lp = programs.get(n.programId);
  if (!doc || !lp || !n.publishedAt) return undefined;
  const m = lp.program.manifest;
  const s = n.summary as Partial<NoticeSummary>;
  const view: PublicNotice = {
    id: n.id,
    title: n.title,
    authority: m.authority,
    publishedAt: n.publishedAt,
    timeZone: m.timezone,
    supersedes: n.supersedes,
    supersededBy: n.supersededBy,
  };
  if (s.docNo) view.docNo = { label: labelAt(programs, n, doc.spec.docNo, '文号'), value: s.docNo };
  if (s.date) view.date = { label: labelAt(programs, n, doc.spec.date, '日期'), value: s.date };
  if (s.period) {
    const today = isoDateIn(now, m.timezone);
    const status: PeriodStatus =
      today < s.period.startDate ? 'upcoming' : today > s.period.endDate ? 'ended' : 'running';
    view.period = { label: labelAt(programs, n, doc.spec.period?.path, '期间'), ...s.period, status };
  }
  return view;
}

/** One line of plain text: 文号, date and period (feeds' summaries). */
export function summaryText(v: PublicNotice): string {
  const parts = [v.authority];
  if (v.docNo) parts.push(`${v.docNo.label}：${v.docNo.value}`);
  if (v.date) parts.push(`${v.date.label}：${cnIsoDate(v.date.value)}`);
  if (v.period)
    parts.push(
      `${v.period.label}：${cnIsoDate(v.period.startDate)}至${cnIsoDate(v.period.endDate)}（${PERIOD_STATUS[v.period.status]}）`,
    );
  if (v.supersededBy) parts.push('本公告已更正');
  if (v.supersedes) parts.push('本公告为更正后的公告');
  return parts.join('；');
}
