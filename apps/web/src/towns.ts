import type { Program } from '@shenbao/core';
import { cachedReferenceOptions, enumOptions, type Option, schemaAt } from '@shenbao/forms';

/**
 * The 镇街 choices: the options of the field program.json names as the town (`submission.town`),
 * from its enum or the reference data behind its format. Empty when the programme names none.
 */
export function townOptions(program: Program): Option[] {
  const spec = program.manifest.submission;
  if (!spec?.town) return [];
  const schema = program.formSchema(spec.form);
  const node = schemaAt(schema, spec.town);
  return (
    enumOptions(schema, node) ??
    cachedReferenceOptions(program, typeof node?.format === 'string' ? node.format : undefined) ??
    []
  );
}

/** 镇街 code → name, for charts and tables that show the name alone (the options read "code name"). */
export function townNames(program: Program): Map<string, string> {
  return new Map(
    townOptions(program).map((t) => [
      t.value,
      t.label.startsWith(`${t.value} `) ? t.label.slice(t.value.length + 1) : t.label,
    ]),
  );
}
