/** Shapes of the server's answers (docs/api.md), as the portal reads them. */

import type { Role } from '@shenbao/store/types';

export type { Role };

export interface User {
  id: string;
  login: string;
  name: string;
  role: Role;
  orgId: string | null;
  /** Programmes of a staff member or reviewer; `['*']` is all. */
  programs: string[];
}

export interface Org {
  id: string;
  uscc: string;
  name: string;
  contact: string;
  mobile: string;
}

export interface SessionInfo {
  user: User;
  org: Org | null;
  csrfToken: string;
}

export interface ProgrammeSummary {
  id: string;
  title: string;
  authority?: string;
  docNo?: string;
  forms: { id: string; title: string }[];
  /** The form submitted through the server (program.json `submission.form`); absent: no online submission. */
  submissionForm?: string | null;
}

export interface ProgrammeBundle {
  id: string;
  files: Record<string, string>;
}

/** Records as the store keeps them and the server sends them (one definition: packages/store). */
export type {
  ApplicationRecord,
  ApplicationState,
  ApplicationSummary,
  Page as Paged,
} from '@shenbao/store/types';

export interface SavedVersion {
  id: string;
  version: number;
  updatedAt: string;
}

export interface CallWindowInfo {
  open?: boolean;
  opens?: string | null;
  closes?: string | null;
  reason?: string | null;
}

export interface TargetsYearSummary {
  year: number;
  published: boolean;
  publishedAt: string | null;
  hasDraft: boolean;
  callWindow?: CallWindowInfo;
}

export interface TargetsRecord {
  year: number;
  /** The published targets (the data), or null/absent before the first publication. */
  published?: unknown;
  publishedAt: string | null;
  version: number;
  callWindow?: CallWindowInfo;
  /** Staff only: the draft being edited, or null when there is none. */
  draft?: unknown;
}

export interface SubmissionReason {
  kind: string;
  message: string;
  path?: string;
  article?: string;
}

export interface Receipt {
  receiptNo: string;
  programTitle: string;
  authority: string;
  formTitle: string;
  year: number;
  orgName: string;
  uscc: string;
  submittedAt: string;
  dataSha256: string;
  attachments: { name: string; size: number; sha256: string }[];
  notes: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  patch: unknown;
}

export interface UploadedFile {
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
}
