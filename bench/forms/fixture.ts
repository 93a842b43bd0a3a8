/**
 * The benchmark's application: examples/application.json expanded to many success cases and
 * support units, every row distinct (client and unit names carry the row number).
 */

interface ApplicationShape {
  capability: { cases: Record<string, unknown>[] } & Record<string, unknown>;
  ecosystem: { supportUnits: Record<string, unknown>[] } & Record<string, unknown>;
}

export const BENCH_CASES = 100;
export const BENCH_SUPPORT_UNITS = 20;

function repeatRows(rows: Record<string, unknown>[], count: number, key: string): Record<string, unknown>[] {
  if (rows.length === 0) throw new Error(`examples/application.json has no rows to repeat for ${key}`);
  return Array.from({ length: count }, (_, i) => {
    const template = rows[i % rows.length] as Record<string, unknown>;
    // structuredClone: rows must not share nested objects (support units have arrays and objects).
    const row = structuredClone(template);
    if (i >= rows.length) row[key] = `${String(template[key])}（${i + 1}）`;
    return row;
  });
}

/** A deep copy of `example` with `cases` success cases and `units` support units. */
export function benchApplication<T>(example: T, cases = BENCH_CASES, units = BENCH_SUPPORT_UNITS): T {
  const app = structuredClone(example) as T & ApplicationShape;
  app.capability.cases = repeatRows(app.capability.cases, cases, 'client');
  app.ecosystem.supportUnits = repeatRows(app.ecosystem.supportUnits, units, 'name');
  return app;
}
