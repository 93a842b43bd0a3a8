/** Accounts: registration of an enterprise, login with its limits, logout, the session, CSRF. */
import { getSession, listAudit } from '@shenbao/store';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Client, PASSWORD, type TestServer } from '../support/app';
import { freshMobile, freshUscc } from '../support/http';

const cookieLine = (headers: Record<string, unknown>, name: string): string =>
  ([] as string[])
    .concat((headers['set-cookie'] as string | string[] | undefined) ?? [])
    .find((l) => l.startsWith(`${name}=`)) ?? '';

export function authSuite(s: () => TestServer): void {
  const registration = (o: Record<string, string> = {}) => ({
    uscc: freshUscc(),
    orgName: '东莞测试科技有限公司',
    contact: '王五',
    mobile: freshMobile(),
    password: PASSWORD,
    ...o,
  });

  describe('CSRF', () => {
    it('GET /api/auth/csrf gives a token and sets the HttpOnly sb_csrf cookie', async () => {
      const c = s().client();
      const r = await c.get('/api/auth/csrf');
      expect(r.status).toBe(200);
      expect(r.json.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookieLine(r.headers, 'sb_csrf')).toMatch(/HttpOnly/);
      // The same browser keeps its cookie and token.
      const again = await c.get('/api/auth/csrf');
      expect(again.json.csrfToken).toBe(r.json.csrfToken);
    });

    it('a write without the token, or with one of another browser, is 403 页面已过期', async () => {
      const c = await s().client().anonymous();
      const missing = await c.request('POST', '/api/auth/register', registration(), { noCsrf: true });
      expect(missing.status).toBe(403);
      expect(missing.json).toMatchObject({ code: 'CSRF', message: '页面已过期，请刷新后重试' });
      const other = await s().client().anonymous();
      const foreign = await c.request('POST', '/api/auth/register', registration(), {
        headers: { 'x-csrf-token': other.csrfToken as string },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.json.code).toBe('CSRF');
    });

    it('with a session only the session token is accepted, not an anonymous one', async () => {
      const a = await s().applicant();
      const anon = await s().client().anonymous();
      const r = await a.client.request(
        'POST',
        '/api/applications',
        { programId: 'ai-innovation-center', year: 2027 },
        {
          headers: { 'x-csrf-token': anon.csrfToken as string },
        },
      );
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('CSRF');
    });
  });

  describe('register', () => {
    it('creates the organisation and its first user, logs in and audits', async () => {
      const c = await s().client().anonymous();
      const body = registration();
      const r = await c.post('/api/auth/register', body);
      expect(r.status).toBe(201);
      expect(r.json.user).toEqual({
        id: expect.any(String),
        login: body.mobile,
        name: '王五',
        role: 'applicant',
        orgId: r.json.org.id,
        programs: [],
      });
      expect(r.json.org).toMatchObject({
        uscc: body.uscc,
        name: body.orgName,
        contact: '王五',
        mobile: body.mobile,
      });
      expect(r.json.user.passwordHash).toBeUndefined();
      const cookie = cookieLine(r.headers, 'sb_session');
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/);
      const me = await c.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.json.user.id).toBe(r.json.user.id);
      const log = await listAudit(s().db, 'organization', r.json.org.id);
      expect(log.map((e) => e.action)).toEqual(['register']);
      expect(log[0]?.actorId).toBe(r.json.user.id);
      expect(log[0]?.ip).toBe(c.ip);
    });

    it('lower-case USCC input is taken upper-case', async () => {
      const c = await s().client().anonymous();
      const uscc = freshUscc();
      const r = await c.post('/api/auth/register', registration({ uscc: ` ${uscc.toLowerCase()} ` }));
      expect(r.status).toBe(201);
      expect(r.json.org.uscc).toBe(uscc);
    });

    it('refuses a USCC whose check character is wrong, naming the problem', async () => {
      const good = freshUscc();
      const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const c = await s().client().anonymous();
      const r = await c.post('/api/auth/register', registration({ uscc: wrongCheck }));
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('统一社会信用代码校验位错误');
      const short = await c.post('/api/auth/register', registration({ uscc: '9144' }));
      expect(short.json.message).toBe('统一社会信用代码应为18位');
    });

    it('refuses a weak password and an invalid mobile number in Chinese', async () => {
      const c = await s().client().anonymous();
      const weak = await c.post('/api/auth/register', registration({ password: 'abcdefgh' }));
      expect(weak.status).toBe(400);
      expect(weak.json.message).toBe('密码至少8位，且须同时包含字母和数字');
      const mobile = await c.post('/api/auth/register', registration({ mobile: '12345' }));
      expect(mobile.status).toBe(400);
      expect(mobile.json.message).toBe('「手机号码」不是有效的手机号码');
      expect(mobile.json.errors).toEqual([{ path: '/mobile', message: '「手机号码」不是有效的手机号码' }]);
      const missing = await c.post('/api/auth/register', { uscc: freshUscc() });
      expect(missing.status).toBe(400);
      expect(missing.json.message).toMatch(
        /「单位名称」为必填项|「联系人」为必填项|「手机号码」为必填项|「密码」为必填项/,
      );
    });

    it('a USCC registered before is refused with 该统一社会信用代码已注册, and nothing is created', async () => {
      const first = await s().applicant();
      const c = await s().client().anonymous();
      const body = registration({ uscc: first.uscc });
      const r = await c.post('/api/auth/register', body);
      expect(r.status).toBe(409);
      expect(r.json.message).toBe('该统一社会信用代码已注册，请直接登录或联系本单位管理员');
      const login = await s().client().login(body.mobile);
      expect(login.status).toBe(401);
    });

    it('a mobile number already used as a login is refused, and the organisation is not created', async () => {
      const first = await s().applicant();
      const c = await s().client().anonymous();
      const uscc = freshUscc();
      const r = await c.post('/api/auth/register', registration({ uscc, mobile: first.login }));
      expect(r.status).toBe(409);
      expect(r.json.message).toBe('该手机号码已注册，请直接登录');
      // The transaction rolled back: the USCC is still free.
      const again = await c.post('/api/auth/register', registration({ uscc }));
      expect(again.status).toBe(201);
    });
  });

  describe('login and logout', () => {
    it('logs in, reads me, logs out (session deleted, cookie cleared)', async () => {
      const a = await s().applicant();
      const c = s().client();
      const r = await c.login(a.login);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ user: { login: a.login, role: 'applicant' }, org: { uscc: a.uscc } });
      const token = c.cookies.get('sb_session') as string;
      expect(await getSession(s().db, token, { ttlMs: 3_600_000 })).toBeDefined();
      const me = await c.get('/api/auth/me');
      expect(me.json.csrfToken).toBe(r.json.csrfToken);
      const out = await c.post('/api/auth/logout');
      expect(out.status).toBe(204);
      expect(await getSession(s().db, token, { ttlMs: 3_600_000 })).toBeUndefined();
      expect(c.cookies.has('sb_session')).toBe(false);
      const after = await c.get('/api/auth/me');
      expect(after.status).toBe(401);
      expect(after.json).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
      // A copy of the old cookie (kept by an attacker, or a remembered session) opens nothing.
      c.cookies.set('sb_session', token);
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });

    it('a session ended by a new login on the same tab is refused at once (remembered sessions are forgotten)', async () => {
      const a = await s().applicant();
      const c = s().client();
      await c.login(a.login);
      const first = c.cookies.get('sb_session') as string;
      expect((await c.get('/api/auth/me')).status).toBe(200);
      expect((await c.login(a.login)).status).toBe(200);
      const second = c.cookies.get('sb_session') as string;
      expect(second).not.toBe(first);
      c.cookies.set('sb_session', first);
      expect((await c.get('/api/auth/me')).status).toBe(401);
      c.cookies.set('sb_session', second);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    });

    it('a wrong password or unknown login is 401 账号或密码错误', async () => {
      const a = await s().applicant();
      const wrong = await s().client().login(a.login, 'Wrong-pass-1');
      expect(wrong.status).toBe(401);
      expect(wrong.json.message).toBe('账号或密码错误');
      const unknown = await s().client().login('13000000000-nobody', PASSWORD);
      expect(unknown.status).toBe(401);
      expect(unknown.json.message).toBe('账号或密码错误');
    });

    it('five failures lock the account for 15 minutes with the unlock time in Beijing time', async () => {
      const a = await s().applicant();
      const c = s().client();
      for (let i = 0; i < 4; i++) expect((await c.login(a.login, `Wrong-${i}-pass`)).status).toBe(401);
      const fifth = await c.login(a.login, 'Wrong-5-pass');
      expect(fifth.status).toBe(423);
      const until = new Date(fifth.json.lockedUntil);
      const hhmm = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(until);
      expect(fifth.json.message).toBe(`账号已锁定，请于${hhmm}后重试`);
      const minutes = (until.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15.5);
      // Even the right password is refused while locked.
      const right = await c.login(a.login);
      expect(right.status).toBe(423);
      const failures = (await listAudit(s().db, 'user', a.userId)).filter((e) => e.action === 'login-failed');
      expect(failures).toHaveLength(5);
    });

    it('more than 20 attempts a minute from one address are 429; another address still gets in', async () => {
      const a = await s().applicant();
      const c = await s().client().anonymous();
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++)
        statuses.push((await c.post('/api/auth/login', { login: 'nobody', password: 'x' })).status);
      expect(statuses.slice(0, 20).every((x) => x === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
      const blocked = await c.post('/api/auth/login', { login: a.login, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.json.message).toBe('尝试过于频繁，请稍后再试');
      expect((await s().client().login(a.login)).status).toBe(200);
    });

    it('in production the session cookie is Secure', async () => {
      const config = loadConfig({
        ...s().config.env,
        NODE_ENV: 'production',
        SHENBAO_SECRET: 'production-secret-0123456789-abcdefghij',
      });
      const app = await buildApp({ config, db: s().db, programs: s().programs });
      try {
        const a = await s().applicant();
        const c = new Client(app);
        await c.anonymous();
        const r = await c.post('/api/auth/login', { login: a.login, password: PASSWORD });
        expect(r.status).toBe(200);
        expect(cookieLine(r.headers, 'sb_session')).toMatch(/; Secure/);
      } finally {
        await app.close();
      }
    });
  });
}
