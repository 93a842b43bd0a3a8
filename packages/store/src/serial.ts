/**
 * Ids of the procedure's tables are bigserials, carried as decimal strings. An id comes from a
 * URL or a request body, so it is checked before it reaches SQL: a malformed one would be an
 * error in the statement ("invalid input syntax for type bigint"), not "no such row".
 */

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** The id as a bigint literal, or undefined when it cannot be one of ours. */
export function serialId(id: string | number): string | undefined {
  const text = typeof id === 'number' ? (Number.isSafeInteger(id) ? String(id) : '') : id;
  if (!/^[1-9]\d{0,18}$/.test(text)) return undefined;
  return BigInt(text) <= MAX_BIGINT ? text : undefined;
}
