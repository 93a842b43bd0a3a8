/**
 * The store's public contract: records as the server sees them, and the database handle.
 * Repositories (users, sessions, applications, …) are functions over a `Queryable`, so the
 * same call works on the database or inside one of its transactions.
 */

export type Role = 'applicant' | 'staff' | 'reviewer' | 'admin';
export const ROLES: readonly Role[] = ['applicant', 'staff', 'reviewer', 'admin'];

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * An open transaction (or the database): also runs a script of several statements without
 * parameters (migrations, restore), which the one-statement `query` cannot.
 */
export interface Transaction extends Queryable {
  exec(script: string): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

export interface Database extends Transaction {
  readonly backend: Backend;
  /** Runs `fn` in one transaction: all of it is committed, or none of it. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Flushes the WAL into the data files (PGlite: on a timer and at shutdown). */
  checkpoint(): Promise<void>;
  /** Checkpoints, closes, releases the data folder's lock. Idempotent. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  /** PGlite data folder (created on first start). */
  dataDir?: string;
  /** Milliseconds between PGlite checkpoints (default 60 000; 0 turns the timer off). */
  checkpointEveryMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

export interface Organization {
  id: string;
  uscc: string;
  name: string;
  contact: string;
  mobile: string;
  createdAt: string;
}

export interface User {
  id: string;
  login: string;
  name: string;
  mobile: string | null;
  role: Role;
  orgId: string | null;
  /** Programmes a staff member or reviewer works on; `['*']` is all. */
  programs: string[];
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

export interface Session {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export type ApplicationState = string;

export interface ApplicationRecord {
  id: string;
  programId: string;
  form: string;
  year: number;
  orgId: string;
  orgName: string;
  orgUscc: string;
  state: ApplicationState;
  data: unknown;
  version: number;
  receiptNo: string | null;
  submittedAt: string | null;
  title: string;
  town: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A row of a list: the record without its data. */
export type ApplicationSummary = Omit<ApplicationRecord, 'data'>;

export interface ApplicationFilter {
  programId?: string;
  year?: number;
  state?: string;
  /** Leave out applications in these states (staff do not see drafts). */
  excludeStates?: string[];
  town?: string;
  /** Free text: matched literally (no wildcards) against title, organisation name, USCC and receipt number. */
  q?: string;
  /** Only these organisations' applications (an applicant's own). */
  orgId?: string;
  /** Only applications assigned to this reviewer. */
  reviewerId?: string;
  /** Only these programmes (a staff member's); absent or containing '*' means all. */
  programs?: string[];
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Result of a versioned write: saved, or stale with what is there now. */
export type VersionedWrite<T> = { ok: true; record: T } | { ok: false; current: T };

/** What a saved draft's writer needs back: its new version (the data is what it sent). */
export interface SavedVersion {
  id: string;
  version: number;
  updatedAt: string;
}

export interface AttachmentRecord {
  orgId: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  createdBy: string | null;
  createdAt: string;
}

export interface TargetsRecord {
  programId: string;
  year: number;
  draft: unknown;
  published: unknown;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
}

export interface BanRecord {
  id: string;
  programId: string;
  orgId: string;
  ground: number;
  decidedOn: string;
  until: string | null;
  kind: 'years' | 'forever' | 'none';
  reason: string;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  entity: string;
  entityId: string;
  action: string;
  /** RFC 6902 operations. */
  patch: unknown;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;
