/**
 * Attachment records: the bytes live in blob storage under their sha256; one row per
 * organisation and content, so the same file uploaded twice counts once against the quota.
 */
import { iso, num, strOrNull } from './rows';
import type { AttachmentRecord, Queryable } from './types';

const COLUMNS = 'org_id, sha256, size, media_type, name, created_by, created_at';

function toAttachment(r: Record<string, unknown>): AttachmentRecord {
  return {
    orgId: String(r.org_id),
    sha256: String(r.sha256),
    size: num(r.size),
    mediaType: String(r.media_type),
    name: String(r.name),
    createdBy: strOrNull(r.created_by),
    createdAt: iso(r.created_at),
  };
}

/** Records an upload; the organisation's earlier record of the same bytes is kept and returned. */
export async function recordAttachment(
  q: Queryable,
  a: { orgId: string; sha256: string; size: number; mediaType: string; name: string; userId: string | null },
): Promise<{ created: boolean; record: AttachmentRecord }> {
  const [row] = await q.query(
    `INSERT INTO attachments (org_id, sha256, size, media_type, name, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, sha256) DO NOTHING RETURNING ${COLUMNS}`,
    [a.orgId, a.sha256, a.size, a.mediaType, a.name, a.userId],
  );
  if (row) return { created: true, record: toAttachment(row) };
  const existing = await getAttachment(q, a.orgId, a.sha256);
  if (!existing) throw new Error('recordAttachment: 冲突的附件记录已不存在');
  return { created: false, record: existing };
}

export async function getAttachment(
  q: Queryable,
  orgId: string,
  sha256: string,
): Promise<AttachmentRecord | undefined> {
  const [row] = await q.query(`SELECT ${COLUMNS} FROM attachments WHERE org_id = $1 AND sha256 = $2`, [
    orgId,
    sha256,
  ]);
  return row ? toAttachment(row) : undefined;
}

/** Bytes an organisation has stored (for its quota). */
export async function orgAttachmentBytes(q: Queryable, orgId: string): Promise<number> {
  const [row] = await q.query('SELECT coalesce(sum(size), 0) AS n FROM attachments WHERE org_id = $1', [
    orgId,
  ]);
  return num(row?.n ?? 0);
}
