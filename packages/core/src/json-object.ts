/** A JSON object: not null, not an array. Schema nodes and data records alike. */
export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
