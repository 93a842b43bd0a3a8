/** The audit log: who did what, when, from where, and what changed (RFC 6902 JSON Patch). Append-only. */
import jsonPatch, { type Operation } from 'fast-json-patch';
import { iso, json, num, strOrNull } from './rows';
import type { AuditEntry, AuditInput, Queryable } from './types';

export type PatchOperation = Operation;

const COLUMNS = 'id, at, actor_id, actor_role, ip, entity, entity_id, action, patch';

function toEntry(r: Record<string, unknown>): AuditEntry {
  return {
    id: num(r.id),
    at: iso(r.at),
    actorId: strOrNull(r.actor_id),
    actorRole: strOrNull(r.actor_role),
    ip: strOrNull(r.ip),
    entity: String(r.entity),
    entityId: String(r.entity_id),
    action: String(r.action),
    patch: r.patch ?? null,
  };
}

export async function appendAudit(q: Queryable, e: AuditInput): Promise<AuditEntry> {
  const [row] = await q.query(
    `INSERT INTO audit_log (actor_id, actor_role, ip, entity, entity_id, action, patch)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id, at`,
    [e.actorId, e.actorRole, e.ip, e.entity, e.entityId, e.action, e.patch == null ? null : json(e.patch)],
  );
  if (!row) throw new Error('appendAudit: INSERT 未返回记录');
  // The entry is what was sent plus its id and time (the patch is not read back).
  return { ...e, patch: e.patch ?? null, id: num(row.id), at: iso(row.at) };
}

/** An entity's history, oldest first. */
export async function listAudit(q: Queryable, entity: string, entityId: string): Promise<AuditEntry[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
    [entity, entityId],
  );
  return rows.map(toEntry);
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/**
 * What changed from `before` to `after`, as RFC 6902 operations. Two objects (or arrays) are
 * compared member by member; anything else is one operation on the whole document.
 */
export function diff(before: unknown, after: unknown): PatchOperation[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after))
    return jsonPatch.compare(before, after);
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ op: 'add', path: '', value: after }];
  if (after === undefined) return [{ op: 'remove', path: '' }];
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ op: 'replace', path: '', value: after }];
}
