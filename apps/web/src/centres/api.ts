/**
 * The centre routes of the server (已认定的创新中心, docs/api.md "Centres") as the portal calls
 * them. Every rule (goals against the minimum, the assessment per indicator, consequences, the
 * ban of a revocation, late change reports) is the server's over program.json; the portal shows
 * what it answers.
 */
import { api, queryString, seg } from '../api/client';

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
};
