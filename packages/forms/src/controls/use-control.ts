import type { OwnPropsOfRenderer } from '@jsonforms/core';
import { useMemo } from 'react';
import { useFormContext } from '../context';
import { controlPointer, useVisibleErrors } from '../hooks';
import { fieldId, lastToken, parentPointer } from '../pointer';
import { isRequired, lowerBoundHint, type SchemaNode, schemaAt, titleOf } from '../schema';

export interface ControlInfo {
  pointer: string;
  id: string;
  schema: SchemaNode;
  label: string;
  required: boolean;
  description: string | undefined;
  errors: readonly string[];
  /** `aria-*` and `data-path` for the element that edits the value. */
  inputProps: Record<string, string | boolean | undefined>;
  helperId: string;
  readonly: boolean;
}

/** The schema's description and the field's lower bound, in one line under the field. */
const joinHints = (...parts: (string | undefined)[]): string | undefined =>
  parts.filter((p) => p !== undefined && p !== '').join('；') || undefined;

/** What every control needs: where its value lives, its schema, label, and visible errors. */
export function useControl(props: OwnPropsOfRenderer): ControlInfo {
  const ctx = useFormContext();
  const uischema = props.uischema as { scope?: string; label?: unknown; options?: Record<string, unknown> };
  const pointer = controlPointer(uischema, props.path);
  const errors = useVisibleErrors(pointer);
  const stable = useMemo(() => {
    const schema = schemaAt(ctx.schema, pointer) ?? {};
    const parent = schemaAt(ctx.schema, parentPointer(pointer));
    const own = titleOf(schema, lastToken(pointer));
    // A short shared title (`下限` of a reused definition) says little alone: prefix its parent's.
    const parentTitle = parentPointer(pointer) !== '' ? titleOf(parent) : '';
    const label =
      typeof uischema.label === 'string'
        ? uischema.label
        : own.length <= 3 && parentTitle
          ? `${parentTitle}·${own}`
          : own;
    return {
      schema,
      label,
      required: isRequired(ctx.schema, parent, lastToken(pointer)),
      description: joinHints(
        typeof schema.description === 'string' ? schema.description : undefined,
        lowerBoundHint(ctx.schema, schema, own),
      ),
      id: fieldId(pointer),
    };
  }, [ctx.schema, pointer, uischema.label]);
  const helperId = `${stable.id}-helper`;
  const invalid = errors.length > 0;
  return {
    ...stable,
    pointer,
    errors,
    helperId,
    readonly: ctx.readonly || props.enabled === false,
    inputProps: {
      'data-path': pointer,
      'aria-invalid': invalid ? 'true' : undefined,
      'aria-describedby': invalid || stable.description ? helperId : undefined,
    },
  };
}

/** The text under a field: its errors if shown, else its description. */
export function helperText(c: ControlInfo): string | undefined {
  return c.errors.length > 0 ? c.errors.join('；') : c.description;
}
