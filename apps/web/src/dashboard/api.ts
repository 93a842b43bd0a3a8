/** The dashboard route of the server (GET /api/stats) as the portal calls it; every figure is the server's. */
import { api, queryString } from '../api/client';

export interface StatsIndicator {
  id: string;
  title: string;
  unit: string;
  kind: 'atLeast' | 'containsAll';
  assessed: number;
  met: number;
  /** Sums over the assessed centres; null for an indicator that is not a number (a set of functions). */
  goal: number | null;
  actual: number | null;
}

export interface Stats {
  programId: string;
  year: number;
  total: number;
  states: { id: string; title: string; count: number }[];
  towns: { town: string | null; count: number }[];
  scores: {
    aggregate: 'mean' | 'trimmedMean' | 'median' | null;
    minReviewers: number | null;
    width: number;
    scored: number;
    pending: number;
    mean: number | null;
    buckets: { from: number; to: number; count: number }[];
  };
  assessment: {
    centres: number;
    assessed: number;
    passed: number;
    failed: number;
    missed: number;
    indicators: StatsIndicator[];
  };
}

export const statsApi = {
  get: (programId: string, year?: number) => api.get<Stats>(`/api/stats${queryString({ programId, year })}`),
};
