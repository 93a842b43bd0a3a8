import { api, seg } from './api/client';
import { targetYearsPath } from './api/paths';
import type { TargetsRecord, TargetsYearSummary } from './api/types';

/** Every year the server has targets for, oldest first. */
export async function targetYears(programId: string): Promise<TargetsYearSummary[]> {
  const list = await api.get<TargetsYearSummary[]>(targetYearsPath(programId));
  return [...list].sort((a, b) => a.year - b.year);
}

export function getTargets(programId: string, year: number): Promise<TargetsRecord> {
  return api.get<TargetsRecord>(`/api/programs/${seg(programId)}/targets/${seg(year)}`);
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
