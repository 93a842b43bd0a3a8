/**
 * The service around the API: health, the OpenAPI document and its page, error replies in
 * Chinese (404, 413, 415, ill-formed JSON, forbidden keys, deep nesting, 500 without a
 * stack), response headers, and the portal's static files with their cache rules.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Client, PROGRAM, type TestServer } from '../support/app';

export function serviceSuite(s: () => TestServer): void {
  describe('service', () => {
    it('/healthz answers ok with the backend', async () => {
      const r = await s().client().get('/healthz');
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ ok: true, backend: s().db.backend });
      expect(r.headers['cache-control']).toBe('no-store');
    });

    it('every answer carries a request id and the no-sniff and no-frame headers', async () => {
      const r = await s().client().get('/api/programs');
      expect(String(r.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
    });

    it('/api/docs is the Swagger page and /api/openapi.json documents every API route', async () => {
      const page = await s().client().get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.text).toContain('swagger');
      const doc = await s().client().get('/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.json.openapi).toBe('3.1.0');
      const paths = Object.keys(doc.json.paths);
      for (const p of [
        '/api/auth/register',
        '/api/applications',
        '/api/applications/{id}',
        '/api/applications/{id}/submit',
        '/api/programs/{pid}/targets/{year}',
        '/api/programs/{pid}/bans',
        '/healthz',
      ])
        expect(paths).toContain(p);
      // The application data is documented with the programme's own application schema.
      const put = doc.json.paths['/api/applications/{id}'].put;
      const body = put.requestBody.content['application/json'].schema;
      expect(JSON.stringify(body.properties.data)).toContain(`program.${PROGRAM}.application`);
      const component = doc.json.components.schemas[`program.${PROGRAM}.application`];
      expect(component.properties.applicant.title).toBeTruthy();
      const targets = doc.json.paths['/api/programs/{pid}/targets/{year}'].put;
      expect(JSON.stringify(targets.requestBody.content['application/json'].schema)).toContain(
        `program.${PROGRAM}.targets`,
      );
    });

    it('an unknown API path is 404 接口不存在', async () => {
      const r = await s().client().get('/api/no-such-thing');
      expect(r.status).toBe(404);
      expect(r.json).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '接口不存在' });
    });

    it('ill-formed JSON is 400 请求内容不是有效的 JSON', async () => {
      const c = await s().client().anonymous();
      const r = await c.request('POST', '/api/auth/login', undefined, { raw: '{"login": "a",' });
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('请求内容不是有效的 JSON');
    });

    it('a body over 5 MiB is 413 请求内容过大', async () => {
      const c = await s().client().anonymous();
      const big = JSON.stringify({ login: 'x', password: 'a'.repeat(5 * 1024 * 1024) });
      const r = await c.request('POST', '/api/auth/login', undefined, { raw: big });
      expect(r.status).toBe(413);
      expect(r.json.message).toBe('请求内容过大');
    });

    it('a body that is not JSON is 415 in Chinese', async () => {
      const c = await s().client().anonymous();
      const r = await c.request('POST', '/api/auth/login', undefined, {
        raw: 'login=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(r.status).toBe(415);
      expect(r.json.message).toMatch(/不支持的请求内容类型/);
    });

    it.each([
      ['__proto__', '{"login":"a","password":"b","x":{"__proto__":{"admin":true}}}', '/x/__proto__'],
      [
        'constructor',
        '{"login":"a","password":"b","x":[{"constructor":{"prototype":1}}]}',
        '/x/0/constructor',
      ],
      ['prototype', '{"login":"a","password":"b","prototype":1}', '/prototype'],
    ])('a %s key is refused with its path', async (key, raw, path) => {
      const c = await s().client().anonymous();
      const r = await c.request('POST', '/api/auth/login', undefined, { raw });
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('BAD_DATA');
      expect(r.json.path).toBe(path);
      expect(r.json.message).toContain(`不允许使用字段名“${key}”`);
    });

    it('nesting deeper than 64 levels is refused with the path, and 10,000 levels do not crash', async () => {
      const c = await s().client().anonymous();
      const deep = (n: number) => `{"login":"a","password":"b","x":${'['.repeat(n)}${']'.repeat(n)}}`;
      const r = await c.request('POST', '/api/auth/login', undefined, { raw: deep(70) });
      expect(r.status).toBe(400);
      expect(r.json.message).toContain('数据嵌套层级过深');
      expect(r.json.path).toMatch(/^\/x(\/0)+$/);
      const huge = await c.request('POST', '/api/auth/login', undefined, { raw: deep(10_000) });
      expect(huge.status).toBe(400);
      expect(huge.json.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await s().client().get('/healthz')).status).toBe(200);
    });

    it('text that is not UTF-8 is ill-formed JSON, not replaced by U+FFFD', async () => {
      const c = await s().client().anonymous();
      const body = Buffer.concat([
        Buffer.from('{"login":"13'),
        Buffer.from([0xff]),
        Buffer.from('8","password":"x"}'),
      ]);
      const r = await s().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: body,
        remoteAddress: c.ip,
        headers: {
          'content-type': 'application/json',
          cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': c.csrfToken as string,
        },
      });
      expect(r.statusCode).toBe(400);
      expect(JSON.parse(r.body).message).toBe('请求内容不是有效的 JSON');
    });

    it('U+0000, which PostgreSQL cannot store, is refused with its path in bodies and query strings', async () => {
      const c = await s().client().anonymous();
      const body = await c.request('POST', '/api/auth/login', undefined, {
        raw: '{"login":"138\\u00000000000","password":"x"}',
      });
      expect(body.status).toBe(400);
      expect(body.json).toMatchObject({ code: 'BAD_DATA', path: '/login' });
      expect(body.json.message).toBe('内容中不能含有空字符（U+0000）（位置：/login）');
      const key = await c.request('POST', '/api/auth/login', undefined, {
        raw: '{"login":"1","password":"x","x":{"a\\u0000b":1}}',
      });
      expect(key.json.path).toBe('/x/a\\u0000b');
      const a = await s().applicant();
      const query = await a.client.get('/api/applications?q=a%00b');
      expect(query.status).toBe(400);
      expect(query.json.path).toBe('/q');
      const id = await a.client.get('/api/applications/%00');
      expect(id.status).toBe(400);
      expect(id.json.code).toBe('VALIDATION');
    });

    it('a URL that is not valid percent-encoded UTF-8 is 400 in Chinese', async () => {
      const r = await s().client().get('/api/programs/%zz/bundle');
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ statusCode: 400, code: 'BAD_URL', message: '请求地址无效' });
    });

    it('a failure inside a handler is 500 服务器内部错误 without the cause or a stack', async () => {
      const { config, db, programs } = s();
      const app = await buildApp({ config, db, programs });
      app.get('/api/test-boom', { config: { roles: 'anyone' } }, async () => {
        throw new Error('secret detail at /srv/shenbao/app.ts:12');
      });
      const r = await new Client(app).get('/api/test-boom');
      await app.close();
      expect(r.status).toBe(500);
      expect(r.json.message).toBe('服务器内部错误');
      expect(r.json.code).toBe('INTERNAL');
      expect(r.text).not.toMatch(/secret|\/srv|stack|at /);
    });

    it('a graceful close takes no new connection and finishes the request in flight', async () => {
      const { config, db, programs } = s();
      const app = await buildApp({ config, db, programs });
      let entered!: () => void;
      const inside = new Promise<void>((r) => {
        entered = r;
      });
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      app.get('/api/test-slow', { config: { roles: 'anyone' } }, async () => {
        entered();
        await gate;
        return { done: true };
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as { port: number }).port;
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/api/test-slow' }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      await inside;
      const closed = app.close();
      await vi.waitFor(() => expect(app.closing.value).toBe(true));
      // No new connection is taken any more…
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      // …but the request in flight is answered before the close completes.
      release();
      expect(await answer).toEqual({ status: 200, body: '{"done":true}' });
      await closed;
    });

    it('/healthz answers 503 服务正在停止 once a shutdown has begun', async () => {
      const { config, db, programs } = s();
      const app = await buildApp({ config, db, programs });
      try {
        expect((await new Client(app).get('/healthz')).status).toBe(200);
        app.closing.value = true; // what RunningServer.close() does first
        const r = await new Client(app).get('/healthz');
        expect(r.status).toBe(503);
        expect(r.json).toEqual({ statusCode: 503, code: 'CLOSING', message: '服务正在停止' });
      } finally {
        await app.close();
      }
    });

    it('serves the portal: hashed assets cached a year, index.html never, pages fall back to it', async () => {
      const dist = mkdtempSync(join(tmpdir(), 'shenbao-dist-'));
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>申报</title>');
      writeFileSync(join(dist, 'assets', 'index-DkX3a9_b.js'), 'console.log(1)');
      const config = loadConfig({ ...s().config.env, SHENBAO_WEB_DIST: dist });
      const app = await buildApp({ config, db: s().db, programs: s().programs });
      try {
        const c = new Client(app);
        const asset = await c.get('/assets/index-DkX3a9_b.js');
        expect(asset.status).toBe(200);
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        for (const page of ['/', '/applications/abc', '/login?next=%2F']) {
          const r = await c.get(page);
          expect(r.status, page).toBe(200);
          expect(r.text).toContain('<title>申报</title>');
          expect(r.headers['cache-control']).toBe('no-cache');
        }
        const missingFile = await c.get('/assets/missing-12345678.js');
        expect(missingFile.status).toBe(404);
        const api = await c.get('/api/nothing-here');
        expect(api.status).toBe(404);
        expect(api.json.message).toBe('接口不存在');
        expect((await c.get('/api/programs')).status).toBe(200);
      } finally {
        await app.close();
        rmSync(dist, { recursive: true, force: true });
      }
    });

    it("sends the build's .br/.gz of an asset and compresses large JSON as the browser accepts", async () => {
      const dist = mkdtempSync(join(tmpdir(), 'shenbao-dist-'));
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>申报</title>');
      const code = `console.log(${JSON.stringify('申报'.repeat(2000))});`;
      writeFileSync(join(dist, 'assets', 'index-DkX3a9_b.js'), code);
      writeFileSync(join(dist, 'assets', 'index-DkX3a9_b.js.br'), brotliCompressSync(code));
      writeFileSync(join(dist, 'assets', 'index-DkX3a9_b.js.gz'), gzipSync(code));
      const config = loadConfig({ ...s().config.env, SHENBAO_WEB_DIST: dist });
      const app = await buildApp({ config, db: s().db, programs: s().programs });
      try {
        const get = (url: string, encoding?: string) =>
          app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
        const br = await get('/assets/index-DkX3a9_b.js', 'gzip, deflate, br');
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(brotliDecompressSync(br.rawPayload).toString()).toBe(code);
        const gz = await get('/assets/index-DkX3a9_b.js', 'gzip');
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(gz.rawPayload).toString()).toBe(code);
        const plain = await get('/assets/index-DkX3a9_b.js');
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body).toBe(code);

        // The programme bundle (JSON, ~220 KB): compressed on the way out, the same data once inflated.
        const bundleUrl = `/api/programs/${PROGRAM}/bundle`;
        const raw = await get(bundleUrl);
        expect(raw.headers['content-encoding']).toBeUndefined();
        const packed = await get(bundleUrl, 'br');
        expect(packed.headers['content-encoding']).toBe('br');
        expect(packed.headers.vary).toMatch(/accept-encoding/i);
        const inflated = brotliDecompressSync(packed.rawPayload);
        expect(inflated.length).toBeGreaterThan(packed.rawPayload.length * 4);
        expect(JSON.parse(inflated.toString())).toEqual(raw.json());
        // Small answers stay as they are.
        expect((await get('/api/nothing-here', 'br')).headers['content-encoding']).toBeUndefined();
      } finally {
        await app.close();
        rmSync(dist, { recursive: true, force: true });
      }
    });
  });
}
