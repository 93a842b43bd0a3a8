/**
 * A logical dump: gzip'd JSON lines, the same on PGlite and PostgreSQL and independent of
 * PGlite's on-disk format — the way from one PGlite minor to the next, and from PGlite to
 * PostgreSQL. Line 1 is the header; then, per table in foreign-key order, a line
 * `{"t": name, "columns": […]}` and one `{"r": row}` per row (the row as `to_jsonb` writes it);
 * the last line `{"end": true, "counts": {…}}` proves the file is whole.
 */
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
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

export type RestoreResult = BackupResult;

/**
 * Memory stays flat however large the database: the dump reads keyset pages of about
 * PAGE_CHARS of JSON (the row count adapts to the rows' size, up to PAGE_ROWS), and the restore
 * inserts batches of at most BATCH_ROWS rows or BATCH_CHARS of text.
 */
const PAGE_ROWS = 1000;
const PAGE_CHARS = 4 * 1024 * 1024;
const BATCH_ROWS = 500;
const BATCH_CHARS = 4 * 1024 * 1024;

/** Writes the dump to `file` (through a temporary file, renamed when complete). */
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
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temp, { flags: 'wx' }));
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

export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/**
 * Loads a dump into a migrated database, in one transaction: all of it or nothing. Refuses a
 * database that already has data (unless `replace`, which empties it first) and a dump made by
 * a newer schema. Serial sequences (the audit log's ids) continue after the restored rows.
 */
export async function restoreDatabase(
  db: Database,
  file: string,
  opts: { replace?: boolean } = {},
): Promise<RestoreResult> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  const lines = splitLines(source.pipe(gunzip));
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value, file);
    const current = await schemaVersion(db);
    if (header.schemaVersion > current)
      throw new RestoreRefusedError(
        `备份来自更新的数据库结构（版本 ${header.schemaVersion}），当前数据库为版本 ${current}；请先升级程序再恢复`,
      );
    return await db.transaction(async (tx) => {
      const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
      if (opts.replace) {
        if (tables.size > 0)
          await tx.query(
            `TRUNCATE ${[...tables.keys()].map(quoteIdent).join(', ')} RESTART IDENTITY CASCADE`,
          );
      } else {
        for (const t of tables.values()) {
          const [hit] = await tx.query(`SELECT 1 AS x FROM ${quoteIdent(t.name)} LIMIT 1`);
          if (hit)
            throw new RestoreRefusedError(
              `数据库不是空的（表 ${t.name} 已有数据）；如确要用备份覆盖现有数据，请加 --replace`,
            );
        }
      }
      const counts = await loadRows(tx, tables, lines, file);
      await resetSequences(tx, [...tables.values()]);
      return { header, counts };
    });
  } finally {
    await lines.return(undefined);
    source.destroy();
  }
}

/**
 * The lines of a text stream, read as they are consumed. Not readline: its async iterator
 * queues up to 1024 lines ahead of the reader, which for rows of a few hundred KB is hundreds
 * of MB; here at most one chunk is read ahead of the line being handled.
 */
async function* splitLines(input: AsyncIterable<Buffer>): AsyncGenerator<string, void, undefined> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    rest += decoder.write(chunk);
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      yield rest.slice(start, nl);
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function parseHeader(line: string | undefined, file: string): BackupHeader {
  let h: Partial<BackupHeader> | undefined;
  try {
    h = line === undefined ? undefined : (JSON.parse(line) as Partial<BackupHeader>);
  } catch {
    h = undefined;
  }
  if (!h || h.format !== DUMP_FORMAT || typeof h.schemaVersion !== 'number')
    throw new RestoreRefusedError(`不是申报系统的备份文件：${file}`);
  if (h.formatVersion !== DUMP_FORMAT_VERSION)
    throw new RestoreRefusedError(
      `备份文件格式版本 ${String(h.formatVersion)} 不受支持（本程序支持版本 ${DUMP_FORMAT_VERSION}）：${file}`,
    );
  return h as BackupHeader;
}

async function loadRows(
  tx: Queryable,
  tables: Map<string, TableInfo>,
  lines: AsyncIterator<string, void>,
  file: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let table: { name: string; columns: string[] } | undefined;
  let batch: string[] = [];
  let batchChars = 0;
  const flush = async () => {
    if (!table || batch.length === 0) return;
    const cols = table.columns.map(quoteIdent).join(', ');
    await tx.query(
      `INSERT INTO ${quoteIdent(table.name)} (${cols})
       SELECT ${cols} FROM jsonb_populate_recordset(NULL::${quoteIdent(table.name)}, $1::jsonb)`,
      [`[${batch.join(',')}]`],
    );
    counts[table.name] = (counts[table.name] ?? 0) + batch.length;
    batch = [];
    batchChars = 0;
  };
  let lineNo = 1;
  for (;;) {
    const next = await lines.next();
    if (next.done) throw new RestoreRefusedError(`备份文件不完整（缺少结尾记录）：${file}`);
    lineNo++;
    const line = next.value;
    if (line.startsWith('{"r":') && line.endsWith('}')) {
      if (!table)
        throw new RestoreRefusedError(`备份文件格式错误（第 ${lineNo} 行：行数据前没有表名）：${file}`);
      const row = line.slice(5, -1);
      batch.push(row);
      batchChars += row.length;
      if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush();
      continue;
    }
    await flush();
    const marker = parseMarker(line);
    if (marker?.end) {
      for (const [name, n] of Object.entries(marker.counts ?? {}))
        if ((counts[name] ?? 0) !== n)
          throw new RestoreRefusedError(
            `备份文件损坏：表 ${name} 应有 ${n} 行，读到 ${counts[name] ?? 0} 行：${file}`,
          );
      return counts;
    }
    if (typeof marker?.t !== 'string' || !Array.isArray(marker.columns))
      throw new RestoreRefusedError(`备份文件格式错误（第 ${lineNo} 行）：${file}`);
    const target = tables.get(marker.t);
    if (!target) throw new RestoreRefusedError(`备份中的表 ${marker.t} 在当前数据库中不存在`);
    const unknown = marker.columns.filter((c) => typeof c !== 'string' || !target.columns.includes(c));
    if (unknown.length > 0)
      throw new RestoreRefusedError(`备份中表 ${marker.t} 的列 ${unknown.join('、')} 在当前数据库中不存在`);
    table = { name: target.name, columns: marker.columns as string[] };
    counts[table.name] ??= 0;
  }
}

interface Marker {
  t?: unknown;
  columns?: unknown[];
  end?: boolean;
  counts?: Record<string, number>;
}

function parseMarker(line: string): Marker | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Marker) : undefined;
  } catch {
    return undefined;
  }
}

/** Serial columns continue after the highest restored value. */
async function resetSequences(tx: Queryable, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.columns) {
      const [seq] = await tx.query<{ s: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS s', [
        quoteIdent(t.name),
        c,
      ]);
      if (!seq?.s) continue;
      await tx.query(
        `SELECT setval($1::regclass, coalesce((SELECT max(${quoteIdent(c)}) FROM ${quoteIdent(t.name)}), 0) + 1, false)`,
        [seq.s],
      );
    }
  }
}
