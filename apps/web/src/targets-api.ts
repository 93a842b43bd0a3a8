import { api } from './api/client';
import { targetsPath, targetYearsPath } from './api/paths';
import type { TargetsRecord, TargetsYearSummary } from './api/types';

/** Every year the server has targets for, oldest first. */
export async function targetYears(programId: string): Promise<TargetsYearSummary[]> {
  const list = await api.get<TargetsYearSummary[]>(targetYearsPath(programId));
  return [...list].sort((a, b) => a.year - b.year);
}

export function getTargets(programId: string, year: number): Promise<TargetsRecord> {
  return api.get<TargetsRecord>(targetsPath(programId, year));
}

/**
 * The year a yearly form is filled for: the address's `?year=` when it names one, else the latest
 * published year; undefined when none is published.
 */
export function formYear(years: readonly TargetsYearSummary[], query: URLSearchParams): number | undefined {
  const asked = Number(query.get('year'));
  if (Number.isInteger(asked) && asked > 0) return asked;
  return publishedYears(years).at(-1);
}

/** The years with published targets, oldest first: those a yearly form may be filled for. */
export function publishedYears(years: readonly TargetsYearSummary[]): number[] {
  return years
    .filter((y) => y.published)
    .map((y) => y.year)
    .sort((a, b) => a - b);
}

/** The published targets of a record (what the form, the panel and the server's check use). */
export function publishedData(r: TargetsRecord): unknown {
  return r.published !== null && typeof r.published === 'object' ? r.published : undefined;
}

/** The year's published targets, or undefined when the year has none published. */
export async function publishedTargets(
  programId: string,
  year: number,
): Promise<{ data: unknown; record: TargetsRecord } | undefined> {
  const record = await getTargets(programId, year).catch((e: { status?: number }) => {
    if (e.status === 404) return undefined;
    throw e;
  });
  const data = record && publishedData(record);
  return data === undefined || !record ? undefined : { data, record };
}
