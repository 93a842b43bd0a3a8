/**
 * A logical dump: gzip'd JSON lines, the same on PGlite and PostgreSQL and independent of
 * PGlite's on-disk format — the way from one PGlite minor to the next, and from PGlite to
 * PostgreSQL. Line 1 is the header; then, per table in foreign-key order, a line
 * `{"t": name, "columns": […]}` and one `{"r": row}` per row (the row as `to_jsonb` writes it);
 * the last line `{"end": true, "counts": {…}}` proves the file is whole.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { listTables, quoteIdent, type TableInfo } from './catalog';
import { schemaVersion } from './migrate';
import type { Backend, Database, Queryable } from './types';

export const DUMP_FORMAT = 'shenbao-dump';
export const DUMP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof DUMP_FORMAT;
  formatVersion: number;
  /** The highest migration applied to the dumped database. */
  schemaVersion: number;
  backend: Backend;
  createdAt: string;
  tables: string[];
}

export interface BackupResult {
  header: BackupHeader;
  /** Rows written per table. */
  counts: Record<string, number>;
}

/**
 * Memory stays flat however large the database: the dump reads keyset pages of about
 * PAGE_CHARS of JSON (the row count adapts to the rows' size, up to PAGE_ROWS).
 */
const PAGE_ROWS = 1000;
const PAGE_CHARS = 4 * 1024 * 1024;

/**
 * Writes the dump to `file` (through a temporary file, renamed when complete). The file holds
 * password hashes and session digests, so only its owner may read it (mode 0600).
 */
export async function backupDatabase(db: Database, file: string): Promise<BackupResult> {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    const result = await db.transaction(async (tx) => {
      // One snapshot for every table, and nothing written by mistake.
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const tables = await listTables(tx);
      const header: BackupHeader = {
        format: DUMP_FORMAT,
        formatVersion: DUMP_FORMAT_VERSION,
        schemaVersion: await schemaVersion(tx),
        backend: db.backend,
        createdAt: new Date().toISOString(),
        tables: tables.map((t) => t.name),
      };
      const counts: Record<string, number> = {};
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of tables) {
          yield `${JSON.stringify({ t: table.name, columns: table.columns })}\n`;
          let n = 0;
          for await (const page of tableRows(tx, table)) {
            n += page.length;
            yield page.map((row) => `{"r":${row}}\n`).join('');
          }
          counts[table.name] = n;
        }
        yield `${JSON.stringify({ end: true, counts })}\n`;
      }
      await pipeline(
        Readable.from(lines()),
        createGzip(),
        createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
      );
      return { header, counts };
    });
    renameSync(temp, file);
    return result;
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** A table's rows as JSON text, page by page in primary-key order. */
async function* tableRows(q: Queryable, table: TableInfo): AsyncGenerator<string[]> {
  const name = quoteIdent(table.name);
  if (table.key.length === 0) {
    const rows = await q.query<{ j: string }>(`SELECT to_jsonb(_sb_row)::text AS j FROM ${name} _sb_row`);
    yield rows.map((r) => r.j);
    return;
  }
  const key = table.key.map(quoteIdent);
  const keyText = key.map((k, i) => `(_sb_row.${k})::text AS k${i}`).join(', ');
  let after: string[] | undefined;
  let limit = 100;
  for (;;) {
    const where = after
      ? `WHERE (${key.map((k) => `_sb_row.${k}`).join(', ')}) > (${key.map((_, i) => `$${i + 1}`).join(', ')})`
      : '';
    const rows = await q.query<Record<string, string>>(
      `SELECT to_jsonb(_sb_row)::text AS j, ${keyText} FROM ${name} _sb_row ${where}
        ORDER BY ${key.map((k) => `_sb_row.${k}`).join(', ')} LIMIT ${limit}`,
      after ?? [],
    );
    if (rows.length === 0) return;
    const page = rows.map((r) => String(r.j));
    yield page;
    const last = rows[rows.length - 1] ?? {};
    after = key.map((_, i) => String(last[`k${i}`]));
    if (rows.length < limit) return;
    const chars = page.reduce((n, j) => n + j.length, 0);
    limit = Math.max(1, Math.min(PAGE_ROWS, Math.floor((PAGE_CHARS * rows.length) / Math.max(chars, 1))));
  }
}
