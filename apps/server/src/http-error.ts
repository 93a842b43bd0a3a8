/**
 * A refusal the client is meant to read: status, a stable code, a Chinese message and any
 * extra fields (`current`, `reasons`, `errors`, `path`, `id`…). The errors plugin sends it as
 * `{statusCode, code, message, ...extra}`; plugins throw it instead of building replies.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const unauthenticated = (): HttpError => new HttpError(401, 'UNAUTHENTICATED', '请先登录');
export const forbidden = (message = '没有权限执行此操作'): HttpError =>
  new HttpError(403, 'FORBIDDEN', message);
export const notFound = (message: string): HttpError => new HttpError(404, 'NOT_FOUND', message);
export const badRequest = (message: string, extra: Record<string, unknown> = {}): HttpError =>
  new HttpError(400, 'BAD_REQUEST', message, extra);
/** The request does not fit the record's present state (the code says which rule). */
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}): HttpError =>
  new HttpError(409, code, message, extra);
/** A versioned write based on an old version: the client gets what is there now. */
export const stale = (current: unknown): HttpError =>
  new HttpError(409, 'STALE', '数据已被他人修改，请基于最新版本重试', { current });
