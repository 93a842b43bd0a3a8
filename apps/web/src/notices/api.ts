/**
 * The notice routes of the server (公示与公告, docs/api.md "Notices") as the portal calls them.
 * The server derives the list and the period from live records, checks the notice against its
 * document's data schema and freezes it on publication; the portal shows what it says and sends
 * what staff filled in (their part only).
 */
import type { SchemaNode } from '@shenbao/forms';
import type { NoticeListItem as StoredNotice } from '@shenbao/store/types';
import { api, download, queryString, seg } from '../api/client';

/** A notice as lists show it (the store's record; its summary as the server writes it). */
export type NoticeListItem = Omit<StoredNotice, 'summary'> & {
  summary: { title?: string; docNo?: string; date?: string; period?: { startDate: string; endDate: string } };
};

/** A notice as staff get it: the whole data, their part, the form for it and what is amiss. */
export interface NoticeView extends NoticeListItem {
  data: unknown;
  staff: Record<string, unknown>;
  /** The document's data schema without the derived parts. */
  form: SchemaNode;
  /** After create/refresh: missing values, unknown codes, periods that differ (Chinese). */
  problems: string[];
  /** A draft checked against the data schema. */
  errors: { path: string; message: string }[];
}

const one = (id: string) => `/api/notices/${seg(id)}`;

export const noticesApi = {
  list: (programId: string, year?: number) =>
    api.get<NoticeListItem[]>(`/api/notices${queryString({ programId, year })}`),
  get: (id: string) => api.get<NoticeView>(one(id)),
  create: (body: { programId: string; documentId: string; year: number }) =>
    api.post<NoticeView>('/api/notices', body),
  save: (id: string, body: { data: unknown; version: number }) => api.put<NoticeView>(one(id), body),
  refresh: (id: string, version: number) => api.post<NoticeView>(`${one(id)}/refresh`, { version }),
  publish: (id: string, version: number) => api.post<NoticeView>(`${one(id)}/publish`, { version }),
  correct: (id: string) => api.post<NoticeView>(`${one(id)}/correct`),
  document: (id: string, format: 'docx' | 'pdf') => download(`${one(id)}/document${queryString({ format })}`),
};

/** The public page of a published notice (served by the server, outside the portal's routes). */
export const publicNoticeUrl = (id: string): string => `/notices/${seg(id)}`;
