/**
 * The one way the portal talks to the server (docs/api.md): same-origin fetch with the session
 * cookie, the CSRF header on every write, and every refusal turned into an `ApiError` carrying
 * the server's Chinese message, its code and its extra fields (`current`, `reasons`, `errors`…).
 */

/** A refusal of the server, or no answer at all (`status` 0, `code` 'NETWORK'). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole JSON body of the refusal: extra fields such as `current`, `reasons`, `id`. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

export const OFFLINE_MESSAGE = '无法连接服务器，请检查网络连接后重试';

/** Longest wait for an answer before the server counts as unreachable (ms). */
const TIMEOUT = 30_000;
const UPLOAD_TIMEOUT = 10 * 60_000;

let csrfToken: string | undefined;
/** Asked for a fresh token when the server refuses ours (an expired page, a new session elsewhere). */
let refreshCsrf: (() => Promise<string | undefined>) | undefined;

/** The session's token (from login, register or me); undefined after logout. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function onCsrfRefresh(fn: () => Promise<string | undefined>): void {
  refreshCsrf = fn;
}

/** The anonymous token for login and register, bound to the `sb_csrf` cookie the call sets. */
export async function anonymousCsrf(): Promise<string> {
  const r = await request<{ csrfToken: string }>('GET', '/api/auth/csrf');
  csrfToken = r.csrfToken;
  return r.csrfToken;
}

const isWrite = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

async function refusal(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const json: unknown = await res.json();
    if (json && typeof json === 'object' && !Array.isArray(json)) body = json as Record<string, unknown>;
  } catch {
    // Not JSON: a proxy's error page, for instance.
  }
  const message =
    typeof body.message === 'string' && body.message
      ? body.message
      : `服务器暂时无法处理请求（HTTP ${res.status}），请稍后重试`;
  const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`;
  return new ApiError(res.status, code, message, body);
}

async function send(method: string, path: string, init: RequestInit, timeout: number): Promise<Response> {
  const headers = new Headers(init.headers);
  if (isWrite(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  try {
    return await fetch(path, {
      ...init,
      method,
      headers,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(timeout),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', OFFLINE_MESSAGE);
  }
}

/** Sends, and once more with a fresh CSRF token when the server says the page's token expired. */
async function exchange(method: string, path: string, init: RequestInit, timeout: number): Promise<Response> {
  let res = await send(method, path, init, timeout);
  if (res.status === 403 && isWrite(method) && refreshCsrf) {
    const err = await refusal(res.clone());
    if (err.code === 'CSRF') {
      const fresh = await refreshCsrf();
      if (fresh) {
        csrfToken = fresh;
        res = await send(method, path, init, timeout);
      }
    }
  }
  return res;
}

/** A JSON call: the parsed answer, `undefined` for 204, or an `ApiError`. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit =
    body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const res = await exchange(method, path, init, TIMEOUT);
  if (!res.ok) throw await refusal(res);
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的内容无法识别，请稍后重试');
  }
}

/** Bytes (a document, an attachment) as a Blob, or an `ApiError` with the server's reason. */
export async function download(path: string): Promise<Blob> {
  const res = await exchange('GET', path, {}, UPLOAD_TIMEOUT);
  if (!res.ok) throw await refusal(res);
  return res.blob();
}

/** One file as multipart field `file`. */
export async function upload<T>(path: string, file: Blob, name: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, name);
  const res = await exchange('POST', path, { body: form }, UPLOAD_TIMEOUT);
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as T;
}

/**
 * Answers asked for while the page's code was still loading (first-requests.ts): the first `get`
 * of the same path takes it, once, within a few seconds; a refused one is asked again.
 */
const early = new Map<string, { answer: Promise<unknown>; at: number }>();
const EARLY_KEPT_MS = 10_000;

/**
 * Starts a GET now for a page that will ask for it once its code has loaded; the answer, for
 * requests that follow from it (a refusal is handled by the page's own `get`).
 */
export function requestEarly(path: string): Promise<unknown> {
  const kept = early.get(path);
  if (kept) return kept.answer;
  const answer = request<unknown>('GET', path);
  answer.catch(() => undefined);
  early.set(path, { answer, at: Date.now() });
  return answer;
}

function get<T>(path: string): Promise<T> {
  const kept = early.get(path);
  if (!kept) return request<T>('GET', path);
  early.delete(path);
  if (Date.now() - kept.at > EARLY_KEPT_MS) return request<T>('GET', path);
  return (kept.answer as Promise<T>).catch(() => request<T>('GET', path));
}

export const api = {
  get,
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Encodes one path segment. */
export const seg = (s: string | number): string => encodeURIComponent(String(s));

/** `?a=1&b=2` from the defined entries, or ''. */
export function queryString(q: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
