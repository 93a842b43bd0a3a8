/**
 * Sessions in the database, so every server process sees them. The cookie carries a random
 * token; the table keeps only its sha256, so a leaked table opens no session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SESSIONS_CHANNEL } from './channels';
import { iso } from './rows';
import type { Queryable, Session, User } from './types';
import { toUser } from './users';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a session token (the cookie's value). */
export function tokenHash(t: string): string {
  return createHash('sha256').update(t).digest('hex');
}

export async function createSession(
  q: Queryable,
  s: { userId: string; ip: string | null; ttlMs: number },
): Promise<NewSession> {
  const t = token();
  const csrfToken = token();
  const [row] = await q.query(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, ip, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5::float8 * interval '1 millisecond') RETURNING expires_at`,
    [tokenHash(t), s.userId, csrfToken, s.ip, s.ttlMs],
  );
  return { token: t, csrfToken, expiresAt: iso(row?.expires_at) };
}

/**
 * The session of a cookie token and its user, or undefined when unknown or expired. The expiry
 * slides (to now + ttl) once less than half the ttl remains, which writes at most twice per ttl.
 */
export async function getSession(
  q: Queryable,
  t: string,
  opts: { ttlMs: number },
): Promise<{ session: Session; user: User } | undefined> {
  const [row] = await q.query(
    `SELECT s.csrf_token, s.expires_at, s.expires_at < now() + $2::float8 * interval '1 millisecond' AS stale,
            u.id, u.login, u.name, u.mobile, u.role, u.org_id, u.programs, u.affiliation_uscc,
            u.failed_logins, u.locked_until, u.created_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = $1 AND s.expires_at > now()`,
    [tokenHash(t), opts.ttlMs / 2],
  );
  if (!row) return undefined;
  let expiresAt = row.expires_at;
  if (row.stale === true) {
    const [slid] = await q.query(
      `UPDATE sessions SET expires_at = now() + $2::float8 * interval '1 millisecond'
        WHERE id_hash = $1 RETURNING expires_at`,
      [tokenHash(t), opts.ttlMs],
    );
    if (slid) expiresAt = slid.expires_at;
  }
  const user = toUser(row);
  return {
    session: { userId: user.id, csrfToken: String(row.csrf_token), expiresAt: iso(expiresAt) },
    user,
  };
}

export async function deleteSession(q: Queryable, t: string): Promise<void> {
  await q.query(
    `WITH gone AS (DELETE FROM sessions WHERE id_hash = $1 RETURNING id_hash)
     SELECT pg_notify($2, 'token:' || id_hash) FROM gone`,
    [tokenHash(t), SESSIONS_CHANNEL],
  );
}

/** Removes expired sessions; returns how many. */
export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const rows = await q.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING 1 AS x');
  return rows.length;
}
