/** The scale-out backend: a PostgreSQL server through a node-postgres pool. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, ListenHandlers, Transaction } from './types';

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
  const listeners = new Set<() => Promise<void>>();
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
    async listen(channel, handlers) {
      const stop = await listenOn(opts.databaseUrl, channel, handlers);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    close() {
      closing ??= (async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await pool.end();
      })();
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

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other work). When the
 * connection is lost, `state(false)` and a new one is tried after 1, 2, 4 … 30 s; `state(true)`
 * once listening again. The first connection must succeed (like opening the pool).
 */
async function listenOn(
  databaseUrl: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`listen: 无效的通道名 ${channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 1000;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl, options: '-c TimeZone=UTC' });
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.message(n.payload ?? '');
    });
    const lost = (): void => {
      if (client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      handlers.state(false);
      if (!stopped) {
        retry = setTimeout(() => {
          connect().catch(lost);
        }, delay);
        retry.unref();
        delay = Math.min(delay * 2, 30_000);
      }
    };
    c.on('error', lost);
    c.on('end', lost);
    client = c;
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    if (stopped) {
      await c.end();
      return;
    }
    delay = 1000;
    handlers.state(true);
  };

  try {
    await connect();
  } catch (e) {
    stopped = true;
    if (retry) clearTimeout(retry);
    throw e;
  }
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}
