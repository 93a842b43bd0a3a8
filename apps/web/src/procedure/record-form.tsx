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
  initial,
  submitLabel,
  onSubmit,
}: {
  program: Program;
  form: string;
  initial?: unknown;
  submitLabel: string;
  onSubmit: (data: unknown) => void;
}) {
  const schema = useMemo(() => program.formSchema(form), [program, form]);
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
