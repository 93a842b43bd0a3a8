/**
 * Submission decided on the server with the year's published targets: refused after the call
 * closes, before it opens, with an unmet 第六条 condition, for a banned organisation, with an
 * invalid field, with another enterprise's USCC, and for a year whose targets are unpublished
 * — each with its Chinese reason; accepted in the window with examples/application.json →
 * 申报编号, receipt, read-only, visible to staff and an assigned reviewer, withdrawn → editable
 * again → resubmitted keeping its 申报编号. Bans (第十五条) are recorded by staff.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAudit } from '@shenbao/store';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical-json';
import { REPO_ROOT } from '../../src/config';
import { type Applicant, IN_WINDOW, PROGRAM, type TestServer, withUploads } from '../support/app';
import { freshUscc } from '../support/http';

const EXAMPLE = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'application.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', PROGRAM, 'program.json'), 'utf8'));

/** The example application for `a`'s enterprise (its USCC and name, its attachments uploaded), optionally changed. */
async function dataFor(a: Applicant, change: (d: typeof EXAMPLE) => void = () => {}) {
  const d = await withUploads(a, structuredClone(EXAMPLE));
  d.applicant.creditCode = a.uscc;
  d.applicant.name = a.orgName;
  change(d);
  return d;
}

/** A draft of `year` holding `data`; returns its id and version. */
async function saved(a: Applicant, data: unknown, year = 2026): Promise<{ id: string; version: number }> {
  const made = await a.client.post('/api/applications', { programId: PROGRAM, year });
  const id = made.status === 201 ? made.json.id : made.json.id;
  const current = (await a.client.get(`/api/applications/${id}`)).json;
  const r = await a.client.put(`/api/applications/${id}`, { data, version: current.version });
  if (r.status !== 200) throw new Error(`save → ${r.status} ${r.text}`);
  return { id, version: r.json.version };
}

async function refusal(s: TestServer, a: Applicant, data: unknown, at: Date = IN_WINDOW, year = 2026) {
  const { id, version } = await saved(a, data, year);
  const saved_ = s.clock.at;
  s.clock.at = at;
  try {
    const r = await a.client.post(`/api/applications/${id}/submit`, { version });
    expect(r.status).toBe(422);
    expect(r.json.code).toBe('NOT_SUBMITTABLE');
    expect(r.json.message).toMatch(/^申报不符合提交条件（\d+项）/);
    const after = (await a.client.get(`/api/applications/${id}`)).json;
    expect(after).toMatchObject({ state: 'draft', receiptNo: null, version });
    return r.json.reasons as { kind: string; message: string; path?: string; article?: string }[];
  } finally {
    s.clock.at = saved_;
  }
}

