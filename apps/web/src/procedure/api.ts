/**
 * The procedure routes of the server (办理流程) as the portal calls them. The server decides
 * every step (who may, in which state, with which record and reason); the portal only shows
 * what it says and sends what the user filled in.
 */
import { api, queryString, seg } from '../api/client';

export interface ProcedureStateView {
  id: string;
  title: string;
  editable: boolean;
  final: boolean;
  outcome: string | null;
}

/** A transition this user may take in this state, with what still stands in its way. */
export interface ProcedureAction {
  id: string;
  title: string;
  to: string;
  toTitle?: string;
  /** The programme form recorded with it. */
  record: string | null;
  reason: 'required' | 'optional' | null;
  kind: string | null;
  /** Its guard's failing checks (Chinese); empty when nothing stands in the way. */
  guardProblems: string[];
}

export interface TimelineEntry {
  at: string;
  transition: string;
  title: string;
  from: string;
  to: string;
  /** id and name are null where the viewer is not told who acted (the applicant). */
  actor: { id: string | null; name: string | null; role: string; roleTitle: string };
  /** The recorded form, or null when the viewer is not shown it. */
  record: unknown;
  reason: string | null;
}

export interface DeadlineView {
  state: string;
  transition: string;
  due: string;
  note: string;
  article: string | null;
  doneAt: string | null;
  outcome: string | null;
  attempts: number;
  lastError: string | null;
}

export interface ReviewRecord {
  reviewerId: string;
  reviewerName?: string;
  data: unknown;
  score: number | null;
  submittedAt: string;
}

export interface Objection {
  id: string;
  applicationId: string;
  raisedBy: string;
  raisedAt: string;
  content: string;
  decision: 'upheld' | 'dismissed' | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ProcedureView {
  state: ProcedureStateView;
  actions: ProcedureAction[];
  timeline: TimelineEntry[];
  deadlines: DeadlineView[];
  /** Staff: count, aggregate score and scores; a reviewer: count and its own; else null. */
  reviews: { count: number; score?: number; scores?: number[]; mine?: ReviewRecord | null } | null;
  /** Staff only. */
  objections: Objection[] | null;
}

export interface TransitionResult {
  id: string;
  state: string;
  version: number;
  receiptNo: string | null;
}

export interface ReviewsView {
  items: ReviewRecord[];
  count: number;
  score: number | null;
  scores: number[];
  aggregate: string | null;
}

export interface Message {
  id: string;
  applicationId: string | null;
  applicationTitle: string | null;
  text: string;
  at: string;
  readAt: string | null;
}

export interface MessagePage {
  items: Message[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** A reviewer of the programme as staff see it for one application. */
export interface ReviewerChoice {
  id: string;
  login: string;
  name: string;
  assigned: boolean;
  assignedAt?: string;
  reviewed: boolean;
  /** Why this reviewer must stand aside (回避); such a reviewer cannot be assigned. */
  conflict?: string;
}

const app = (id: string) => `/api/applications/${seg(id)}`;

export const procedureApi = {
  view: (id: string) => api.get<ProcedureView>(`${app(id)}/procedure`),
  take: (id: string, transition: string, body: { version: number; record?: unknown; reason?: string }) =>
    api.post<TransitionResult>(`${app(id)}/transitions/${seg(transition)}`, body),
  reviews: (id: string) => api.get<ReviewsView>(`${app(id)}/reviews`),
  reviewers: (id: string) => api.get<{ reviewers: ReviewerChoice[] }>(`${app(id)}/reviewers`),
  assignReviewer: (id: string, userId: string) => api.post<null>(`${app(id)}/reviewers`, { userId }),
  unassignReviewer: (id: string, userId: string) => api.delete<null>(`${app(id)}/reviewers/${seg(userId)}`),
  saveReview: (id: string, data: unknown) => api.put<ReviewRecord>(`${app(id)}/reviews/mine`, { data }),
  addObjection: (id: string, body: { raisedBy: string; raisedAt: string; content: string }) =>
    api.post<Objection>(`${app(id)}/objections`, body),
  decideObjection: (oid: string, body: { decision: 'upheld' | 'dismissed'; reason: string }) =>
    api.post<{ objection: Objection; application: TransitionResult }>(
      `/api/objections/${seg(oid)}/decision`,
      body,
    ),
  messages: (q: { page?: number; pageSize?: number; unread?: boolean } = {}) =>
    api.get<MessagePage>(`/api/messages${queryString({ ...q, unread: q.unread ? 'true' : undefined })}`),
  markRead: (mid: string) => api.post<Message>(`/api/messages/${seg(mid)}/read`),
};
