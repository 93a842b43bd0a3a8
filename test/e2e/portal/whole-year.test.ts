/**
 * A whole call and the years after it, in the browser (issue 10): three enterprises apply;
 * 智造云图 and 湾区智算 pass 形式审查 together (a batch from the list); 星河视觉 is returned for
 * correction and resubmits; 湾区智算 is hit by the 不予资助 negative list at 征求意见 and rejected
 * with its reason, which its applicant reads; the bureau assigns reviewers on the application's
 * page (one who works for the applicant must stand aside), the reviewers score, and 评审完成 and
 * the 局务会议 shortlist with one 公示 start date go as batches; an objection is dismissed; the
 * 公示 ends while nobody acts (the scheduler moves both on); both are recognised; the recognition
 * notice lists exactly them (read through LibreOffice). The next years 星河视觉 fails its
 * assessment twice: the first failure asks for the 通告, the second proposes revocation on ground
 * (三); staff revoke it; the 撤销公告 names brand, operator, ground and 不得重新申请认定; its new
 * application in 2028 is refused (第十五条). The business clock moves as time passes.
 * Screenshots at 1366×900 go to .tmp/whole-year-e2e/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../../packages/core/src/formats/uscc';
import { example, ROOT } from '../../support/programs';
import {
  type AttachmentEntry,
  apiLogin as apiLoginPortal,
  apiOf as apiOfPortal,
  type Call,
  reviewForm,
  uploadAttachments,
} from './api';
import { docxTableRows, docxText } from './docx';
import { addRow, type } from './fill';
import {
  demoAccount,
  type Enterprise,
  loginAs,
  type Portal,
  registerEnterprise,
  startPortal,
} from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'whole-year-e2e');
const DESKTOP = { width: 1366, height: 900 };
const beijing = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

function uscc(body9: string): string {
  const first17 = `91441900${body9}`;
  return first17 + (usccCheckCharacter(first17) ?? '');
}

interface Applicant extends Enterprise {
  brand: string;
}
const mk = (body: string, orgName: string, brand: string, contact: string, mobile: string): Applicant => ({
  uscc: uscc(body),
  orgName,
  contact,
  mobile,
  password: 'Apply2026ok',
  brand,
});
const ZHIZAO = mk(
  'MA5H7K2Q4',
  '东莞智造云图人工智能科技有限公司',
  '松山湖智造云图人工智能应用创新中心',
  '李晓敏',
  '13802456789',
);
const WANQU = mk(
  'MA5HX8C3L',
  '东莞湾区智算科技有限公司',
  '湾区智算人工智能应用创新中心',
  '周航',
  '13802456790',
);
const XINGHE = mk(
  'MA5J2N6W1',
  '东莞星河视觉技术有限公司',
  '星河视觉人工智能应用创新中心',
  '黄敏',
  '13802456791',
);

let portal: Portal;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The scheduler looks for due deadlines often, so a 公示 that ends is acted on while we wait.
  portal = await startPortal({ now: beijing('2026-03-16'), schedulerMs: 300 });
}, 300_000);

afterAll(() => portal?.close());

const newContext = (): Promise<BrowserContext> =>
  portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });

const apiOf = (ctx: BrowserContext) => apiOfPortal(portal, ctx);
const apiLogin = (login: string, password: string) => apiLoginPortal(portal, newContext, login, password);

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });
}

const review = (e: Applicant, name: string, points: number) =>
  reviewForm({ applicant: e.orgName, center: e.brand }, name, points, '2026-03-20');

/** The centre's own commitments: at or above the 2026 and 2027 minimums. */
const GOALS = {
  softwareRevenue: 1500,
  localManufacturersServed: 30,
  localTeamSize: 32,
  hallArea: 360,
  hallFunctions: ['case-display', 'product-experience', 'training'],
  matchmakingEvents: 6,
  trainingSessions: 12,
};

/** The example self-assessment for `year`: it misses the training goal (10 of 12). */
function failingSelfAssessment(e: Applicant, year: number) {
  const d = example<Record<string, unknown>>('self-assessment.json');
  d.centre = {
    name: e.brand,
    operator: e.orgName,
    creditCode: e.uscc,
    recognitionYear: 2026,
    assessmentYear: year,
  };
  return d;
}

/** Targets of a later year: the 2027 example moved to `year`, its call open around the 15th of March. */
function targetsOf(year: number): unknown {
  return JSON.parse(JSON.stringify(example('targets-2027.json')).replaceAll('2027', String(year)));
}