export function submissionSuite(s: () => TestServer): void {
  describe('submission', () => {
    it('refused after the call closed (17:30 Beijing time on the closing day)', async () => {
      const a = await s().applicant();
      const reasons = await refusal(s(), a, await dataFor(a), new Date('2026-03-20T17:31:00+08:00'));
      expect(reasons).toEqual([{ kind: 'window', message: '申报已于2026年3月20日 17:30截止' }]);
    });

    it('refused before the call opened', async () => {
      const a = await s().applicant();
      const reasons = await refusal(s(), a, await dataFor(a), new Date('2026-03-11T23:59:00+08:00'));
      expect(reasons).toEqual([{ kind: 'window', message: '申报尚未开始（2026年3月12日 0:00开始）' }]);
    });

    it('refused with an unmet 第六条 condition, citing the article', async () => {
      const a = await s().applicant();
      const reasons = await refusal(
        s(),
        a,
        await dataFor(a, (d) => {
          d.applicant.independentLegalPerson = false;
        }),
      );
      expect(reasons).toEqual([
        {
          kind: 'condition',
          article: '第六条（一）',
          message: expect.stringMatching(/：申报单位须具有独立法人资格$/),
        },
      ]);
    });

    it('refused with an invalid field, naming it', async () => {
      const a = await s().applicant();
      const reasons = await refusal(
        s(),
        a,
        await dataFor(a, (d) => {
          d.applicant.contact.mobile = '123';
        }),
      );
      expect(reasons).toEqual([
        { kind: 'field', path: '/applicant/contact/mobile', message: '「联系人手机」不是有效的手机号码' },
      ]);
    });

    it("refused when the application is for another enterprise than the account's", async () => {
      const a = await s().applicant();
      const other = freshUscc();
      const reasons = await refusal(
        s(),
        a,
        await dataFor(a, (d) => {
          d.applicant.creditCode = other;
        }),
      );
      expect(reasons).toEqual([
        {
          kind: 'organization',
          path: '/applicant/creditCode',
          message: `申请书中的统一社会信用代码（${other}）与注册账号的单位（${a.uscc}）不一致`,
        },
      ]);
    });

    it('refused for a banned organisation (第十五条), with the ban staff recorded', async () => {
      const a = await s().applicant();
      const staff = await s().account('staff', [PROGRAM]);
      const forever = await staff.client.post(`/api/programs/${PROGRAM}/bans`, {
        uscc: a.uscc,
        ground: 3,
        decidedOn: '2025-06-01',
      });
      expect(forever.status).toBe(201);
      const ground3 = manifest.procedure.revocation.grounds.find((g: { id: number }) => g.id === 3);
      expect(forever.json).toMatchObject({
        kind: 'forever',
        until: null,
        ground: 3,
        reason: ground3.text,
        orgUscc: a.uscc,
      });
      const reasons = await refusal(s(), a, await dataFor(a));
      expect(reasons).toEqual([
        { kind: 'ban', article: '第十五条', message: `本单位因${ground3.text}被撤销认定，不得重新申请认定` },
      ]);

      const b = await s().applicant();
      const twoYears = await staff.client.post(`/api/programs/${PROGRAM}/bans`, {
        uscc: b.uscc,
        ground: 1,
        decidedOn: '2025-01-10',
      });
      expect(twoYears.json).toMatchObject({ kind: 'years', until: '2027-01-09' });
      const reasonsB = await refusal(s(), b, await dataFor(b));
      expect(reasonsB[0]?.message).toMatch(/至2027-01-09前不得重新申请认定$/);

      const list = await staff.client.get(`/api/programs/${PROGRAM}/bans`);
      expect(list.json.map((x: { orgUscc: string }) => x.orgUscc)).toEqual(
        expect.arrayContaining([a.uscc, b.uscc]),
      );
      const audited = await listAudit(s().db, 'ban', forever.json.id);
      expect(audited[0]).toMatchObject({ action: 'create', actorId: staff.userId });
    });

    it('bans: unknown ground or enterprise is 400, only staff of the programme may record them', async () => {
      const a = await s().applicant();
      const staff = await s().account('staff', [PROGRAM]);
      const ground = await staff.client.post(`/api/programs/${PROGRAM}/bans`, {
        uscc: a.uscc,
        ground: 9,
        decidedOn: '2026-01-01',
      });
      expect(ground.status).toBe(400);
      expect(ground.json.message).toBe('撤销情形“9”不存在（见第十四条）');
      const nobody = await staff.client.post(`/api/programs/${PROGRAM}/bans`, {
        uscc: freshUscc(),
        ground: 1,
        decidedOn: '2026-01-01',
      });
      expect(nobody.status).toBe(400);
      expect(nobody.json.message).toBe('该统一社会信用代码尚未注册');
      const date = await staff.client.post(`/api/programs/${PROGRAM}/bans`, {
        uscc: a.uscc,
        ground: 1,
        decidedOn: '2026-13-01',
      });
      expect(date.status).toBe(400);
      expect(date.json.message).toMatch(/^「撤销决定日期」/);
      expect(
        (
          await a.client.post(`/api/programs/${PROGRAM}/bans`, {
            uscc: a.uscc,
            ground: 1,
            decidedOn: '2026-01-01',
          })
        ).status,
      ).toBe(403);
      expect((await a.client.get(`/api/programs/${PROGRAM}/bans`)).status).toBe(403);
    });

    it('a year whose targets are not published refuses; once staff publish them, their minimum applies', async () => {
      const a = await s().applicant();
      const unpublished = await refusal(s(), a, await dataFor(a), IN_WINDOW, 2028);
      expect(unpublished).toEqual([{ kind: 'window', message: '2028年度认定要求尚未发布，暂不能提交' }]);

      const staff = await s().account('staff', [PROGRAM]);
      const targets = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'targets-2027.json'), 'utf8'));
      targets.year = 2028;
      targets.call.title = '2028年东莞市人工智能应用创新中心遴选认定';
      targets.call.opens = '2028-03-01T09:00:00+08:00';
      targets.call.closes = '2028-03-31T17:30:00+08:00';
      targets.commitments.softwareRevenue.minimum = 99_999;
      const put = await staff.client.put(`/api/programs/${PROGRAM}/targets/2028`, {
        data: targets,
        version: 0,
      });
      expect(put.status).toBe(200);
      expect(
        (await staff.client.post(`/api/programs/${PROGRAM}/targets/2028/publish`, { version: 1 })).status,
      ).toBe(200);
      const reasons = await refusal(s(), a, await dataFor(a), new Date('2028-03-10T10:00:00+08:00'), 2028);
      expect(reasons.find((r) => r.path === '/commitments/softwareRevenue')?.message).toBe(
        '「运营单位全年软件和信息技术服务业收入（万元）」不能小于99999',
      );
    });

    it('refused when the data names an attachment the organisation never uploaded', async () => {
      const a = await s().applicant();
      const reasons = await refusal(
        s(),
        a,
        await dataFor(a, (d) => {
          d.attachments[0].sha256 = 'f'.repeat(64);
        }),
      );
      expect(reasons).toEqual([
        {
          kind: 'material',
          path: '/attachments/0',
          message: `附件“${EXAMPLE.attachments[0].name}”未上传到服务器或与上传的文件不一致，请重新上传`,
        },
      ]);
    });

    it('accepted in the window: 申报编号, receipt, read-only, staff and an assigned reviewer see it; withdrawn → editable → resubmitted with the same number', async () => {
      const a = await s().applicant({ uscc: EXAMPLE.applicant.creditCode, orgName: EXAMPLE.applicant.name });
      const example = await dataFor(a);
      const { id, version } = await saved(a, example);
      const r = await a.client.post(`/api/applications/${id}/submit`, { version });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        state: 'submitted',
        version: version + 1,
        submittedAt: IN_WINDOW.toISOString(),
      });
      expect(r.json.receiptNo).toMatch(new RegExp(`^${manifest.submission.receiptPrefix}-2026-\\d{4}$`));
      const first = r.json.receiptNo;

      const edit = await a.client.put(`/api/applications/${id}`, { data: example, version: version + 1 });
      expect(edit.status).toBe(409);
      expect(edit.json).toMatchObject({
        code: 'READ_ONLY',
        message: '申报已提交，不能修改；如需修改请先撤回',
      });
      expect(
        (await a.client.post(`/api/applications/${id}/submit`, { version: version + 1 })).json.code,
      ).toBe('READ_ONLY');

      const receipt = await a.client.get(`/api/applications/${id}/receipt`);
      expect(receipt.status).toBe(200);
      expect(receipt.json).toEqual({
        receiptNo: first,
        programTitle: manifest.title,
        authority: manifest.authority,
        formTitle: manifest.forms.application.title,
        year: 2026,
        orgName: EXAMPLE.applicant.name,
        uscc: EXAMPLE.applicant.creditCode,
        submittedAt: IN_WINDOW.toISOString(),
        dataSha256: createHash('sha256').update(canonicalJson(example)).digest('hex'),
        attachments: example.attachments.map((f: { name: string; size: number; sha256: string }) => ({
          name: f.name,
          size: f.size,
          sha256: f.sha256,
        })),
        notes: manifest.submission.receiptNotes,
      });

      const staff = await s().account('staff', [PROGRAM]);
      const seen = await staff.client.get(`/api/applications?q=${encodeURIComponent(first)}`);
      expect(seen.json.items.map((i: { id: string }) => i.id)).toEqual([id]);
      expect((await staff.client.get(`/api/applications/${id}`)).json.data).toEqual(example);
      const audit = await staff.client.get(`/api/applications/${id}/audit`);
      expect(audit.json.map((e: { action: string }) => e.action)).toEqual([
        'create',
        'save',
        'transition:submit',
      ]);
      expect(audit.json[2]).toMatchObject({ actorId: a.userId, actorRole: 'applicant', ip: a.client.ip });
      expect(audit.json[2].patch).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/state', value: 'submitted' },
          { op: 'replace', path: '/receiptNo', value: first },
        ]),
      );

      const reviewer = await s().account('reviewer', [PROGRAM]);
      const bystander = await s().account('reviewer', [PROGRAM]);
      expect((await reviewer.client.get(`/api/applications/${id}`)).status).toBe(403);
      const notReviewer = await staff.client.post(`/api/applications/${id}/reviewers`, { userId: a.userId });
      expect(notReviewer.status).toBe(400);
      expect(notReviewer.json.message).toBe('该账号不是评审专家');
      expect(
        (await staff.client.post(`/api/applications/${id}/reviewers`, { userId: reviewer.userId })).status,
      ).toBe(204);
      expect((await reviewer.client.get(`/api/applications/${id}`)).status).toBe(200);
      expect(
        (await reviewer.client.get('/api/applications')).json.items.map((i: { id: string }) => i.id),
      ).toEqual([id]);
      expect((await reviewer.client.get(`/api/applications/${id}/receipt`)).status).toBe(200);
      expect((await bystander.client.get(`/api/applications/${id}`)).status).toBe(403);
      expect((await bystander.client.get('/api/applications')).json.total).toBe(0);

      const staleWithdraw = await a.client.post(`/api/applications/${id}/withdraw`, { version });
      expect(staleWithdraw.status).toBe(409);
      expect(staleWithdraw.json.current.state).toBe('submitted');
      const withdrawn = await a.client.post(`/api/applications/${id}/withdraw`, { version: version + 1 });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.json.state).toBe('withdrawn');
      expect((await staff.client.get(`/api/applications/${id}`)).status).toBe(403);
      const noReceipt = await a.client.get(`/api/applications/${id}/receipt`);
      expect(noReceipt.status).toBe(409);
      expect(noReceipt.json.message).toBe('申报尚未提交，没有受理回执');
      const again = await a.client.post(`/api/applications/${id}/withdraw`, { version: version + 2 });
      expect(again.json.code).toBe('NOT_WITHDRAWABLE');

      const changed = structuredClone(example);
      changed.applicant.staffCount = 200;
      const edited = await a.client.put(`/api/applications/${id}`, { data: changed, version: version + 2 });
      expect(edited.status).toBe(200);
      const resubmitted = await a.client.post(`/api/applications/${id}/submit`, {
        version: edited.json.version,
      });
      expect(resubmitted.status).toBe(200);
      // A resubmission keeps its 申报编号.
      expect(resubmitted.json.receiptNo).toBe(first);
      const log = (await listAudit(s().db, 'application', id)).map((e) => e.action);
      expect(log).toEqual([
        'create',
        'save',
        'transition:submit',
        'assign-reviewer',
        'transition:withdraw',
        'save',
        'transition:submit',
      ]);
    });
  });
}
