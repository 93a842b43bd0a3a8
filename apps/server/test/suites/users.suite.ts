/** Accounts managed by people: demo accounts, colleagues of an organisation, the administrator's accounts. */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUscc, ensureDemoAccounts } from '../../src/demo';
import type { TestServer } from '../support/app';
import { freshMobile } from '../support/http';

export function userSuite(s: () => TestServer): void {
  describe('demo accounts', () => {
    it('are created once (a second start changes nothing) and each role can log in', async () => {
      const first = await ensureDemoAccounts(s().db);
      const again = await ensureDemoAccounts(s().db);
      expect(again).toEqual(first);
      expect(first.map((a) => a.role)).toEqual(['applicant', 'staff', 'reviewer', 'admin']);
      for (const a of first) {
        const r = await s().client().login(a.login, DEMO_PASSWORD);
        expect(r.status, a.login).toBe(200);
        expect(r.json.user.role).toBe(a.role);
        if (a.role === 'applicant') expect(r.json.org.uscc).toBe(demoUscc());
        else expect(r.json.org).toBeNull();
      }
      expect(demoUscc()).toMatch(/^91441900MA5DEMQ01[0-9A-Z]$/);
    });
  });

  describe('organisation users', () => {
    it('an applicant invites a colleague, who logs in to the same organisation', async () => {
      const a = await s().applicant();
      const mobile = freshMobile();
      const r = await a.client.post('/api/org/users', { name: '赵六', mobile, password: 'Colleague-1' });
      expect(r.status).toBe(201);
      expect(r.json.user).toMatchObject({ login: mobile, role: 'applicant', orgId: a.orgId });
      const list = await a.client.get('/api/org/users');
      expect(list.json.map((u: { login: string }) => u.login).sort()).toEqual([a.login, mobile].sort());
      const colleague = await s().client().login(mobile, 'Colleague-1');
      expect(colleague.json.org.id).toBe(a.orgId);
      const other = await s().applicant();
      const theirs = await other.client.get('/api/org/users');
      expect(theirs.json.map((u: { login: string }) => u.login)).toEqual([other.login]);
    });

    it('refuses a taken login and a weak password', async () => {
      const a = await s().applicant();
      const taken = await a.client.post('/api/org/users', {
        name: '赵六',
        mobile: a.login,
        password: 'Colleague-1',
      });
      expect(taken.status).toBe(409);
      expect(taken.json.message).toBe('该账号（登录名）已存在');
      const weak = await a.client.post('/api/org/users', {
        name: '赵六',
        mobile: freshMobile(),
        password: '12345678',
      });
      expect(weak.status).toBe(400);
    });
  });

  describe('admin users', () => {
    it('lists every account and creates staff, reviewers and applicants of a registered organisation', async () => {
      const admin = await s().account('admin');
      const a = await s().applicant();
      const staff = await admin.client.post('/api/admin/users', {
        login: `staff-new-${Date.now()}`,
        name: '钱七',
        role: 'staff',
        password: 'Staff-pass-1',
        programs: ['ai-innovation-center'],
      });
      expect(staff.status).toBe(201);
      expect(staff.json.user).toMatchObject({
        role: 'staff',
        programs: ['ai-innovation-center'],
        orgId: null,
      });
      const applicant = await admin.client.post('/api/admin/users', {
        login: freshMobile(),
        name: '孙八',
        role: 'applicant',
        password: 'Applicant-1',
        orgUscc: a.uscc,
      });
      expect(applicant.status).toBe(201);
      expect(applicant.json.user.orgId).toBe(a.orgId);
      const list = await admin.client.get('/api/admin/users');
      expect(list.status).toBe(200);
      const ids = list.json.map((u: { id: string }) => u.id);
      expect(ids).toContain(staff.json.user.id);
      expect(ids).toContain(a.userId);
      expect(JSON.stringify(list.json)).not.toMatch(/argon2|passwordHash/);
    });

    it('refuses an unknown programme, an applicant without an organisation, and a bad role', async () => {
      const admin = await s().account('admin');
      const base = { login: `x-${Date.now()}`, name: '周九', password: 'Pass-word-1' };
      const unknown = await admin.client.post('/api/admin/users', {
        ...base,
        role: 'staff',
        programs: ['no-such'],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.json.message).toBe('未知的项目：no-such');
      const noOrg = await admin.client.post('/api/admin/users', { ...base, role: 'applicant' });
      expect(noOrg.status).toBe(400);
      expect(noOrg.json.message).toBe('申报单位账号须填写所属单位的统一社会信用代码');
      const role = await admin.client.post('/api/admin/users', { ...base, role: 'root' });
      expect(role.status).toBe(400);
      expect(role.json.message).toBe('「角色」的取值不在可选范围内');
    });
  });
}
