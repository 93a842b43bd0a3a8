import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, onCsrfRefresh, request, setCsrfToken } from '../src/api/client';

type Call = { url: string; method: string; csrf: string | null; body: unknown };

/** A fetch answering from a list, recording what was sent. */
function fakeFetch(answers: (Response | Error)[]) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    calls.push({
      url,
      method: init.method ?? 'GET',
      csrf: headers.get('x-csrf-token'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const a = answers.shift();
    if (!a) throw new Error('no answer left');
    if (a instanceof Error) throw a;
    return a;
  });
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
  });

  it('sends the session’s CSRF token on writes only, and the JSON body', async () => {
    setCsrfToken('tok-1');
    const calls = fakeFetch([json(200, { ok: 1 }), json(200, { id: 'a' })]);
    expect(await request('GET', '/api/x')).toEqual({ ok: 1 });
    expect(await request('PUT', '/api/applications/a', { data: {}, version: 3 })).toEqual({ id: 'a' });
    expect(calls.map((c) => c.csrf)).toEqual([null, 'tok-1']);
    expect(calls[1]?.body).toEqual({ data: {}, version: 3 });
  });

  it('a refusal becomes an ApiError with the server’s Chinese message, code and extra fields', async () => {
    fakeFetch([
      json(409, {
        statusCode: 409,
        code: 'STALE',
        message: '数据已被他人修改，请基于最新版本重试',
        current: { version: 4 },
      }),
    ]);
    const e = await request('PUT', '/api/applications/a', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    const err = e as ApiError;
    expect([err.status, err.code, err.message]).toEqual([
      409,
      'STALE',
      '数据已被他人修改，请基于最新版本重试',
    ]);
    expect(err.body.current).toEqual({ version: 4 });
    expect(err.offline).toBe(false);
  });

  it('no answer at all is an offline ApiError in Chinese; a non-JSON error page names the status', async () => {
    fakeFetch([new TypeError('Failed to fetch'), new Response('<html>Bad gateway</html>', { status: 502 })]);
    const offline = (await request('GET', '/api/x').catch((x: unknown) => x)) as ApiError;
    expect(offline.offline).toBe(true);
    expect(offline.message).toBe('无法连接服务器，请检查网络连接后重试');
    const proxy = (await request('GET', '/api/x').catch((x: unknown) => x)) as ApiError;
    expect([proxy.status, proxy.code]).toEqual([502, 'HTTP_502']);
    expect(proxy.message).toBe('服务器暂时无法处理请求（HTTP 502），请稍后重试');
  });

  it('an expired page token is refreshed once and the write sent again', async () => {
    setCsrfToken('old');
    onCsrfRefresh(async () => 'fresh');
    const calls = fakeFetch([
      json(403, { statusCode: 403, code: 'CSRF', message: '页面已过期，请刷新后重试' }),
      json(200, { saved: true }),
    ]);
    expect(await request('POST', '/api/applications/a/submit', { version: 2 })).toEqual({ saved: true });
    expect(calls.map((c) => c.csrf)).toEqual(['old', 'fresh']);
  });
});
