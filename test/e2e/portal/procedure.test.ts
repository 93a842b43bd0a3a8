/**
 * The recognition procedure in the browser (issue 10, 第九条): the bureau returns an application
 * with two corrections (一次性告知) — the applicant reads them in its messages and on its
 * progress page, corrects and resubmits under the same 申报编号; the bureau accepts, records a
 * department's opinion and passes 征求意见; three assigned reviewers score (one through the
 * review page); 评审完成; 局务会议 shortlists with a 公示 start date and the page counts down to
 * the end; an objection is recorded and dismissed, after which only the end of the period stands
 * in the way of 公示期满. (The scheduler's firing at the due instant is the server's scheduler
 * tests' business: this test server's clock is fixed on a call day, so the deadline never falls due.)
 * Screenshots at 1366×900 go to .tmp/procedure-e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, ROOT } from '../../support/programs';
import {
  type AttachmentEntry,
  apiLogin as apiLoginPortal,
  apiOf as apiOfPortal,
  reviewForm,
  uploadAttachments,
} from './api';
import { addRow, at, radio, step, type } from './fill';
import {
  demoAccount,
  type Enterprise,
  loginAs,
  loginWith,
  type Portal,
  registerEnterprise,
  startPortal,
} from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'procedure-e2e');
const DESKTOP = { width: 1366, height: 900 };
const ENTERPRISE: Enterprise = {
  uscc: '91441900MA5H7K2Q4P',
  orgName: '东莞智造云图人工智能科技有限公司',
  contact: '李晓敏',
  mobile: '13802456789',
  password: 'zzyt2026ai',
};
let portal: Portal;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startPortal();
}, 300_000);

afterAll(() => portal?.close());

const newContext = (): Promise<BrowserContext> =>
  portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });

const apiOf = (ctx: BrowserContext) => apiOfPortal(portal, ctx);
const apiLogin = (login: string, password: string) => apiLoginPortal(portal, newContext, login, password);

async function accessible(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} ${v.help} → ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** What a person sees at 1366×900 on arriving, and the whole page. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}-1366-full.png`), fullPage: true });
}

/** A valid review form of this applicant's application. */
const review = (name: string, points: number) =>
  reviewForm(
    { applicant: ENTERPRISE.orgName, center: '东莞松山湖智造云图人工智能应用创新中心' },
    name,
    points,
    '2026-03-16',
  );

/** The day after today in Beijing, as YYYY-MM-DD: a 公示 that has not ended in real time. */
function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

const act = async (page: Page, title: string) => {
  await page.locator('[data-testid="actions"]').getByRole('button', { name: title, exact: true }).click();
  return page.getByTestId('action-dialog');
};

const stateIs = (page: Page, state: string) =>
  page.locator(`[data-testid="current-state"][data-state="${state}"]`).waitFor();

