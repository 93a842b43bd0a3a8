import { queryString } from '../api/client';

/**
 * The staff list's filters as its address holds them, and the one request they make: shared by
 * the page and by the requests started before the page is mounted (first-requests.ts), so both
 * ask for exactly the same list.
 */

export const PAGE_SIZE = 20;

export type Sort = 'receipt_no' | 'title' | 'town' | 'state' | 'submitted_at';
/** The columns the server sorts by, with the direction a first click asks for (its defaults). */
export const SORTABLE: Record<Sort, 'asc' | 'desc'> = {
  receipt_no: 'asc',
  title: 'asc',
  town: 'asc',
  state: 'asc',
  submitted_at: 'desc',
};
const isSort = (s: string): s is Sort => Object.hasOwn(SORTABLE, s);

export interface StaffListFilters {
  state: string;
  year: string;
  town: string;
  q: string;
  sort: Sort | '';
  order: string;
  page: number;
}

export function staffListFilters(query: URLSearchParams): StaffListFilters {
  const sort = query.get('sort') ?? '';
  const order = query.get('order');
  return {
    state: query.get('state') ?? '',
    year: query.get('year') ?? '',
    town: query.get('town') ?? '',
    q: query.get('q') ?? '',
    sort: isSort(sort) ? sort : '',
    order: order === 'asc' || order === 'desc' ? order : '',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

/** The page of applications the filters show, with the counts per state. */
export const staffListPath = (programId: string, filters: StaffListFilters): string =>
  `/api/applications${queryString({ programId, ...filters, pageSize: PAGE_SIZE })}`;
