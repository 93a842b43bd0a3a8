/** The scale-out backend: a PostgreSQL server through a node-postgres pool. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Transaction } from './types';

export interface PostgresOptions {
  databaseUrl: string;
  poolSize?: number;
}

/**
 * Parameterised statements are prepared once per connection under a name derived from their
 * text, so PostgreSQL parses and plans the hot ones (session lookup, draft save) once instead
 * of on every request. The store's statements are fixed texts with parameters; a cap keeps
 * texts built from filters (lists) from growing the per-connection cache without bound.
 */
const MAX_NAMED = 256;
const names = new Map<string, string>();

function statement(sql: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  if (!params) return { text: sql };
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `sb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name === undefined ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] };
}

export async function openPostgres(opts: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    // Both backends speak UTC, so timestamps in dumps and text compare alike.
    options: '-c TimeZone=UTC',
  });
  // An idle client whose connection drops (server restart) emits 'error'; the pool discards
  // it and the next query opens a new one. Without a listener the process would exit.
  pool.on('error', () => undefined);
  // Fail at open, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();

  let closing: Promise<void> | undefined;
  return {
    backend: 'postgres',
    async query<R>(sql: string, params?: readonly unknown[]) {
      const r = await pool.query(statement(sql, params));
      return r.rows as R[];
    },
    async exec(script) {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await pool.query(script);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        // A client whose rollback failed is in an unknown state: destroy it, do not reuse it.
        client.release(broken);
      }
    },
    async checkpoint() {
      // PostgreSQL checkpoints by itself (and CHECKPOINT needs a privileged role).
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

function wrapClient(client: pg.PoolClient): Transaction {
  return {
    async query<R>(sql: string, params?: readonly unknown[]) {
      const r = await client.query(statement(sql, params));
      return r.rows as R[];
    },
    async exec(script) {
      await client.query(script);
    },
  };
}