describe('办理流程：退回补正、征求意见、评审、公示与异议', () => {
  it('staff return with two corrections, the applicant corrects and resubmits under the same number; the application goes through review to 公示 with its countdown and a dismissed objection', async () => {
    const errors: string[] = [];
    // —— The applicant submits (through the API: the form itself is covered by server-flow).
    const applicant = await newContext();
    const page = await applicant.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await registerEnterprise(page, portal, ENTERPRISE, '#/mine');
    const a = await apiOf(applicant);
    const created = await a<{ id: string; version: number }>('POST', '/api/applications', {
      programId: P,
      year: 2026,
    });
    const data = example<Record<string, unknown>>('application.json');
    const files = data.attachments as AttachmentEntry[];
    await uploadAttachments(portal, applicant, { programId: P, form: 'application' }, files);
    const saved = await a<{ version: number }>('PUT', `/api/applications/${created.id}`, {
      data,
      version: created.version,
    });
    const submitted = await a<{ receiptNo: string }>('POST', `/api/applications/${created.id}/submit`, {
      version: saved.version,
    });
    const number = submitted.receiptNo;
    expect(number).toMatch(/^DGAI-2026-\d{4}$/);

    // —— 形式审查: returned with two corrections, all at once.
    const bureau = await newContext();
    const staff = await bureau.newPage();
    staff.on('pageerror', (e) => errors.push(e.message));
    await loginAs(staff, portal, 'staff', `#/p/${P}/staff/applications/${created.id}`);
    await stateIs(staff, 'submitted');
    // Exactly what the server offers the bureau here.
    expect(
      await staff
        .locator('[data-testid="actions"] li')
        .evaluateAll((l) => l.map((x) => x.getAttribute('data-action'))),
    ).toEqual(['accept', 'return', 'precheck-reject']);
    await accessible(staff, 'staff-submitted');
    let dialog = await act(staff, '退回补正');
    if ((await dialog.locator('[data-path="/corrections/0/subject"]').count()) === 0)
      await addRow(staff, '/corrections');
    await type(staff, '/corrections/0/subject', '营业执照');
    await type(staff, '/corrections/0/opinion', '请上传加盖公章的营业执照复印件');
    await addRow(staff, '/corrections');
    await type(staff, '/corrections/1/subject', '展厅面积');
    await type(staff, '/corrections/1/opinion', '请补充展厅租赁合同中的面积页');
    await dialog.getByRole('button', { name: '确认退回补正' }).click();
    // Back in the applicant's hands: the bureau is told, and no longer sees it until resubmitted.
    await staff
      .getByTestId('action-status')
      .filter({ hasText: '已办理「退回补正」，申报当前状态：退回补正' })
      .waitFor();
    // Focus moves to what happened.
    expect(await staff.evaluate(() => document.activeElement?.classList.contains('action-status'))).toBe(
      true,
    );

    // —— The applicant is told: 未读 in the header, the message, the progress page.
    await page.goto(`${portal.url}#/mine`);
    await page.reload(); // the same address: make the page ask the server again
    await page.getByTestId('unread-count').filter({ hasText: '未读 1' }).waitFor();
    const row = page.locator(`tr[data-application="${created.id}"]`);
    expect(await row.locator('[data-label="状态"]').textContent()).toBe('退回补正');
    await page.getByTestId('messages-link').click();
    const message = page.getByTestId('messages').locator('li').first();
    await message.waitFor();
    expect(await message.textContent()).toContain('请上传加盖公章的营业执照复印件');
    expect(await message.textContent()).toContain('请补充展厅租赁合同中的面积页');
    await accessible(page, 'messages');
    await message.getByRole('button', { name: '标为已读' }).click();
    await page.locator('[data-testid="messages"] li[data-read="true"]').first().waitFor();
    await expect.poll(() => page.getByTestId('unread-count').count()).toBe(0);
    await message.getByRole('link', { name: '查看办理进度' }).click();
    const corrections = page.getByTestId('corrections');
    await corrections.waitFor();
    expect(await corrections.locator('li').allTextContents()).toEqual([
      '营业执照：请上传加盖公章的营业执照复印件',
      '展厅面积：请补充展厅租赁合同中的面积页',
    ]);
    expect(await page.getByTestId('progress-state').textContent()).toBe('退回补正');
    await accessible(page, 'progress-returned');
    await shot(page, '01-applicant-returned');

    // —— Corrected on the form (editable again) and submitted under the same number.
    await corrections.getByRole('link', { name: '修改申报书' }).click();
    await page.locator('[data-testid="application-state"][data-state="returned"]').waitFor();
    expect(await page.getByTestId('application-state').textContent()).toContain(
      '请上传加盖公章的营业执照复印件',
    );
    await step(page, /二、创新中心与运营团队/);
    const plan = '/center/plan';
    expect(await at(page, plan).isDisabled()).toBe(false);
    await type(page, plan, '第一年建成展厅（已补充租赁合同面积页）并服务20家本地制造业企业。');
    await step(page, /申报单位承诺/);
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.locator('[data-testid="application-state"][data-state="submitted"]').waitFor();
    expect(await page.getByTestId('receipt-no').textContent()).toBe(number);

    // —— Accepted; a department's opinion; 征求意见通过.
    await staff.reload();
    await stateIs(staff, 'submitted');
    dialog = await act(staff, '形式审查通过');
    await dialog.getByTestId('action-confirm').click();
    await stateIs(staff, 'consultation');
    // 征求意见通过 needs an opinion first: the server's reason is shown by the action.
    expect(await staff.locator('[data-action="consultation-pass"] .action-why').textContent()).toContain(
      '尚未登记任何部门意见',
    );
    dialog = await act(staff, '登记部门意见');
    await type(staff, '/department', '市生态环境局');
    await type(staff, '/date', '2026年3月16日');
    await radio(staff, '/negativeList', 'false');
    await type(staff, '/opinion', '该单位近两年无环境违法记录，同意推荐。');
    await dialog.getByRole('button', { name: '确认登记部门意见' }).click();
    await staff.getByTestId('action-status').filter({ hasText: '已办理「登记部门意见」' }).waitFor();
    expect(await staff.getByTestId('timeline').textContent()).toContain('市生态环境局');
    dialog = await act(staff, '征求意见通过');
    await dialog.getByTestId('action-confirm').click();
    await stateIs(staff, 'review');

    // —— Three reviewers, assigned by the bureau; one scores through the review page.
    const admin = demoAccount(portal, 'admin');
    const { call: adminCall, ctx: adminCtx } = await apiLogin(admin.login, admin.password);
    const s = await apiOf(bureau);
    const reviewers = [];
    for (const [i, name] of ['王建国', '陈思远', '刘海峰'].entries()) {
      const login = `expert${i + 1}`;
      const password = 'Review2026ok';
      const { user: u } = await adminCall<{ user: { id: string } }>('POST', '/api/admin/users', {
        login,
        name,
        role: 'reviewer',
        password,
        programs: [P],
      });
      await s('POST', `/api/applications/${created.id}/reviewers`, { userId: u.id });
      reviewers.push({ login, password, name });
    }
    await adminCtx.close();
    const first = reviewers[0] as (typeof reviewers)[number];
    const expertCtx = await newContext();
    const expert = await expertCtx.newPage();
    expert.on('pageerror', (e) => errors.push(e.message));
    await loginWith(expert, portal, first.login, first.password, '#/reviewer');
    const queued = expert.locator(`tr[data-application="${created.id}"]`);
    await queued.waitFor();
    expect(await queued.getAttribute('data-scored')).toBe('false');
    expect(await expert.getByTestId('waiting').textContent()).toBe('1');
    await accessible(expert, 'reviewer-queue');
    for (const [i, r] of reviewers.entries()) {
      const { call, ctx } = await apiLogin(r.login, r.password);
      await call('PUT', `/api/applications/${created.id}/reviews/mine`, {
        data: review(r.name, [6, 5, 4][i] as number),
      });
      await ctx.close();
    }
    // The queue says it is scored; the first reviewer opens its review and submits it again.
    await expert.reload();
    await expert.locator(`tr[data-application="${created.id}"][data-scored="true"]`).waitFor();
    expect(await expert.getByTestId('waiting').textContent()).toBe('0');
    await queued.getByRole('link', { name: '修改评分' }).click();
    await expert.getByTestId('review-mine').waitFor();
    await step(expert, /四、加减分与意见/);
    await expert.getByRole('button', { name: '提交评分' }).click();
    await expert.getByTestId('review-saved').waitFor();
    expect(await expert.getByTestId('review-saved').textContent()).toContain('得分 79 分');
    await expertCtx.close();

    // —— 评审完成: the reviews and the aggregate; then 局务会议 shortlists with a 公示 start.
    await staff.reload();
    await stateIs(staff, 'review');
    expect(await staff.getByTestId('reviews').locator('tbody tr').count()).toBe(3);
    // 79, 68, 55: without the highest and the lowest, 68.
    expect(await staff.getByTestId('review-score').textContent()).toBe('68');
    dialog = await act(staff, '评审完成');
    await dialog.getByTestId('action-confirm').click();
    await stateIs(staff, 'meeting');
    dialog = await act(staff, '局务会议审议通过，进入公示');
    await type(staff, '/meetingDate', '2026年3月16日');
    const start = tomorrow();
    const [y, m, d] = start.split('-').map(Number);
    await type(staff, '/startDate', `${y}年${m}月${d}日`);
    await dialog.getByRole('button', { name: '确认局务会议审议通过，进入公示' }).click();
    await stateIs(staff, 'publicity');
    const countdown = staff.getByTestId('countdown');
    await countdown.waitFor();
    expect(await countdown.textContent()).toMatch(/距到期还有 \d+天\d+小时\d+分/);
    expect(await staff.getByTestId('deadline').textContent()).toContain('公示期');

    // —— An objection, recorded and dismissed with a reason; 公示期满 can then be taken.
    await staff.getByTestId('objection-by').fill('东莞某科技有限公司');
    await staff.getByTestId('objection-at').fill('2026-03-16');
    await staff.getByTestId('objection-content').fill('反映该单位展厅面积不足。');
    await staff.getByRole('button', { name: '登记异议', exact: true }).click();
    const objection = staff.locator('[data-testid="objections"] tr[data-decision="open"]');
    await objection.waitFor();
    expect(await staff.locator('[data-action="publicity-ends"] .action-why').textContent()).toContain(
      '尚有1件异议未处理',
    );
    await objection.getByRole('button', { name: '异议不成立' }).click();
    const decide = staff.getByRole('dialog', { name: '异议不成立' });
    await decide.getByLabel('处理理由（必填）').fill('经现场核查，展厅面积符合要求。');
    await decide.getByRole('button', { name: '确认异议不成立' }).click();
    await staff.locator('[data-testid="objections"] tr[data-decision="dismissed"]').waitFor();
    await stateIs(staff, 'publicity');
    // No objection open any more: only the end of the period stands in the way (the server's words).
    await expect
      .poll(() => staff.locator('[data-action="publicity-ends"] .action-why').textContent())
      .toMatch(/^暂不能办理：「公示期满无异议」须待期限届满（\d{4}年\d+月\d+日 0:00）后办理$/);
    await accessible(staff, 'staff-publicity');
    await shot(staff, '02-staff-publicity');

    // The applicant follows: 公示 with its countdown, the steps done so far with their dates.
    await page.goto(`${portal.url}#/progress/${created.id}`);
    await page.locator('[data-testid="progress-state"][data-state="publicity"]').waitFor();
    expect(
      await page.locator('[data-testid="step-bar"] [aria-current="step"]').getAttribute('data-step'),
    ).toBe('publicity');
    expect(await page.locator('[data-testid="step-bar"] [data-status="done"]').count()).toBe(4);
    await page.getByTestId('countdown').waitFor();
    // The applicant is not shown who at the bureau acted, nor the department's opinion.
    expect(await page.getByTestId('timeline').textContent()).not.toContain('市生态环境局');
    await accessible(page, 'progress-publicity');
    await shot(page, '03-applicant-publicity');

    await applicant.close();
    await bureau.close();
    expect(errors).toEqual([]);
  }, 600_000);
});
