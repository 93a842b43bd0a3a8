import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import type { Program } from '@shenbao/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type FileStore, FormContext, type FormContextValue, memoryFileStore } from './context';
import { hasRenderer, type ShenbaoEntry, testerConfig } from './fields/entry';
import { FieldEntries } from './fields/registry-context';
import { FormFooter } from './layouts/wizard';
import { shenbaoRenderers } from './renderers';
import type { SchemaNode } from './schema';
import type { FormStore } from './store/form-store';
import { FORM_CSS } from './styles';
import { FormController } from './validation/form-controller';
import type { ExtraChecks } from './validation/form-validator';
import { stepsOf } from './validation/steps';

export interface ShenbaoFormProps {
  program: Program;
  form: string;
  /** The schema in force, e.g. `program.schemaFor({ form, targets })`. */
  schema: SchemaNode;
  uischema?: unknown;
  store: FormStore;
  files?: FileStore;
  readonly?: boolean;
  onSubmit?: (data: unknown) => void;
  submitLabel?: string;
  /**
   * More entries; they compete with ours by rank. One entry reaches the form (`renderer`), the
   * tables (`cell`) and, passed to `ReviewView` too, the print page (`text`/`print`).
   */
  renderers?: readonly ShenbaoEntry[];
  /** Rules beyond the schema (e.g. across years), shown at their fields like the schema's. */
  checks?: ExtraChecks;
  /** Called once the controller exists (pages use it to validate on demand). */
  onController?: (controller: FormController) => void;
}

/**
 * A programme form: JSON Forms dispatches our renderer set, while values, errors and
 * rules live in `store`. JSON Forms runs with `NoValidation`; validation is ours
 * (incremental, zh-CN, hidden fields skipped).
 */
export function ShenbaoForm(props: ShenbaoFormProps) {
  const { program, form, schema, store } = props;
  const uischema = useMemo(() => props.uischema ?? program.uiSchema(form), [props.uischema, program, form]);
  const { checks } = props;
  const controller = useMemo(
    () => new FormController(program, schema, uischema, store, { extra: checks }),
    [program, schema, uischema, store, checks],
  );
  const [files] = useState(() => props.files ?? memoryFileStore());
  // JSON Forms gets the data once: after that our store, not its core, owns the values.
  const initial = useMemo(() => store.getData(), [store]);
  const steps = useMemo(() => stepsOf(uischema), [uischema]);
  const entries = useMemo(() => [...shenbaoRenderers, ...(props.renderers ?? [])], [props.renderers]);
  // JSON Forms gets the entries with a control; the tables read the whole list (FieldEntries).
  const renderers = useMemo(() => entries.filter(hasRenderer), [entries]);
  const config = useMemo(() => testerConfig(program), [program]);
  useEffect(() => controller.start(), [controller]);
  // One set of listeners for the whole form: the focused field's unit validator is compiled as
  // the applicant arrives, before the first keystroke; a list's validator when the pointer or
  // the focus reaches its add-row button, before the first added row.
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = formRef.current;
    if (!el) return;
    const addRowOf = (target: EventTarget | null): string | undefined =>
      target instanceof Element ? target.closest<HTMLElement>('[data-add-row]')?.dataset.addRow : undefined;
    const onFocusIn = (e: FocusEvent): void => {
      const list = addRowOf(e.target);
      if (list) controller.prepareRows(list);
      const path = (e.target as HTMLElement).dataset?.path;
      if (path) controller.prepare(path);
    };
    const onPointerOver = (e: PointerEvent): void => {
      const list = addRowOf(e.target);
      if (list) controller.prepareRows(list);
    };
    el.addEventListener('focusin', onFocusIn);
    el.addEventListener('pointerover', onPointerOver);
    return () => {
      el.removeEventListener('focusin', onFocusIn);
      el.removeEventListener('pointerover', onPointerOver);
    };
  }, [controller]);
  const { onController } = props;
  useEffect(() => onController?.(controller), [controller, onController]);

  const ctx: FormContextValue = useMemo(
    () => ({
      program,
      form,
      schema,
      uischema,
      store,
      controller,
      files,
      readonly: props.readonly === true,
      timeZone: program.manifest.timezone ?? 'Asia/Shanghai',
      steps,
      onSubmit: props.onSubmit,
      submitLabel: props.submitLabel,
    }),
    [
      program,
      form,
      schema,
      uischema,
      store,
      controller,
      files,
      props.readonly,
      steps,
      props.onSubmit,
      props.submitLabel,
    ],
  );
  const isWizard = (uischema as { type?: string } | undefined)?.type === 'Categorization';
  return (
    <FormContext.Provider value={ctx}>
      <FieldEntries.Provider value={entries}>
        <style>{FORM_CSS}</style>
        <div className="sb-form" lang="zh-CN" ref={formRef}>
          <JsonForms
            schema={schema as JsonSchema}
            uischema={uischema as UISchemaElement}
            data={initial}
            renderers={renderers}
            cells={[]}
            validationMode="NoValidation"
            ajv={program.validator.ajv as never}
            config={config}
            i18n={{ locale: 'zh-CN' }}
          />
          {!isWizard && <FormFooter />}
        </div>
      </FieldEntries.Provider>
    </FormContext.Provider>
  );
}
