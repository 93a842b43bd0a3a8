import type { Program } from '@shenbao/core';
import {
  type AsideField,
  type Draft,
  FormStore,
  migrateDraft,
  type SchemaNode,
  skeleton,
  stepOfPath,
  stepsOf,
} from '@shenbao/forms';
import type { SessionState } from '../api/session';
import { ROLE_NAMES } from '../api/session';
import type { CallWindowInfo } from '../api/types';
import { findOrCreate, type OpenedApplication, openApplication } from '../application/open';
import { ServerApplication } from '../application/saver';
import { loadProgramme } from '../programmes';
import { loadDraft } from '../storage/db';
import { formYear, publishedTargets, publishedYears, targetYears } from '../targets-api';

export type FormMode =
  /** The programme's submission form: kept on the server, with a local copy. */
  | {
      kind: 'server';
      app: ServerApplication;
      opened: OpenedApplication;
      callWindow: CallWindowInfo | undefined;
    }
  /** Any other form (and benchmark fixtures): a draft in this browser. */
  | { kind: 'local'; key: string; savedAt: string | undefined };

export interface LoadedForm {
  program: Program;
  form: string;
  formTitle: string;
  yearly: boolean;
  year: number | undefined;
  /** Years with published targets (a yearly form may be filled for each). */
  years: number[];
  targets: unknown;
  schema: SchemaNode;
  uischema: unknown;
  store: FormStore;
  aside: AsideField[];
  mode: FormMode;
  /** Draft came from a fixture (benchmark), not from the applicant. */
  fixture: string | undefined;
}

/** Why a page cannot open the form for this visitor (the page shows a login link for `login`). */
export class FormAccessError extends Error {
  constructor(
    message: string,
    readonly needs: 'login' | 'applicant',
  ) {
    super(message);
  }
}

/** The key of a local draft: one per programme, form and year, so a year's state never carries into the next. */
export const localDraftKey = (programId: string, form: string, year: number | undefined, fixture?: string) =>
  `${programId}/${form}${year !== undefined ? `@${year}` : ''}${fixture ? `#${fixture}` : ''}`;

async function fixtureDraft(name: string, programId: string): Promise<{ data: unknown; list?: string }> {
  // Benchmark fixtures exist only in a build made with VITE_SHENBAO_FIXTURES=1 (bench and e2e);
  // the normal build drops this branch and the example data with it.
  if (import.meta.env.VITE_SHENBAO_FIXTURES === '1') {
    const { fixtureData, largestList } = await import('../fixtures');
    const data = fixtureData(name, programId);
    if (data !== undefined) return { data, list: largestList(programId) };
  }
  throw new Error(`没有名为“${name}”的测试数据`);
}

/**
 * Everything a form page needs, from data only: the programme and the year's published targets
 * from the server, the year's schema, and the data — the organisation's application on the
 * server (found or created, reconciled with this browser's copy) for the submission form, a
 * draft in this browser for other forms — migrated to the current schema version.
 */
export async function loadForm(
  programId: string,
  formParam: string | undefined,
  query: URLSearchParams,
  session: SessionState,
): Promise<LoadedForm> {
  const fixture = query.get('fixture') ?? undefined;
  // The programme, its years and a fixture's data in parallel: a cold form waits for all of them.
  const fixtureData = fixture ? fixtureDraft(fixture, programId) : undefined;
  fixtureData?.catch(() => undefined);
  const [{ program }, yearList] = await Promise.all([loadProgramme(programId), targetYears(programId)]);
  const form =
    formParam ?? program.manifest.eligibility?.form ?? Object.keys(program.manifest.forms)[0] ?? '';
  const entry = program.manifest.forms[form];
  if (!entry) throw new Error(`项目“${program.manifest.title}”没有表单“${form}”`);
  const onServer = !fixture && program.manifest.submission?.form === form;
  if (onServer) {
    if (session.status !== 'user') throw new FormAccessError('请先登录后填报申报书', 'login');
    if (session.user.role !== 'applicant')
      throw new FormAccessError(
        `当前登录的是${ROLE_NAMES[session.user.role]}账号，不能填报申报书；请使用申报单位账号登录。`,
        'applicant',
      );
  }

  const yearly = entry.yearly === true;
  const years = yearly ? publishedYears(yearList) : [];
  const year = yearly ? formYear(yearList, query) : undefined;
  if (yearly && year === undefined) throw new Error('主管部门尚未发布任何年度的认定要求，暂不能填报');
  const published = year !== undefined ? await publishedTargets(programId, year) : undefined;
  if (yearly && !published) throw new Error(`${year} 年度的认定要求尚未发布，暂不能填报该年度申报`);
  const targets = published?.data;
  const schema =
    yearly && targets !== undefined ? program.schemaFor({ form, targets }) : program.formSchema(form);
  const uischema = program.uiSchema(form);
  const schemaVersion = program.manifest.schemaVersion ?? '';
  const draftOf = (key: string, data: unknown, aside: AsideField[] = []): Draft => ({
    format: 'shenbao-draft',
    key,
    programId,
    form,
    year,
    schemaVersion,
    data,
    aside,
  });

  let draft: Draft;
  let step: number | undefined;
  let mode: FormMode;
  if (onServer && year !== undefined) {
    const opened = await openApplication(await findOrCreate(programId, year), program);
    const { data: _data, ...record } = opened.record;
    const app = new ServerApplication(record, opened.record.data);
    draft = draftOf(app.id, opened.data ?? skeleton(schema), opened.local?.aside ?? []);
    step = opened.local?.step;
    mode = { kind: 'server', app, opened, callWindow: published?.record.callWindow };
  } else {
    const key = localDraftKey(programId, form, year, fixture);
    if (fixtureData) {
      const f = await fixtureData;
      draft = draftOf(key, f.data);
      if (f.list) step = Math.max(0, stepOfPath(stepsOf(uischema), f.list));
    } else draft = (await loadDraft(key)) ?? draftOf(key, skeleton(schema));
    step ??= draft.step;
    mode = { kind: 'local', key, savedAt: fixture ? undefined : draft.savedAt };
  }
  const migrated = migrateDraft({ ...draft, year }, schema, schemaVersion);
  const store = new FormStore(migrated.data);
  store.restoreStep(step ?? 0);
  return {
    program,
    form,
    formTitle: entry.title ?? form,
    yearly,
    year,
    years,
    targets,
    schema,
    uischema,
    store,
    aside: migrated.aside,
    mode,
    fixture,
  };
}
