/**
 * Messages to applicant organisations (each state change, each 退回补正): written in the
 * transition's transaction, read in the portal. Delivery by e-mail or SMS is the server's
 * notifier, not the store's.
 */
import { pageBounds } from './paging';
import { iso, isoOrNull, num, strOrNull } from './rows';
import { serialId } from './serial';
import type { MessagePage, MessageRecord, Queryable } from './types';

const COLUMNS = `m.id::text AS id, m.org_id, m.application_id, a.title AS application_title, m.text, m.at,
  m.read_at`;

function toMessage(r: Record<string, unknown>): MessageRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    applicationId: strOrNull(r.application_id),
    applicationTitle: strOrNull(r.application_title),
    text: String(r.text),
    at: iso(r.at),
    readAt: isoOrNull(r.read_at),
  };
}

export interface NewMessage {
  orgId: string;
  applicationId?: string | null;
  text: string;
}

export async function addMessage(q: Queryable, m: NewMessage): Promise<MessageRecord> {
  const [row] = await q.query(
    `WITH m AS (INSERT INTO messages (org_id, application_id, text) VALUES ($1, $2, $3) RETURNING *)
     SELECT ${COLUMNS} FROM m LEFT JOIN applications a ON a.id = m.application_id`,
    [m.orgId, m.applicationId ?? null, m.text],
  );
  if (!row) throw new Error('addMessage: INSERT 未返回记录');
  return toMessage(row);
}

/** A page of an organisation's messages, newest first, with its unread count. */
export async function listMessages(
  q: Queryable,
  orgId: string,
  opts: { unreadOnly?: boolean; page?: number; pageSize?: number } = {},
): Promise<MessagePage> {
  const { page, pageSize } = pageBounds(opts.page, opts.pageSize);
  const unreadOnly = opts.unreadOnly === true;
  const [count] = await q.query(
    'SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM messages WHERE org_id = $1',
    [orgId],
  );
  // Two fixed texts rather than a flag in SQL, so the unread list can use its partial index.
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM messages m LEFT JOIN applications a ON a.id = m.application_id
      WHERE m.org_id = $1${unreadOnly ? ' AND m.read_at IS NULL' : ''}
      ORDER BY m.id DESC LIMIT $2 OFFSET $3`,
    [orgId, pageSize, (page - 1) * pageSize],
  );
  const unread = num(count?.unread ?? 0);
  const total = unreadOnly ? unread : num(count?.total ?? 0);
  return { items: rows.map(toMessage), total, page, pageSize, unread };
}

/**
 * Marks one of the organisation's messages read (the first reading time is kept). Undefined
 * when the organisation has no message with that id — another organisation's included.
 */
export async function markMessageRead(
  q: Queryable,
  id: string | number,
  orgId: string,
): Promise<MessageRecord | undefined> {
  const key = serialId(id);
  if (key === undefined) return undefined;
  const [row] = await q.query(
    `WITH m AS (
       UPDATE messages SET read_at = coalesce(read_at, now()) WHERE id = $1 AND org_id = $2 RETURNING *
     ) SELECT ${COLUMNS} FROM m LEFT JOIN applications a ON a.id = m.application_id`,
    [key, orgId],
  );
  return row ? toMessage(row) : undefined;
}
