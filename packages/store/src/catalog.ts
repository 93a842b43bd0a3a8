/**
 * What the backup needs to know about the schema, read from the system catalog (the same on
 * PGlite and PostgreSQL): the tables in foreign-key order, their columns and primary keys.
 */
import type { Queryable } from './types';

export interface TableInfo {
  name: string;
  /** Insertable columns (generated ones left out), in table order. */
  columns: string[];
  /** Primary-key columns, in key order. */
  key: string[];
}

/** Tables the dump carries: every table of the schema but the migration bookkeeping. */
export async function listTables(q: Queryable): Promise<TableInfo[]> {
  const tables = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
      ORDER BY c.relname`,
  );
  const edges = await q.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const infos: TableInfo[] = [];
  for (const { name } of tables) {
    const columns = await q.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
        ORDER BY attnum`,
      [quoteIdent(name)],
    );
    const key = await q.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[])
        WHERE i.indrelid = $1::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [quoteIdent(name)],
    );
    infos.push({ name, columns: columns.map((c) => c.name), key: key.map((k) => k.name) });
  }
  return dependencyOrder(infos, edges);
}

/** Parents before children (Kahn's algorithm; ties by name, so the order is stable). */
function dependencyOrder(tables: TableInfo[], edges: { child: string; parent: string }[]): TableInfo[] {
  const pending = new Map(tables.map((t) => [t.name, t]));
  const parentsOf = new Map<string, Set<string>>();
  for (const { child, parent } of edges) {
    if (child === parent || !pending.has(child) || !pending.has(parent)) continue;
    const set = parentsOf.get(child) ?? new Set<string>();
    set.add(parent);
    parentsOf.set(child, set);
  }
  const ordered: TableInfo[] = [];
  while (pending.size > 0) {
    const ready = [...pending.keys()]
      .filter((n) => [...(parentsOf.get(n) ?? [])].every((p) => !pending.has(p)))
      .sort();
    if (ready.length === 0) throw new Error(`表之间的外键成环：${[...pending.keys()].join('、')}`);
    for (const n of ready) {
      const t = pending.get(n);
      if (t) ordered.push(t);
      pending.delete(n);
    }
  }
  return ordered;
}

/** A SQL identifier, quoted (names come from the catalog or are checked against it). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
