/** The scale-out backend: a PostgreSQL server through a node-postgres pool. */
import pg from 'pg';
import type { Database, Transaction } from './types';

export interface PostgresOptions {
  databaseUrl: string;
  poolSize?: number;
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
      const r = await pool.query(sql, params ? [...params] : undefined);
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
      const r = await client.query(sql, params ? [...params] : undefined);
      return r.rows as R[];
    },
    async exec(script) {
      await client.query(script);
    },
  };
}
