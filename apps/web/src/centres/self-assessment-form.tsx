import { getPointer, joinPointer, type Program } from '@shenbao/core';
import { skeleton } from '@shenbao/forms';
import { useMemo } from 'react';
import { RecordForm } from '../procedure/record-form';
import type { CentreYear } from './api';
import { yearMinimum } from './goals-form';

/**
 * A first self-assessment: the form's skeleton with each indicator's year target and the centre's
 * goal filled in, beside the `actual` core assesses (program.json `assessment.indicatorsPath`).
 */
function firstDraft(
  program: Program,
  schema: ReturnType<Program['formSchema']>,
  y: CentreYear,
  targets: unknown,
) {
  const spec = program.manifest.assessment;
  const data = skeleton(schema) as Record<string, unknown>;
  for (const ind of spec?.indicators ?? []) {
    // The skeleton holds each indicator's object (its fields are required).
    const node = getPointer(data, joinPointer(spec?.indicatorsPath ?? '', ind.id));
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const target = yearMinimum(ind, targets);
    const goal = y.goals?.[ind.id];
    Object.assign(node, {
      ...(target === undefined ? {} : { target }),
      ...(goal === undefined ? {} : { commitment: goal }),
    });
  }
  return data;
}

/**
 * 绩效自评 (program.json `assessment.form`): the programme's self-assessment form under the year's
 * published targets, filled with the project's renderers; `onSubmit` gets it once it is valid.
 */
export function SelfAssessmentForm({
  program,
  form,
  year,
  targets,
  onSubmit,
}: {
  program: Program;
  /** program.json `assessment.form`. */
  form: string;
  year: CentreYear;
  targets: unknown;
  onSubmit: (data: unknown) => void;
}) {
  const schema = useMemo(
    () => (targets === undefined ? program.formSchema(form) : program.schemaFor({ form, targets })),
    [program, form, targets],
  );
  // The same schema object RecordForm gets: Program caches the schema of a form for given targets.
  const initial = useMemo(
    () => year.selfAssessment ?? firstDraft(program, schema, year, targets),
    [program, schema, year, targets],
  );
  return (
    <RecordForm
      program={program}
      form={form}
      targets={targets}
      initial={initial}
      submitLabel="报送自评"
      onSubmit={onSubmit}
    />
  );
}
