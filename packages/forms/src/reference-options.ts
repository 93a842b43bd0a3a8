import type { Program } from '@shenbao/core';
import type { Option } from './schema';

/** Columns a reference file may use to group its items in a picker. */
const GROUP_COLUMNS = ['group', 'divisionName', 'sectionName', 'kind'];
const LABEL_COLUMNS = ['name', 'title', 'label'];

/**
 * Options of a format backed by the programme's reference data (program.json `formats`:
 * e.g. 镇街（园区） codes, GB/T 4754 classes). Undefined when the format is not such a format.
 */
export function referenceOptions(program: Program, format: string | undefined): Option[] | undefined {
  if (!format) return undefined;
  const def = program.manifest.formats?.[format];
  if (!def) return undefined;
  let items: Record<string, unknown>[];
  try {
    items = program.reference(def.reference);
  } catch {
    return undefined;
  }
  return items.map((item) => {
    const value = String(item[def.key]);
    const labelKey = LABEL_COLUMNS.find((k) => typeof item[k] === 'string');
    const name = labelKey ? String(item[labelKey]) : value;
    const groupKey = GROUP_COLUMNS.find((k) => typeof item[k] === 'string');
    return {
      value,
      label: name === value ? value : `${value} ${name}`,
      group: groupKey ? String(item[groupKey]) : undefined,
    };
  });
}

const optionCache = new WeakMap<Program, Map<string, Option[] | undefined>>();

/** Memoised per programme and format: a picker in every table row shares one list. */
export function cachedReferenceOptions(program: Program, format: string | undefined): Option[] | undefined {
  if (!format) return undefined;
  let m = optionCache.get(program);
  if (!m) {
    m = new Map();
    optionCache.set(program, m);
  }
  if (!m.has(format)) m.set(format, referenceOptions(program, format));
  return m.get(format);
}
