/**
 * 回避 by affiliation (第九条（三）), on both backends: an administrator records the enterprise a
 * reviewer works for (its 统一社会信用代码); staff cannot assign that reviewer to an application
 * of the organisation with that code, whatever the organisation is called now; any other
 * reviewer of the programme is assigned. Only reviewers carry an affiliation, and it must be a
 * valid code.
 */
import { getApplication, setApplicationState } from '@shenbao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Applicant,
  BACKENDS,
  type Client,
  PASSWORD,
  PROGRAM,
  startTestServer,
  type TestServer,
} from './support/app';

describe.each(BACKENDS)('reviewer affiliation on $name', (backend) => {
  let s: TestServer;
  let admin: Client;
  let staff: Client;
  let applicant: Applicant;
  let applicationId: string;

  beforeAll(async () => {
    s = await startTestServer(backend);
    admin = (await s.account('admin')).client;
    staff = (await s.account('staff', [PROGRAM])).client;
    applicant = await s.applicant();
    const made = await applicant.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
    expect(made.status).toBe(201);
    const record = await getApplication(s.db, made.json.id);
    if (!record) throw new Error('application');
    const moved = await setApplicationState(s.db, {
      id: record.id,
      version: record.version,
      state: 'review',
      userId: null,
    });
    expect(moved?.ok).toBe(true);
    applicationId = record.id;
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  let n = 0;
  const reviewer = (extra: Record<string, unknown> = {}) =>
    admin.post('/api/admin/users', {
      login: `affiliated-${++n}-${Date.now()}`,
      name: '评审专家',
      role: 'reviewer',
      password: PASSWORD,
      programs: [PROGRAM],
      ...extra,
    });

  it('an administrator records a reviewer’s employer; the list shows it', async () => {
    const r = await reviewer({ affiliationUscc: ` ${applicant.uscc.toLowerCase()} ` });
    expect(r.status, r.text).toBe(201);
    expect(r.json.user).toMatchObject({ role: 'reviewer', affiliationUscc: applicant.uscc });
    const list = await admin.get('/api/admin/users');
    expect(list.json.find((u: { id: string }) => u.id === r.json.user.id)).toMatchObject({
      affiliationUscc: applicant.uscc,
    });
  });

  it('only a reviewer has an employer, and it is a valid 统一社会信用代码', async () => {
    const staffWith = await admin.post('/api/admin/users', {
      login: `staff-affiliated-${Date.now()}`,
      name: '工作人员',
      role: 'staff',
      password: PASSWORD,
      programs: [PROGRAM],
      affiliationUscc: applicant.uscc,
    });
    expect(staffWith.status).toBe(400);
    expect(staffWith.json.message).toBe('只有评审专家账号需要填写工作单位');
    const bad = await reviewer({ affiliationUscc: '91441900MA4UCLI01X' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^工作单位统一社会信用代码/);
  });

  it('第九条（三）: a reviewer is never assigned an application of its employer, even renamed', async () => {
    const own = await reviewer({ affiliationUscc: applicant.uscc });
    expect(own.status).toBe(201);
    await s.db.query('UPDATE organizations SET name = $2 WHERE id = $1', [
      applicant.orgId,
      '改名后的有限公司',
    ]);
    const refused = await staff.post(`/api/applications/${applicationId}/reviewers`, {
      userId: own.json.user.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe(
      `该评审专家的工作单位即申报单位（统一社会信用代码${applicant.uscc}），应当回避，不能分配`,
    );
    const other = await s.applicant();
    const elsewhere = await reviewer({ affiliationUscc: other.uscc });
    const none = await reviewer();
    expect(none.json.user.affiliationUscc).toBeNull();
    for (const r of [elsewhere, none])
      expect(
        (await staff.post(`/api/applications/${applicationId}/reviewers`, { userId: r.json.user.id })).status,
      ).toBe(204);
  });

  it('staff see the reviewers of the programme: assigned ones with their review, others with why they must stand aside', async () => {
    const own = await reviewer({ affiliationUscc: applicant.uscc });
    const free = await reviewer();
    const list = await staff.get(`/api/applications/${applicationId}/reviewers`);
    expect(list.status, list.text).toBe(200);
    const byId = new Map(
      (list.json.reviewers as { id: string; assigned: boolean; conflict?: string }[]).map((r) => [r.id, r]),
    );
    expect(byId.get(own.json.user.id)).toMatchObject({ assigned: false });
    expect(byId.get(own.json.user.id)?.conflict).toMatch(/应当回避/);
    expect(byId.get(free.json.user.id)).toMatchObject({ assigned: false });
    expect(byId.get(free.json.user.id)?.conflict).toBeUndefined();
    expect(
      (await staff.post(`/api/applications/${applicationId}/reviewers`, { userId: free.json.user.id }))
        .status,
    ).toBe(204);
    const after = await staff.get(`/api/applications/${applicationId}/reviewers`);
    expect(after.json.reviewers.find((r: { id: string }) => r.id === free.json.user.id)).toMatchObject({
      assigned: true,
      reviewed: false,
    });
  });

  it('an assignment is withdrawn while no review is in; a submitted review keeps it (409)', async () => {
    const a = await reviewer();
    const b = await reviewer();
    for (const r of [a, b])
      expect(
        (await staff.post(`/api/applications/${applicationId}/reviewers`, { userId: r.json.user.id })).status,
      ).toBe(204);
    const gone = await staff.delete(`/api/applications/${applicationId}/reviewers/${a.json.user.id}`);
    expect(gone.status, gone.text).toBe(204);
    expect(
      (await staff.delete(`/api/applications/${applicationId}/reviewers/${a.json.user.id}`)).status,
    ).toBe(404);
    await s.db.query(
      'INSERT INTO reviews (application_id, reviewer_id, data, score) VALUES ($1, $2, $3::jsonb, 80)',
      [applicationId, b.json.user.id, '{}'],
    );
    const kept = await staff.delete(`/api/applications/${applicationId}/reviewers/${b.json.user.id}`);
    expect(kept.status).toBe(409);
    expect(kept.json.message).toBe('该评审专家已提交评审意见，不能撤回分配');
    const audit = await staff.get(`/api/applications/${applicationId}/audit`);
    expect(audit.json.map((e: { action: string }) => e.action)).toContain('unassign-reviewer');
  });
});
