/** Loading a dump written by `backupDatabase` (see backup.ts for the format). */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { type BackupHeader, type BackupResult, DUMP_FORMAT, DUMP_FORMAT_VERSION } from './backup';
import { listTables, quoteIdent, type TableInfo } from './catalog';
import { schemaVersion } from './migrate';
import type { Database, Queryable } from './types';

export type RestoreResult = BackupResult;

/** Rows inserted per statement, and the text size that ends a batch early (memory stays flat). */
const BATCH_ROWS = 500;
const BATCH_CHARS = 4 * 1024 * 1024;

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
