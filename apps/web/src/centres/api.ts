/**
 * The centre routes of the server (已认定的创新中心, docs/api.md "Centres") as the portal calls
 * them. Every rule (goals against the minimum, the assessment per indicator, consequences, the
 * ban of a revocation, late change reports) is the server's over program.json; the portal shows
 * what it answers.
 */
import { api, download, queryString, seg } from '../api/client';

export interface CentreName {
  brand: string;
  operator: string;
  fromDate: string;
  reason: string | null;
  changeId: string | null;
}

export interface AssessedIndicator {
  id: string;
  title: string;
  unit: string | null;
  target: unknown;
  commitment: unknown;
  bar: unknown;
  actual: unknown;
  rate: number | null;
  met: boolean;
  reason: string | null;
}

export interface CentreYear {
  year: number;
  goals: Record<string, number | string[]> | null;
  goalsSetRole: string | null;
  goalsSetAt: string | null;
  selfAssessment?: unknown;
  submittedAt: string | null;
  assessment: { article: string; passed: boolean; indicators: AssessedIndicator[] } | null;
  passed: boolean | null;
  assessedAt: string | null;
  missed: boolean;
  missedAt: string | null;
  consequence: {
    action: 'none' | 'notice' | 'revoke';
    ground: number | null;
    groundText: string | null;
    article: string | null;
    reason: string | null;
    document: string | null;
  } | null;
}

export interface CentreChange {
  id: string;
  kind: string;
  plannedDate: string;
  reportedOn: string;
  reportedAt: string;
  late: boolean;
  daysBefore: number;
  details: Record<string, unknown> | null;
}

export interface CentreBan {
  kind: string;
  until: string | null;
  text: string;
  article: string;
}

export interface CentreRevocation {
  id: string;
  status: 'proposed' | 'decided';
  ground: number;
  groundText: string;
  article: string;
  reason: string;
  year: number | null;
  proposedBy: string | null;
  proposedAt: string | null;
  decidedOn: string | null;
  decidedAt: string | null;
  banId: string | null;
  ban: CentreBan | null;
}

/** A centre as the server shows it (its id is the recognised application's). */
export interface CentreView {
  id: string;
  programId: string;
  year: number;
  orgId: string;
  orgUscc: string;
  orgName: string;
  receiptNo: string | null;
  brand: string;
  operator: string;
  recognition: Record<string, unknown> | null;
  recognisedAt: string | null;
  status: 'active' | 'revoked';
  names: CentreName[];
  years: CentreYear[];
  changes: CentreChange[];
  revocation: CentreRevocation | null;
  warnings?: string[];
}

const one = (id: string) => `/api/centres/${seg(id)}`;

export const centresApi = {
  list: (programId: string, year?: number) =>
    api.get<CentreView[]>(`/api/centres${queryString({ programId, year })}`),
  get: (id: string) => api.get<CentreView>(one(id)),
  assess: (id: string, year: number, comment?: string) =>
    api.post<{ year: CentreYear; revocation: CentreRevocation | null; warnings: string[] }>(
      `${one(id)}/years/${seg(year)}/assessment`,
      comment ? { comment } : {},
    ),
  revoke: (id: string, body: { ground: number; reason: string; decidedOn?: string }) =>
    api.post<CentreView>(`${one(id)}/revoke`, body),
  /** 绩效目标: the centre's own commitment, or staff raising it; refusals carry `errors[].path` under /goals. */
  setGoals: (id: string, year: number, goals: Goals) =>
    api.put<CentreYear & { warnings?: string[] }>(`${one(id)}/years/${seg(year)}/goals`, { goals }),
  submitSelfAssessment: (id: string, year: number, data: unknown) =>
    api.put<CentreYear & { warnings?: string[] }>(`${one(id)}/years/${seg(year)}/self-assessment`, { data }),
  /** 重大事项报告; the answer says whether it came too late and the whole centre after it. */
  reportChange: (id: string, body: ChangeReport) =>
    api.post<{
      change: CentreChange;
      late: boolean;
      deadline: string;
      reason: string | null;
      centre: CentreView;
    }>(`${one(id)}/changes`, body),
  /** 未按规定参加绩效考核: every active centre of the programme without a self-assessment for `year` is marked, and revocation proposed. */
  markMissed: (programId: string, year: number) =>
    api.post<{
      marked: { id: string; brand: string; revocation: CentreRevocation | null }[];
      warnings: string[];
    }>('/api/centres/missed-assessments', { programId, year }),
  /** A year's document (the 自评报告) rendered by the server from the self-assessment handed in. */
  yearDocument: (id: string, year: number, docId: string, format: 'docx' | 'pdf') =>
    download(`${one(id)}/years/${seg(year)}/documents/${seg(docId)}${queryString({ format })}`),
};

/** A year's goals: a number per indicator, or the items of a `containsAll` indicator. */
export type Goals = Record<string, number | string[]>;

export interface ChangeReport {
  kind: string;
  plannedDate: string;
  newBrand?: string;
  newOperator?: string;
  description?: string;
}
