import type { Program } from '@shenbao/core';
import {
  type Draft,
  FormStore,
  migrateDraft,
  type SchemaNode,
  skeleton,
  stepOfPath,
  stepsOf,
} from '@shenbao/forms';
import { fixtureData, largestList } from '../fixtures';
import { loadProgramme } from '../programmes';
import { loadDraft } from '../storage/db';
import { resolveTargets, targetYears } from '../storage/targets';

export interface LoadedForm {
  program: Program;
  form: string;
  formTitle: string;
  yearly: boolean;
  year: number | undefined;
  years: number[];
  targets: unknown;
  targetsSource: 'saved' | 'file' | undefined;
  schema: SchemaNode;
  uischema: unknown;
  draft: Draft;
  store: FormStore;
  /** Draft came from a fixture (benchmark), not from the applicant. */
  fixture: string | undefined;
}

/**
 * Everything a form page needs, from data only: the programme, the year's targets (staff
 * edits saved in this browser first), the year's schema, and the draft — restored and
 * migrated to the current schema version, or new.
 */
export async function loadForm(
  programId: string,
  formParam: string | undefined,
  query: URLSearchParams,
): Promise<LoadedForm> {
  const { program } = await loadProgramme(programId);
  const form =
    formParam ?? program.manifest.eligibility?.form ?? Object.keys(program.manifest.forms)[0] ?? '';
  const entry = program.manifest.forms[form];
  if (!entry) throw new Error(`项目“${program.manifest.title}”没有表单“${form}”`);
  const yearly = entry.yearly === true;
  const years = yearly ? await targetYears(program) : [];
  const asked = Number(query.get('year'));
  const year = yearly ? (Number.isInteger(asked) && asked > 0 ? asked : years[years.length - 1]) : undefined;
  const resolved = year !== undefined ? await resolveTargets(program, year) : undefined;
  if (yearly && year !== undefined && !resolved)
    throw new Error(`${year} 年度尚无年度认定要求（targets），请联系主管部门`);
  const targets = resolved?.data;
  const schema =
    yearly && targets !== undefined ? program.schemaFor({ form, targets }) : program.formSchema(form);
  const uischema = program.uiSchema(form);
  const fixture = query.get('fixture') ?? undefined;
  const key = `${programId}/${form}${fixture ? `#${fixture}` : ''}`;
  const schemaVersion = program.manifest.schemaVersion ?? '';
  let draft: Draft | undefined;
  let step: number | undefined;
  if (fixture) {
    const data = await fixtureData(fixture, programId);
    if (data === undefined) throw new Error(`没有名为“${fixture}”的测试数据`);
    draft = { format: 'shenbao-draft', key, programId, form, year, schemaVersion, data, aside: [] };
    const list = largestList(programId);
    if (list) step = Math.max(0, stepOfPath(stepsOf(uischema), list));
  } else draft = await loadDraft(key);
  draft ??= {
    format: 'shenbao-draft',
    key,
    programId,
    form,
    year,
    schemaVersion,
    data: skeleton(schema),
    aside: [],
  };
  const migrated = migrateDraft({ ...draft, year }, schema, schemaVersion);
  const store = new FormStore(migrated.data);
  store.restoreStep(step ?? migrated.step ?? 0);
  return {
    program,
    form,
    formTitle: entry.title ?? form,
    yearly,
    year,
    years,
    targets,
    targetsSource: resolved?.source,
    schema,
    uischema,
    draft: migrated,
    store,
    fixture,
  };
}
