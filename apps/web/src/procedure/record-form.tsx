import type { Program } from '@shenbao/core';
import { FormStore, ShenbaoForm, skeleton } from '@shenbao/forms';
import { useMemo } from 'react';

/**
 * A programme form filled in to record something (补正意见, 部门意见, 评审表…): the project's
 * JSON Forms renderers with their validation; `onSubmit` gets the data once it is valid.
 */
export function RecordForm({
  program,
  form,
  targets,
  initial,
  submitLabel,
  onSubmit,
}: {
  program: Program;
  form: string;
  /** A year's targets the form's schema takes (core's overlays); none: the form as it stands. */
  targets?: unknown;
  initial?: unknown;
  submitLabel: string;
  onSubmit: (data: unknown) => void;
}) {
  const schema = useMemo(
    () => (targets === undefined ? program.formSchema(form) : program.schemaFor({ form, targets })),
    [program, form, targets],
  );
  const uischema = useMemo(() => program.uiSchema(form), [program, form]);
  const store = useMemo(() => new FormStore(initial ?? skeleton(schema)), [initial, schema]);
  return (
    <ShenbaoForm
      program={program}
      form={form}
      schema={schema}
      uischema={uischema}
      store={store}
      onSubmit={onSubmit}
      submitLabel={submitLabel}
    />
  );
}
