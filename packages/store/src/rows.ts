/**
 * Conversions shared by the row mappers, so that both backends give the same records:
 * node-postgres returns int8 as a string and PGlite as a number or BigInt; both return
 * timestamptz as a Date, which the records carry as an ISO string.
 */

/** A timestamp column as an ISO 8601 string (UTC). */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

/** A nullable timestamp column. */
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** An integer column of any width (int4, int8 as string or BigInt) as a number. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * A JSON value as a statement parameter: bind it as text and cast it in SQL (`$1::jsonb`),
 * which both drivers pass through unchanged. `undefined` (no value) becomes SQL NULL.
 */
export function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Text columns read as strings (a NULL stays null). */
export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
