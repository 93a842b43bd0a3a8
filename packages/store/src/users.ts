/** Accounts: applicants of an organisation, staff, reviewers and administrators. */
import { randomUUID } from 'node:crypto';
import { SESSIONS_CHANNEL } from './channels';
import { hashPassword } from './passwords';
import { iso, isoOrNull, num, strOrNull } from './rows';
import type { Queryable, Role, User, UserWithHash } from './types';

export interface NewUser {
  login: string;
  name: string;
  mobile?: string | null;
  role: Role;
  /** Required for an applicant, absent for the other roles (the table checks it). */
  orgId?: string | null;
  /** Programmes of a staff member or reviewer; `['*']` is all. */
  programs?: string[];
  /** A reviewer's employer (统一社会信用代码), for 回避; only reviewers have one (the table checks it). */
  affiliationUscc?: string | null;
  password: string;
}

export type CreateUserResult = { ok: true; value: User } | { ok: false; conflict: 'login' };

const COLUMN_NAMES = [
  'id',
  'login',
  'name',
  'mobile',
  'role',
  'org_id',
  'programs',
  'affiliation_uscc',
  'failed_logins',
  'locked_until',
  'created_at',
] as const;
const COLUMNS = COLUMN_NAMES.join(', ');

/** The columns `toUser` reads, qualified by a table alias, for joins. */
export const userColumnsOf = (alias: string): string => COLUMN_NAMES.map((c) => `${alias}.${c}`).join(', ');

export function toUser(r: Record<string, unknown>): User {
  return {
    id: String(r.id),
    login: String(r.login),
    name: String(r.name),
    mobile: strOrNull(r.mobile),
    role: String(r.role) as Role,
    orgId: strOrNull(r.org_id),
    programs: Array.isArray(r.programs) ? r.programs.map(String) : [],
    affiliationUscc: strOrNull(r.affiliation_uscc),
    failedLogins: num(r.failed_logins),
    lockedUntil: isoOrNull(r.locked_until),
    createdAt: iso(r.created_at),
  };
}

/** Hashes the password and inserts the account; a login already taken is a conflict. */
export async function createUser(q: Queryable, user: NewUser): Promise<CreateUserResult> {
  const passwordHash = await hashPassword(user.password);
  const rows = await q.query(
    `INSERT INTO users (id, login, name, mobile, role, org_id, programs, password_hash, affiliation_uscc)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9)
     ON CONFLICT (login) DO NOTHING RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      user.login,
      user.name,
      user.mobile ?? null,
      user.role,
      user.orgId ?? null,
      user.programs ?? [],
      passwordHash,
      user.affiliationUscc ?? null,
    ],
  );
  const [row] = rows;
  return row ? { ok: true, value: toUser(row) } : { ok: false, conflict: 'login' };
}

export async function findUserByLogin(q: Queryable, login: string): Promise<UserWithHash | undefined> {
  const [row] = await q.query(`SELECT ${COLUMNS}, password_hash FROM users WHERE login = $1`, [login]);
  return row ? { ...toUser(row), passwordHash: String(row.password_hash) } : undefined;
}

export async function getUser(q: Queryable, id: string): Promise<User | undefined> {
  const [row] = await q.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return row ? toUser(row) : undefined;
}

/** All accounts, or one organisation's, or those of one role, oldest first. */
export async function listUsers(q: Queryable, filter: { orgId?: string; role?: Role } = {}): Promise<User[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM users
      WHERE ($1::text IS NULL OR org_id = $1) AND ($2::text IS NULL OR role = $2)
      ORDER BY created_at, login`,
    [filter.orgId ?? null, filter.role ?? null],
  );
  return rows.map(toUser);
}

export interface LockoutPolicy {
  /** Failures in a row that lock the account. */
  maxFailures: number;
  /** How long the lock lasts. */
  lockMinutes: number;
}

/**
 * Counts a failed login in one statement (so parallel attempts all count). The failure that
 * reaches `maxFailures` locks the account and starts the count again, so after the lock
 * expires the account has its full number of tries. Returns the lock's end while locked.
 */
export async function recordLoginFailure(
  q: Queryable,
  userId: string,
  policy: LockoutPolicy,
): Promise<string | null> {
  const [row] = await q.query(
    `UPDATE users SET
       locked_until = CASE WHEN failed_logins + 1 >= $2
                           THEN now() + $3::float8 * interval '1 minute' ELSE locked_until END,
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
     WHERE id = $1
     RETURNING CASE WHEN locked_until > now() THEN locked_until END AS locked_until,
               pg_notify($4, 'user:' || id) AS notified`,
    [userId, policy.maxFailures, policy.lockMinutes, SESSIONS_CHANNEL],
  );
  return row ? isoOrNull(row.locked_until) : null;
}

/** After a successful login: the count starts again and any expired lock is cleared. */
export async function resetLoginFailures(q: Queryable, userId: string): Promise<void> {
  await q.query(
    `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1
     RETURNING pg_notify($2, 'user:' || id) AS notified`,
    [userId, SESSIONS_CHANNEL],
  );
}
