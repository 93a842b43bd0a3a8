/**
 * Every error leaves the server as `{statusCode, code, message}` with a Chinese message:
 * our own refusals (HttpError) as thrown, Fastify's and its plugins' errors translated by
 * code or status, anything unexpected as a bare 500 whose cause goes to the log only.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error';

export const INVALID_JSON = '请求内容不是有效的 JSON';
export const TOO_LARGE = '请求内容过大';

/** Fastify's own error codes whose meaning the client can act on. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'TOO_LARGE', message: TOO_LARGE },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: INVALID_JSON },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: INVALID_JSON },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '不支持的请求内容类型（请使用 application/json）',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: '请求内容长度与 Content-Length 不符',
  },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'BAD_REQUEST', message: '请求的 Content-Type 无效' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', message: '请求地址无效' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG', message: '请求地址过长' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST', message: '请求不正确' },
};

/** What a 4xx without a translation says, by status. */
const BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求不正确' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限执行此操作' },
  404: { code: 'NOT_FOUND', message: '接口不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' },
  406: { code: 'NOT_ACCEPTABLE', message: '无法提供所请求的内容格式' },
  408: { code: 'TIMEOUT', message: '请求超时，请重试' },
  409: { code: 'CONFLICT', message: '请求与当前数据冲突，请刷新后重试' },
  413: { code: 'TOO_LARGE', message: TOO_LARGE },
  414: { code: 'URI_TOO_LONG', message: '请求地址过长' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  416: { code: 'RANGE_NOT_SATISFIABLE', message: '请求的范围无效' },
  422: { code: 'UNPROCESSABLE', message: '请求无法处理' },
  423: { code: 'LOCKED', message: '资源已锁定' },
  429: { code: 'TOO_MANY_REQUESTS', message: '尝试过于频繁，请稍后再试' },
  503: { code: 'UNAVAILABLE', message: '服务暂不可用，请稍后再试' },
};

const HAS_CJK = /[\u4e00-\u9fff]/;

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [extra: string]: unknown;
}

/** The reply body for an error, and whether it is the server's fault. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof HttpError)
    return { ...error.extra, statusCode: error.statusCode, code: error.code, message: error.message };
  const e = error as Partial<FastifyError> & { status?: number };
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { statusCode: known.status, code: known.code, message: known.message };
  const status = e.statusCode ?? e.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const generic = BY_STATUS[status] ?? { code: 'BAD_REQUEST', message: '请求不正确' };
    // A plugin's own Chinese message is meant for the user; an English one is not.
    const own = typeof e.message === 'string' && HAS_CJK.test(e.message) ? e.message : undefined;
    const code = typeof e.code === 'string' && !e.code.startsWith('FST_') ? e.code : generic.code;
    return { statusCode: status, code, message: own ?? generic.message };
  }
  if (status === 503) return { statusCode: 503, ...(BY_STATUS[503] as { code: string; message: string }) };
  return { statusCode: 500, code: 'INTERNAL', message: '服务器内部错误' };
}

/**
 * Errors Fastify meets before a route runs (a URL that is not valid percent-encoded UTF-8, a
 * parameter past the length limit): the same Chinese JSON as everything else.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body = errorBody(error);
  void reply.code(body.statusCode).send(body);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a header line without a colon,
 * a NUL or space in the request line, headers past the size limit, a timeout): a plain answer
 * on the socket, still JSON in Chinese, then the connection is closed.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', '请求头过大']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'TIMEOUT', '请求超时，请重试']
        : [400, 'BAD_REQUEST', '请求格式不正确'];
  const body = JSON.stringify({ statusCode: status, code, message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

export function sendNotFound(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '接口不存在' });
}

export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const body = errorBody(error);
      if (body.statusCode >= 500 && !(error instanceof HttpError)) {
        // Unexpected: the cause goes to the log only; the id lets support find it there.
        request.log.error({ err: error }, 'request failed');
        body.requestId = request.id;
      } else request.log.info({ code: body.code, status: body.statusCode }, 'request refused');
      return reply.code(body.statusCode).send(body);
    });
  },
  { name: 'shenbao-errors' },
);
