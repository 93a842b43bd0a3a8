/** Notification channels (`pg_notify` / LISTEN) through which processes sharing a database hear of changes. */

/**
 * Ended sessions and changed accounts, announced by the statements that end or change them (so
 * delivered when their transaction commits): `token:<sha256 of the token>` when a session
 * ends, `user:<id>` when an account changes. Processes that remember sessions forget them.
 */
export const SESSIONS_CHANNEL = 'shenbao_sessions';
