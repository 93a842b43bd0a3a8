/**
 * Documents of a centre's year (the 自评报告 of the Dongguan programme): their data is not an
 * application's but is read, field by field, from one source object as program.json's document
 * entry says (`source.from: centre-year`, `source.fields`: document pointer → source pointer).
 * Which fields the report has and where each comes from is the programme's; here is only the
 * source object and the copying.
 */
import { assess, type DocumentSource, getPointer, type Program, parsePointer } from '@shenbao/core';

export interface CentreYearInput {
  centre: { brand: string; operator: string; creditCode: string; recognitionYear: number };
  year: number;
  /** The recognised application's data. */
  application: unknown;
  selfAssessment: unknown;
  goals: unknown;
  /** The year's published targets. */
  targets: unknown;
  today: string;
}

const count = (v: unknown): unknown => (Array.isArray(v) ? v.length : v);
const filled = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * The source of a centre-year document (program.schema.json `DocumentSource`): the centre, the
 * year, the application and the self-assessment as handed in, and each indicator of
 * `assessment.indicators` judged by core's `assess` on the self-assessment — a list indicator
 * counted in items, the rate in per cent to one decimal.
 */
export function centreYearSource(program: Program, input: CentreYearInput): Record<string, unknown> {
  const spec = program.manifest.assessment;
  const result = spec ? assess(program, input.selfAssessment, input.goals ?? {}, input.targets) : undefined;
  const indicators = (result?.indicators ?? []).map((r) => {
    const evidence = getPointer(input.selfAssessment, `${spec?.indicatorsPath ?? ''}/${r.id}/evidence`);
    return {
      title: r.title,
      unit: r.unit,
      ...(filled(r.bar) ? { target: count(r.bar) } : {}),
      ...(filled(r.commitment) ? { commitment: count(r.commitment) } : {}),
      ...(filled(r.actual) ? { actual: count(r.actual) } : {}),
      ...(r.rate === undefined ? {} : { rate: Math.round(r.rate * 1000) / 10 }),
      met: r.met,
      ...(typeof evidence === 'string' && evidence.trim() ? { evidence } : {}),
    };
  });
  return {
    centre: input.centre,
    year: input.year,
    application: input.application,
    selfAssessment: input.selfAssessment,
    indicators,
    passed: result?.passed ?? false,
    today: input.today,
  };
}

/** Sets `value` at `pointer`, making the objects on the way. */
function put(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = parsePointer(pointer);
  let at = data;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  const last = keys.at(-1);
  if (last !== undefined) at[last] = value;
}

/** The document's data: each field of `source.fields` read from `from`; empty values left out. */
export function documentData(source: DocumentSource, from: unknown): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [to, path] of Object.entries(source.fields)) {
    if (path === undefined) continue;
    const value = getPointer(from, path);
    if (filled(value)) put(data, to, value);
  }
  return data;
}
