/**
 * The API as the portal's own pages call it, for e2e tests that prepare or check what the
 * browser does not need to show: a context's session (cookies shared with its pages) and its
 * CSRF token, and the review form a reviewer hands in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { Portal } from './server';

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls with the context's session; a refusal throws with its status and body. */
export async function apiOf(portal: Portal, ctx: BrowserContext): Promise<Call> {
  const me = await ctx.request.get(`${portal.url}api/auth/me`);
  if (!me.ok()) throw new Error(`me → ${me.status()}`);
  const token = ((await me.json()) as { csrfToken: string }).csrfToken;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await ctx.request.fetch(`${portal.url}${path.slice(1)}`, {
      method,
      headers: { 'x-csrf-token': token },
      ...(body === undefined ? {} : { data: body }),
    });
    if (!r.ok()) throw new Error(`${method} ${path} → ${r.status()} ${await r.text()}`);
    return (r.status() === 204 ? undefined : await r.json()) as T;
  };
}

/** A fresh context logged in through the API (reviewers and administrators working in the background). */
export async function apiLogin(
  portal: Portal,
  newContext: () => Promise<BrowserContext>,
  login: string,
  password: string,
): Promise<{ ctx: BrowserContext; call: Call }> {
  const ctx = await newContext();
  const csrf = (await (await ctx.request.get(`${portal.url}api/auth/csrf`)).json()) as { csrfToken: string };
  const r = await ctx.request.post(`${portal.url}api/auth/login`, {
    headers: { 'x-csrf-token': csrf.csrfToken },
    data: { login, password },
  });
  if (!r.ok()) throw new Error(`login ${login} → ${r.status()} ${await r.text()}`);
  return { ctx, call: await apiOf(portal, ctx) };
}

/** An attachment entry of an application's data (what the upload answers fills in). */
export interface AttachmentEntry {
  name: string;
  size: number;
  sha256: string;
}

/**
 * Uploads a small PDF for each attachment entry of `files` (its name kept) as the context's user,
 * and fills each entry with what the server says of its file (sha256, size). `tag` makes the files
 * of different applicants differ.
 */
export async function uploadAttachments(
  portal: Portal,
  ctx: BrowserContext,
  query: { programId: string; form: string },
  files: AttachmentEntry[],
  tag = '',
): Promise<void> {
  const me = await ctx.request.get(`${portal.url}api/auth/me`);
  const token = ((await me.json()) as { csrfToken: string }).csrfToken;
  for (const [i, f] of files.entries()) {
    const up = await ctx.request.post(
      `${portal.url}api/attachments?programId=${query.programId}&form=${query.form}`,
      {
        headers: { 'x-csrf-token': token },
        multipart: {
          file: {
            name: f.name,
            mimeType: 'application/pdf',
            buffer: Buffer.from(
              `%PDF-1.4\n% ${tag} ${i}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
            ),
          },
        },
      },
    );
    if (!up.ok()) throw new Error(`upload → ${up.status()} ${await up.text()}`);
    Object.assign(f, await up.json());
  }
}

interface ReviewSchema {
  properties: {
    qualification: { required: string[] };
    scores: {
      required: string[];
      properties: Record<string, { properties: { score: { maximum: number } } }>;
    };
  };
}
/** The review form's schema, read where it is: its score items and their maximums, its checks. */
const REVIEW = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../schemas/ai-innovation-center/review.schema.json'), 'utf8'),
) as ReviewSchema;

/** A valid review form (review.schema.json): `points` on every item, at most its maximum. */
export function reviewForm(
  subject: { applicant: string; center: string },
  reviewer: string,
  points: number,
  signedDate: string,
) {
  const { qualification, scores } = REVIEW.properties;
  return {
    subject: { kind: 'application', ...subject },
    reviewer: { name: reviewer },
    qualification: Object.fromEntries(qualification.required.map((k) => [k, { result: 'pass' }])),
    scores: Object.fromEntries(
      scores.required.map((k) => [
        k,
        { score: Math.min(points, scores.properties[k]?.properties.score.maximum ?? points) },
      ]),
    ),
    comment: '材料齐全，团队与展厅符合要求。',
    conclusion: 'recommend',
    signedDate,
  };
}