describe('一个完整年度：受理、评审、公示、认定，此后的考核与撤销', () => {
  it('three enterprises apply; two are recognised and listed in the notice; one of them fails twice, is revoked and cannot apply again', async () => {
    const errors: string[] = [];
    const watch = (page: Page) => page.on('pageerror', (e) => errors.push(e.message));
    const staffAccount = demoAccount(portal, 'staff');
    const { call: staffApi, ctx: staffApiCtx } = await apiLogin(staffAccount.login, staffAccount.password);
    // The later years' targets, published unless the server already has them.
    for (const year of [2027, 2028]) {
      const had = await staffApiCtx.request.get(`${portal.url}api/programs/${P}/targets/${year}`);
      const current = had.ok() ? ((await had.json()) as { version: number; published: unknown }) : undefined;
      if (current?.published) continue;
      const put = await staffApi<{ version: number }>('PUT', `/api/programs/${P}/targets/${year}`, {
        data: targetsOf(year),
        version: current?.version ?? 0,
      });
      await staffApi('POST', `/api/programs/${P}/targets/${year}/publish`, { version: put.version });
    }

    // —— Three enterprises register in the browser and submit their applications.
    const applicants = new Map<Applicant, { ctx: BrowserContext; page: Page; call: Call; id: string }>();
    for (const e of [ZHIZAO, WANQU, XINGHE]) {
      const ctx = await newContext();
      const page = await ctx.newPage();
      watch(page);
      await registerEnterprise(page, portal, e, '#/mine');
      const call = await apiOf(ctx);
      const made = await call<{ id: string; version: number }>('POST', '/api/applications', {
        programId: P,
        year: 2026,
      });
      const data = example<{
        applicant: { name: string; creditCode: string };
        center: { name: string };
        attachments: AttachmentEntry[];
      }>('application.json');
      data.applicant.name = e.orgName;
      data.applicant.creditCode = e.uscc;
      data.center.name = e.brand;
      await uploadAttachments(portal, ctx, { programId: P, form: 'application' }, data.attachments, e.uscc);
      const saved = await call<{ version: number }>('PUT', `/api/applications/${made.id}`, {
        data,
        version: made.version,
      });
      await call('POST', `/api/applications/${made.id}/submit`, { version: saved.version });
      applicants.set(e, { ctx, page, call, id: made.id });
    }
    const of = (e: Applicant) => applicants.get(e) as NonNullable<ReturnType<typeof applicants.get>>;

    // —— 形式审查 in the browser: 星河视觉 is returned with its correction; the other two pass as a batch.
    const bureau = await newContext();
    const staff = await bureau.newPage();
    watch(staff);
    const list = (state: string) =>
      staff
        .goto(`${portal.url}#/p/${P}/staff/applications?state=${state}&year=2026`)
        .then(() => staff.locator(`[data-testid="staff-list"] tr[data-state="${state}"]`).first().waitFor());
    const stateIs = (state: string) =>
      staff.locator(`[data-testid="current-state"][data-state="${state}"]`).waitFor();
    const openApplication = async (e: Applicant) => {
      await staff.goto(`${portal.url}#/p/${P}/staff/applications/${of(e).id}`);
      await staff.getByTestId('current-state').waitFor();
    };
    const act = async (title: string) => {
      await staff
        .locator('[data-testid="actions"]')
        .getByRole('button', { name: title, exact: true })
        .click();
      return staff.getByTestId('action-dialog');
    };
    await loginAs(staff, portal, 'staff', `#/p/${P}/staff/applications`);

    await openApplication(XINGHE);
    let dialog = await act('退回补正');
    if ((await dialog.locator('[data-path="/corrections/0/subject"]').count()) === 0)
      await addRow(staff, '/corrections');
    await type(staff, '/corrections/0/subject', '服务方向');
    await type(staff, '/corrections/0/opinion', '请写明服务的本地制造业细分行业');
    await dialog.getByRole('button', { name: '确认退回补正' }).click();
    await staff.getByTestId('action-status').filter({ hasText: '退回补正' }).waitFor();

    await list('submitted');
    const batch = async (ids: string[], title: string) => {
      for (const id of ids)
        await staff.locator(`tr[data-application="${id}"] td.pick input[type="checkbox"]`).check();
      await staff.getByTestId('batch-actions').getByRole('button', { name: title, exact: true }).click();
      return staff.getByTestId('action-dialog');
    };
    dialog = await batch([of(ZHIZAO).id, of(WANQU).id], '形式审查通过');
    expect(await dialog.getByTestId('batch-lead').textContent()).toContain('2 份');
    await shot(staff, '01-batch-accept');
    await dialog.getByTestId('action-confirm').click();
    await staff.getByTestId('batch-outcome').filter({ hasText: '已办理「形式审查通过」2 份' }).waitFor();

    // The returned applicant corrects and resubmits; the bureau accepts it on its page.
    {
      const x = of(XINGHE);
      const rec = await x.call<{ data: { center: Record<string, unknown> }; version: number }>(
        'GET',
        `/api/applications/${x.id}`,
      );
      rec.data.center.serviceDirections = '计算机、通信和其他电子设备制造业（手机结构件视觉检测）。';
      const saved = await x.call<{ version: number }>('PUT', `/api/applications/${x.id}`, {
        data: rec.data,
        version: rec.version,
      });
      await x.call('POST', `/api/applications/${x.id}/submit`, { version: saved.version });
    }
    await openApplication(XINGHE);
    await stateIs('submitted');
    dialog = await act('形式审查通过');
    await dialog.getByTestId('action-confirm').click();
    await stateIs('consultation');

    // —— 征求意见: departments' opinions; 湾区智算 is on the negative list and rejected with the reason.
    for (const [e, negative] of [
      [ZHIZAO, false],
      [WANQU, true],
      [XINGHE, false],
    ] as const) {
      const v = await staffApi<{ version: number }>('GET', `/api/applications/${of(e).id}`);
      await staffApi('POST', `/api/applications/${of(e).id}/transitions/opinion`, {
        version: v.version,
        record: {
          department: '市生态环境局',
          date: '2026-03-18',
          negativeList: negative,
          ...(negative ? { finding: '2025年因违反环境影响评价制度受到行政处罚。' } : {}),
          opinion: negative ? '该单位属于不予资助范围（近三年有环境违法行为）。' : '同意推荐。',
        },
      });
    }
    await openApplication(WANQU);
    dialog = await act('征求意见不予支持（属于不予资助范围）');
    await dialog
      .getByTestId('action-reason')
      .fill('经征求市生态环境局意见，该单位近三年有环境违法行为，属于不予资助范围。');
    await dialog.getByTestId('action-confirm').click();
    await stateIs('rejected');
    // Its applicant reads the reason on its progress page.
    {
      const w = of(WANQU);
      await w.page.goto(`${portal.url}#/progress/${w.id}`);
      await w.page.locator('[data-testid="progress-state"][data-state="rejected"]').waitFor();
      expect(await w.page.locator('main').textContent()).toContain('属于不予资助范围');
      await shot(w.page, '02-applicant-rejected');
    }

    await list('consultation');
    dialog = await batch([of(ZHIZAO).id, of(XINGHE).id], '征求意见通过');
    await dialog.getByTestId('action-confirm').click();
    await staff.getByTestId('batch-outcome').filter({ hasText: '已办理「征求意见通过」2 份' }).waitFor();

    // —— 评审: reviewers assigned on the application's page; one works for 智造云图 and stands aside.
    const admin = demoAccount(portal, 'admin');
    const { call: adminApi, ctx: adminCtx } = await apiLogin(admin.login, admin.password);
    const reviewers: { login: string; name: string; password: string }[] = [];
    for (const [i, name] of ['王建国', '陈思远', '刘海峰'].entries()) {
      const r = { login: `year-expert${i + 1}`, name, password: 'Review2026ok' };
      await adminApi('POST', '/api/admin/users', { ...r, role: 'reviewer', programs: [P] });
      reviewers.push(r);
    }
    await adminApi('POST', '/api/admin/users', {
      login: 'year-expert-insider',
      name: '赵内部',
      password: 'Review2026ok',
      role: 'reviewer',
      programs: [P],
      affiliationUscc: ZHIZAO.uscc,
    });
    await adminCtx.close();
    for (const e of [ZHIZAO, XINGHE]) {
      await openApplication(e);
      await stateIs('review');
      const panel = staff.getByRole('region', { name: '评审专家' });
      for (const r of reviewers) {
        await panel.getByLabel('分配评审专家').selectOption({ label: `${r.name}（${r.login}）` });
        await panel.getByRole('button', { name: '分配', exact: true }).click();
        await panel.getByTestId('assigned-reviewers').filter({ hasText: r.name }).waitFor();
      }
      expect(await panel.getByTestId('assigned-count').textContent()).toContain('已分配 3 位');
      if (e === ZHIZAO) {
        expect(await panel.getByTestId('stand-aside').textContent()).toContain('赵内部');
        expect(await panel.getByLabel('分配评审专家').locator('option').allTextContents()).not.toContain(
          '赵内部（year-expert-insider）',
        );
        await shot(staff, '03-reviewers');
      }
    }
    for (const [i, r] of reviewers.entries()) {
      const { call, ctx } = await apiLogin(r.login, r.password);
      await call('PUT', `/api/applications/${of(ZHIZAO).id}/reviews/mine`, {
        data: review(ZHIZAO, r.name, [8, 7, 6][i] as number),
      });
      await call('PUT', `/api/applications/${of(XINGHE).id}/reviews/mine`, {
        data: review(XINGHE, r.name, [6, 5, 5][i] as number),
      });
      await ctx.close();
    }
    await list('review');
    dialog = await batch([of(ZHIZAO).id, of(XINGHE).id], '评审完成');
    await dialog.getByTestId('action-confirm').click();
    await staff.getByTestId('batch-outcome').filter({ hasText: '已办理「评审完成」2 份' }).waitFor();

    // —— 局务会议: one shortlist, one 公示 start date for both.
    await list('meeting');
    dialog = await batch([of(ZHIZAO).id, of(XINGHE).id], '局务会议审议通过，进入公示');
    await type(staff, '/meetingDate', '2026年3月20日');
    await type(staff, '/startDate', '2026年3月23日');
    await dialog.getByRole('button', { name: '确认局务会议审议通过，进入公示' }).click();
    await staff.getByTestId('batch-outcome').filter({ hasText: '2 份' }).waitFor();

    // —— 公示: an objection against 智造云图, dismissed; the period ends while nobody acts.
    portal.clock.at = beijing('2026-03-24');
    {
      const o = await staffApi<{ id: string }>('POST', `/api/applications/${of(ZHIZAO).id}/objections`, {
        raisedBy: '东莞某科技有限公司',
        raisedAt: '2026-03-24',
        content: '反映该单位展厅面积不足。',
      });
      await staffApi('POST', `/api/objections/${o.id}/decision`, {
        decision: 'dismissed',
        reason: '经现场核查，展厅面积符合要求。',
      });
    }
    portal.clock.at = beijing('2026-04-10');
    for (const e of [ZHIZAO, XINGHE])
      await expect
        .poll(async () => (await staffApi<{ state: string }>('GET', `/api/applications/${of(e).id}`)).state, {
          timeout: 60_000,
        })
        .toBe('approval');

    // —— 认定, with the centre's record.
    for (const e of [ZHIZAO, XINGHE]) {
      await openApplication(e);
      await stateIs('approval');
      dialog = await act('认定');
      await type(staff, '/brand', e.brand);
      await type(staff, '/operator', e.orgName);
      await type(staff, '/date', '2026年4月20日');
      await dialog.getByRole('button', { name: '确认认定' }).click();
      await stateIs('recognised');
    }
    // The applicant follows it to the result.
    {
      const z = of(ZHIZAO);
      await z.page.goto(`${portal.url}#/progress/${z.id}`);
      await z.page.locator('[data-testid="progress-state"][data-state="recognised"]').waitFor();
      await shot(z.page, '04-applicant-recognised');
    }

    // —— The recognition notice lists exactly the two recognised centres (LibreOffice reads it).
    const notice = await staffApi<{ id: string }>('POST', '/api/notices', {
      programId: P,
      documentId: 'recognition-notice',
      year: 2026,
    });
    const docx = await bureau.request.get(`${portal.url}api/notices/${notice.id}/document?format=docx`);
    expect(docx.ok(), await docx.text()).toBe(true);
    const file = join(SHOTS, 'recognition-notice.docx');
    const bytes = await docx.body();
    writeFileSync(file, bytes);
    // The list: exactly the two, in its table; LibreOffice opens the document and shows their codes.
    const rows = docxTableRows(bytes).filter((r) => r.includes(ZHIZAO.brand) || r.includes(XINGHE.brand));
    expect(rows).toHaveLength(2);
    expect(rows.join()).toContain(ZHIZAO.orgName);
    expect(rows.join()).toContain(XINGHE.orgName);
    expect(docxTableRows(bytes).join()).not.toContain(WANQU.brand);
    const text = await docxText(file);
    expect(text).toContain(ZHIZAO.uscc);
    expect(text).toContain(XINGHE.uscc);
    expect(text).not.toContain(WANQU.uscc);

    // —— Two years of assessments of 星河视觉: both fail.
    const centreId = of(XINGHE).id;
    const x = of(XINGHE);
    portal.clock.at = beijing('2027-01-15');
    await x.call('PUT', `/api/centres/${centreId}/years/2026/goals`, { goals: GOALS });
    await x.call('PUT', `/api/centres/${centreId}/years/2026/self-assessment`, {
      data: failingSelfAssessment(XINGHE, 2026),
    });
    const first = await staffApi<{ year: { consequence: { action: string } | null }; revocation: unknown }>(
      'POST',
      `/api/centres/${centreId}/years/2026/assessment`,
      { comment: '培训场次未达目标。' },
    );
    expect(first.year.consequence).toMatchObject({ action: 'notice' });
    expect(first.revocation).toBeNull();
    portal.clock.at = beijing('2028-01-15');
    await x.call('PUT', `/api/centres/${centreId}/years/2027/goals`, { goals: GOALS });
    await x.call('PUT', `/api/centres/${centreId}/years/2027/self-assessment`, {
      data: failingSelfAssessment(XINGHE, 2027),
    });
    const second = await staffApi<{ revocation: { status: string; ground: number } }>(
      'POST',
      `/api/centres/${centreId}/years/2027/assessment`,
      { comment: '培训场次连续两年未达目标。' },
    );
    expect(second.revocation).toMatchObject({ status: 'proposed', ground: 3 });

    // —— Staff revoke it on ground (三) from the centre's page.
    await staff.goto(`${portal.url}#/p/${P}/staff/centres/${centreId}`);
    await staff.getByTestId('centre').waitFor();
    await staff.getByRole('button', { name: '撤销', exact: true }).click();
    const revoke = staff.getByRole('dialog', { name: '撤销认定' });
    await revoke.getByLabel('（三）连续两年绩效考核不达标').check();
    await revoke.getByLabel('撤销理由').fill('2026、2027年度绩效考核均未达标');
    await revoke.getByRole('button', { name: '确认撤销' }).click();
    await staff.locator('[data-testid="centre"][data-status="revoked"]').waitFor();
    expect(await staff.getByTestId('ban').textContent()).toContain('不得重新申请认定');
    await shot(staff, '05-centre-revoked');

    // —— The 撤销公告 from the live records.
    const announcement = await staffApi<{ id: string }>('POST', '/api/notices', {
      programId: P,
      documentId: 'revocation-announcement',
      year: 2028,
    });
    const adocx = await bureau.request.get(
      `${portal.url}api/notices/${announcement.id}/document?format=docx`,
    );
    expect(adocx.ok(), await adocx.text()).toBe(true);
    const afile = join(SHOTS, 'revocation-announcement.docx');
    const abytes = await adocx.body();
    writeFileSync(afile, abytes);
    // Read as Word holds it (table cells whole) and as LibreOffice shows it (every phrase on its page).
    const awhole = docxTableRows(abytes).join();
    const atext = await docxText(afile);
    const revokedRow = docxTableRows(abytes).find((r) => r.includes(XINGHE.brand)) ?? '';
    for (const part of [
      XINGHE.orgName,
      XINGHE.uscc,
      '连续两年绩效考核不达标',
      '第十四条第（三）项',
      '不得重新申请认定',
    ])
      expect(revokedRow).toContain(part);
    expect(atext).toContain('第十四条、第十五条');
    expect(awhole + atext).not.toContain(ZHIZAO.brand);

    // —— Its new application in the 2028 call is refused, whatever the reason shown on the form.
    portal.clock.at = beijing('2028-03-15');
    const again = await x.call<{ id: string; version: number }>('POST', '/api/applications', {
      programId: P,
      year: 2028,
    });
    const refused = await x.ctx.request.post(`${portal.url}api/applications/${again.id}/submit`, {
      headers: {
        'x-csrf-token': (
          (await (await x.ctx.request.get(`${portal.url}api/auth/me`)).json()) as { csrfToken: string }
        ).csrfToken,
      },
      data: { version: again.version },
    });
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(await refused.text()).toContain('第十五条');

    for (const a of applicants.values()) await a.ctx.close();
    await staffApiCtx.close();
    await bureau.close();
    expect(errors).toEqual([]);
  }, 900_000);
});
