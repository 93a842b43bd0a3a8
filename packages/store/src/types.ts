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
  /**
   * Receives the notifications sent on `channel` (`pg_notify`, delivered when the sending
   * transaction commits) by every process using this database. `state` says when listening
   * starts and when it is lost (PostgreSQL: a dropped connection, re-established by itself);
   * while lost, notifications may be missed. Resolves once listening; call the result to stop.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
}

export interface ListenHandlers {
  message(payload: string): void;
  state(listening: boolean): void;
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
  /** 统一社会信用代码 of the enterprise a reviewer works for (回避); null otherwise. */
  affiliationUscc: string | null;
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
  /** The column to sort by (default `updated_at`); ties are broken by id, so pages are stable. */
  sort?: ApplicationSort;
  /** Default: `desc` for the times, `asc` for the others. */
  order?: 'asc' | 'desc';
  /** The states in the procedure's order: sorting by `state` follows it (absent: by state id). */
  stateOrder?: readonly string[];
  page?: number;
  pageSize?: number;
}

/** The columns a list of applications may be sorted by (applications.ts: APPLICATION_SORTS). */
export type ApplicationSort = 'updated_at' | 'submitted_at' | 'receipt_no' | 'title' | 'town' | 'state';

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
  kind: 'years' | 'months' | 'until' | 'forever' | 'none';
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

/** A transition taken: one entry of an application's timeline. */
export interface TransitionRecord {
  id: string;
  applicationId: string;
  transition: string;
  from: string;
  to: string;
  /** null when the scheduler acted. */
  actorId: string | null;
  /** The account's name (null for the scheduler or an account since removed). */
  actorName: string | null;
  /** The procedure role the actor acted in. */
  actorRole: string;
  /** The input recorded with the transition (null when none). */
  record: unknown;
  reason: string | null;
  at: string;
}

export interface DeadlineRecord {
  id: string;
  applicationId: string;
  state: string;
  transition: string;
  due: string;
  note: string;
  article: string | null;
  createdAt: string;
  doneAt: string | null;
  /** What ended it: the transition taken, 'cleared' when the application left the state, … */
  outcome: string | null;
  attempts: number;
  lastError: string | null;
}

/** An open deadline with what a "what is due" list shows of its application. */
export interface OpenDeadline extends DeadlineRecord {
  programId: string;
  year: number;
  title: string;
  orgName: string;
  receiptNo: string | null;
  /** The application's current state. */
  applicationState: string;
}

export interface ReviewRecord {
  applicationId: string;
  reviewerId: string;
  reviewerName: string;
  data: unknown;
  score: number | null;
  submittedAt: string;
}

export type ObjectionDecision = 'upheld' | 'dismissed';

export interface ObjectionRecord {
  id: string;
  applicationId: string;
  /** The objector as told (not an account). */
  raisedBy: string;
  /** YYYY-MM-DD */
  raisedAt: string;
  content: string;
  decision: ObjectionDecision | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

/** An application's objections by outcome (the guard document's `objections`). */
export interface ObjectionCounts {
  open: number;
  upheld: number;
  dismissed: number;
}

export interface MessageRecord {
  id: string;
  orgId: string;
  applicationId: string | null;
  /** The application's title when the message is about one. */
  applicationTitle: string | null;
  text: string;
  at: string;
  readAt: string | null;
}

/** A page of messages and how many of the organisation's messages are unread. */
export interface MessagePage extends Page<MessageRecord> {
  unread: number;
}

/** A recognised centre: its application, and the record of the transition that recognised it. */
export interface CentreSummary {
  /** The application's id. */
  id: string;
  programId: string;
  /** The application's (call's) year. */
  year: number;
  orgId: string;
  orgName: string;
  orgUscc: string;
  state: string;
  title: string;
  receiptNo: string | null;
  /** What was recorded when it was recognised (brand, operator, date …); null when none. */
  recognition: unknown;
  recognisedAt: string | null;
}

/** A centre's year: goals, self-assessment, assessment, or missed; and what the result called for. */
export interface CentreYearRecord {
  applicationId: string;
  year: number;
  goals: unknown;
  goalsSetBy: string | null;
  goalsSetRole: 'applicant' | 'staff' | null;
  goalsSetAt: string | null;
  selfAssessment: unknown;
  submittedBy: string | null;
  submittedAt: string | null;
  assessment: unknown;
  passed: boolean | null;
  assessedBy: string | null;
  assessedAt: string | null;
  missed: boolean;
  missedAt: string | null;
  consequence: unknown;
  updatedAt: string;
}

/** A revocation of a centre: proposed (by a rule when `proposedBy` is null) or decided. */
export interface CentreRevocationRecord {
  id: string;
  applicationId: string;
  status: 'proposed' | 'decided';
  ground: number;
  reason: string;
  /** The assessment year whose result proposed it. */
  year: number | null;
  proposedBy: string | null;
  proposedAt: string;
  /** YYYY-MM-DD */
  decidedOn: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The re-application ban it caused (null when the ground bars none). */
  banId: string | null;
}

/** A reported major change (更名, 重组, 转让 …). */
export interface CentreChangeRecord {
  id: string;
  applicationId: string;
  kind: string;
  /** YYYY-MM-DD: when the formalities are to be done. */
  plannedDate: string;
  /** YYYY-MM-DD: the business day of the report. */
  reportedOn: string;
  reportedAt: string;
  reportedBy: string | null;
  /** Reported fewer days before the planned date than required. */
  late: boolean;
  daysBefore: number;
  details: unknown;
}

/** A centre's brand and operator from a date on (a rename); the recognition is the first name. */
export interface CentreNameRecord {
  id: string;
  applicationId: string;
  brand: string;
  operator: string;
  /** YYYY-MM-DD */
  fromDate: string;
  reason: string;
  changeId: string | null;
  createdAt: string;
}

/** 公示与公告: a notice drawn from live records, frozen when published (see notices.ts). */
export type NoticeState = 'draft' | 'published';

/** A notice without its data and HTML: what lists show. */
export interface NoticeListItem {
  id: string;
  programId: string;
  documentId: string;
  year: number;
  title: string;
  /** What lists show, kept with the data by the caller (文号, dates, 公示期). */
  summary: Record<string, unknown>;
  state: NoticeState;
  version: number;
  supersedes: string | null;
  /** The published correction of this notice. */
  supersededBy: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

export interface NoticeRecord extends NoticeListItem {
  data: unknown;
  /** The frozen rendering (published notices only). */
  html: string | null;
}
