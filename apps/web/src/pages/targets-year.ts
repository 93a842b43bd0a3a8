import type { Program } from '@shenbao/core';
import { FormStore, type SchemaNode, skeleton } from '@shenbao/forms';
import type { TargetsRecord } from '../api/types';
import { getTargets, publishedData } from '../targets-api';
import { zonedText } from '../time';

export interface YearState {
  year: number;
  /** The server's record of the year; undefined for a year that does not exist yet. */
  record: TargetsRecord | undefined;
  store: FormStore;
  source: 'draft' | 'published' | 'new';
  /** The latest published year before this one, to compare the application form with. */
  previous: { year: number; data: unknown; schema: SchemaNode } | undefined;
}

export async function loadYear(program: Program, year: number, years: number[]): Promise<YearState> {
  const record = years.includes(year)
    ? await getTargets(program.id, year).catch((e: { status?: number }) => {
        if (e.status === 404) return undefined;
        throw e;
      })
    : undefined;
  let previous: YearState['previous'];
  const appForm = program.manifest.eligibility?.form;
  for (const y of years.filter((x) => x < year).reverse()) {
    const data = publishedData(await getTargets(program.id, y));
    if (data !== undefined) {
      previous = appForm
        ? { year: y, data, schema: program.schemaFor({ form: appForm, targets: data }) }
        : undefined;
      break;
    }
  }
  const own = record?.draft ?? publishedData(record ?? ({} as TargetsRecord));
  let data: unknown;
  if (own !== undefined && own !== null) data = structuredClone(own);
  else if (previous) data = { ...structuredClone(previous.data as Record<string, unknown>), year };
  else data = { ...skeleton(program.formSchema(program.manifest.targets.form)), year };
  const source = record?.draft ? 'draft' : own !== undefined && own !== null ? 'published' : 'new';
  return { year, record, store: new FormStore(data), source, previous };
}

/** What the year's record is: published when, and whether a draft waits. */
export function yearStateText(
  r: TargetsRecord | undefined,
  previous: YearState['previous'],
  timeZone: string,
): string {
  if (!r) return `新年度（尚未保存），以${previous ? `${previous.year}年的要求` : '空白表单'}为起点`;
  const when =
    publishedData(r) !== undefined ? `已发布（${zonedText(r.publishedAt, timeZone)}）` : '尚未发布';
  return r.draft ? `${when}；有尚未发布的草稿` : when;
}
