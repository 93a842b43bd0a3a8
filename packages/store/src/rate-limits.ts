/** Fixed-window counters shared by all server processes (login attempts per address, per account). */
import { num } from './rows';
import type { Queryable } from './types';

/**
 * Counts one hit on `key` and returns the hits in the current window (this one included). One
 * atomic upsert, so parallel hits from several processes on PostgreSQL all count; a window
 * older than `windowMs` starts again at 1.
 */
export async function hitCounter(q: Queryable, key: string, windowMs: number): Promise<number> {
  const [row] = await q.query(
    `INSERT INTO rate_counters AS c (key, window_start, count) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN c.window_start <= now() - $2::float8 * interval '1 millisecond'
                    THEN 1 ELSE c.count + 1 END,
       window_start = CASE WHEN c.window_start <= now() - $2::float8 * interval '1 millisecond'
                           THEN now() ELSE c.window_start END
     RETURNING count`,
    [key, windowMs],
  );
  return num(row?.count);
}

/** Removes counters whose window ended more than `windowMs` ago; returns how many. */
export async function pruneCounters(q: Queryable, windowMs: number): Promise<number> {
  const rows = await q.query(
    `DELETE FROM rate_counters WHERE window_start <= now() - $1::float8 * interval '1 millisecond'
     RETURNING 1 AS x`,
    [windowMs],
  );
  return rows.length;
}
