/**
 * The bureau's lists in the browser (issue 10 item 6): the applications list filtered by a state
 * of the procedure (each offered with the server's count), sorted by 申报编号 both ways through
 * the column header, exported to Excel with the same filters; the 待办 panel with an overdue
 * deadline in red. Then 公示与公告: a 公示 drafted from the application in 公示 (the list and the
 * period derived by the server, read-only), filled in by staff (文号, dates, 异议受理), published
 * after a confirmation and found on the public /notices page. Records are put into the store
 * directly: the procedure has its own tests. Screenshots at 1366×900 go to .tmp/staff-lists-e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDeadline,
  createApplication,
  createOrganization,
  recordTransition,
  setApplicationState,
} from '../../../packages/store/src/index';
import { example, ROOT } from '../../support/programs';
import { type } from './fill';
import { loginAs, type Portal, startPortal } from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'staff-lists-e2e');
const DESKTOP = { width: 1366, height: 900 };

/** Applications in the bureau's states; the 申报编号 order differs from the order of submission. */
const SPECS = [
  { receiptNo: 'DGAI-2026-0002', state: 'submitted', minute: 1 },
  { receiptNo: 'DGAI-2026-0003', state: 'consultation', minute: 2 },
  { receiptNo: 'DGAI-2026-0001', state: 'publicity', minute: 3 },
] as const;
const PUBLICITY = example<{ centers: { brand: string; operator: string; creditCode: string }[] }>(
  'publicity-notice.json',
);

let portal: Portal;
const made: { id: string; receiptNo: string; state: string; brand: string }[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startPortal();
  const db = portal.server.db;
  for (const [i, spec] of SPECS.entries()) {
    const centre = PUBLICITY.centers[i] as (typeof PUBLICITY.centers)[number];
    const org = await createOrganization(db, {
      uscc: centre.creditCode,
      name: centre.operator,
      contact: '张三',
      mobile: '13800138000',
    });
    if (!org.ok) throw new Error('organisation not created');
    const data = example<{
      applicant: { name: string; creditCode: string; registeredTown: string };
      center: { name: string };
    }>('application.json');
    data.applicant.name = centre.operator;
    data.applicant.creditCode = centre.creditCode;
    data.center.name = centre.brand;
    const created = await createApplication(db, {
      programId: P,
      form: 'application',
      year: 2026,
      orgId: org.value.id,
      data,
      title: centre.operator,
      town: data.applicant.registeredTown,
      userId: null,
    });
    if (!created.ok) throw new Error('application not created');
    const moved = await setApplicationState(db, {
      id: created.value.id,
      version: created.value.version,
      state: spec.state,
      receiptNo: spec.receiptNo,
      submittedAt: `2026-03-13T0${spec.minute}:00:00.000Z`,
      userId: null,
    });
    if (!moved?.ok) throw new Error('state not set');
    made.push({ id: created.value.id, receiptNo: spec.receiptNo, state: spec.state, brand: centre.brand });
    if (spec.state === 'publicity') {
      await recordTransition(db, {
        applicationId: created.value.id,
        transition: 'shortlist',
        from: 'meeting',
        to: 'publicity',
        actorId: null,
        actorRole: 'bureau',
        record: { meetingDate: '2026-03-13', startDate: '2026-03-14' },
      });
      await addDeadline(db, {
        applicationId: created.value.id,
        state: 'publicity',
        transition: 'publicity-ends',
        due: '2026-03-20T16:00:00.000Z',
        note: '公示期2026年3月14日至2026年3月20日',
        article: '第九条（四）',
      });
    }
    if (spec.state === 'consultation')
      // Passed on the test server's clock (2026-03-16): overdue.
      await addDeadline(db, {
        applicationId: created.value.id,
        state: 'consultation',
        transition: 'consultation-pass',
        due: '2026-03-15T16:00:00.000Z',
        note: '',
      });
  }
}, 300_000);

afterAll(() => portal?.close());

const newContext = (): Promise<BrowserContext> =>
  portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });

async function accessible(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} ${v.help} → ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}-1366-full.png`), fullPage: true });
}

/** The 申报编号 of the rows shown, top to bottom. */
const numbers = (page: Page) =>
  page.locator('[data-testid="staff-list"] tbody td[data-label="申报编号"]').allTextContents();

describe('申报列表与公示公告', () => {
  it('staff filter by a state (with counts), sort by 申报编号 both ways and export the list to Excel; 待办 shows the overdue deadline', async () => {
    const errors: string[] = [];
    const ctx = await newContext();
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'staff', `#/p/${P}/staff/applications`);
    await page.getByTestId('staff-list').waitFor();
    expect(await page.locator('[data-testid="staff-list"] tbody tr').count()).toBe(3);

    // Every state of the bureau's side, titled by the programme, counted by the server.
    const filter = page.getByTestId('state-filter');
    const options = await filter.locator('option').allTextContents();
    expect(options).toContain('全部（3）');
    expect(options).toContain('待形式审查（1）');
    expect(options).toContain('征求意见（1）');
    expect(options).toContain('公示（1）');
    expect(options).toContain('评审（0）');
    expect(options).not.toContain('填报中（0）');
    expect(options.some((o) => o.startsWith('已撤回'))).toBe(false);

    // 待办: the server's list, the passed deadline first and marked.
    const due = page.getByTestId('due');
    const overdue = due.locator('li[data-overdue="true"]');
    await overdue.first().waitFor();
    expect(await overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('已逾期');
    expect(await overdue.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)');
    expect(await due.locator('li').first().getAttribute('data-overdue')).toBe('true');
    expect(await due.locator('li[data-overdue="false"]').textContent()).toContain('公示期2026年3月14日');

    await accessible(page, 'staff-list');
    await shot(page, '01-staff-list');

    // Sorted by 申报编号 through the header: ascending, then descending.
    const header = page.locator('th[data-sort="receipt_no"]');
    await header.getByRole('button').click();
    await page.locator('th[data-sort="receipt_no"][aria-sort="ascending"]').waitFor();
    await expect.poll(() => numbers(page)).toEqual(['DGAI-2026-0001', 'DGAI-2026-0002', 'DGAI-2026-0003']);
    await header.getByRole('button').click();
    await page.locator('th[data-sort="receipt_no"][aria-sort="descending"]').waitFor();
    await expect.poll(() => numbers(page)).toEqual(['DGAI-2026-0003', 'DGAI-2026-0002', 'DGAI-2026-0001']);
    expect(await page.locator('th[aria-sort]').count()).toBe(1);

    // A state: only its applications; the counts stay those of every state.
    await filter.selectOption('publicity');
    await page.locator('[data-testid="staff-list"] tbody tr[data-state="publicity"]').waitFor();
    await expect.poll(() => numbers(page)).toEqual(['DGAI-2026-0001']);
    expect(await filter.locator('option').allTextContents()).toContain('待形式审查（1）');
    expect(new URL(page.url()).hash).toContain('sort=receipt_no');

    // The export carries the filters and sorting, and answers with a workbook.
    const link = page.getByRole('link', { name: '导出 Excel' });
    const exportHref = (await link.getAttribute('href')) ?? '';
    const q = new URLSearchParams(exportHref.split('?')[1]);
    expect(exportHref.startsWith('/api/exports/applications.xlsx?')).toBe(true);
    expect(Object.fromEntries(q)).toEqual({
      programId: P,
      state: 'publicity',
      sort: 'receipt_no',
      order: 'desc',
    });
    const answer = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        // A workbook is a zip: "PK".
        magic: String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0),
      };
    }, exportHref);
    expect(answer).toEqual({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      magic: 'PK',
    });
    await ctx.close();
    expect(errors).toEqual([]);
  }, 180_000);

  it('staff draft the 公示 from the application in 公示, fill in 文号 and dates, publish it and find it on /notices', async () => {
    const errors: string[] = [];
    const ctx = await newContext();
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'staff', `#/p/${P}/staff/applications`);
    await page.getByRole('link', { name: '公示与公告' }).click();
    await page.getByRole('heading', { name: '公示与公告', level: 1 }).waitFor();
    const year = page.getByLabel('年度');
    await year.selectOption('2026');
    await page.getByTestId('notices-empty').waitFor();
    await page.getByRole('button', { name: '新建「拟认定名单公示」' }).click();

    // The editor: what the server derived, read-only; the staff part as a form.
    const editor = page.getByTestId('notice-editor');
    await editor.waitFor();
    expect(await editor.getAttribute('data-state')).toBe('draft');
    const entries = page.getByTestId('derived-entries').locator('tbody tr');
    expect(await entries.count()).toBe(1);
    const publicity = made.find((m) => m.state === 'publicity');
    expect(await entries.first().textContent()).toContain(publicity?.brand);
    expect(await page.locator('.derived-parts [data-path="/publicity/startDate"]').textContent()).toBe(
      '2026年3月14日',
    );
    expect(await page.locator('.derived-parts [data-path="/publicity/endDate"]').textContent()).toBe(
      '2026年3月20日',
    );
    expect(await page.locator('.sb-form [data-path="/centers"]').count()).toBe(0);

    // Publishing an incomplete notice is refused; the fields say what is missing.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('dialog', { name: '发布公告' }).getByRole('button', { name: '确认发布' }).click();
    const status = page.getByTestId('notice-status');
    await status.filter({ hasText: '发布失败' }).waitFor();
    expect(
      await page.locator('.notice-staff .Mui-error, .notice-staff [aria-invalid="true"]').count(),
    ).toBeGreaterThan(0);
    expect(await editor.getAttribute('data-state')).toBe('draft');
    await shot(page, '02-notice-refused');

    await type(page, '/docNo', '东工信〔2026〕88号');
    await type(page, '/call/title', '关于开展2026年东莞市人工智能应用创新中心遴选认定工作的通告');
    await type(page, '/objection/unit', '东莞市工业和信息化局软件和信息服务业科');
    await type(page, '/objection/address', '东莞市南城街道鸿福西路68号');
    await type(page, '/objection/phone', '0769-22228101');
    await type(page, '/date', '2026年3月14日');
    await type(page, '/issuedDate', '2026年3月14日');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await status.filter({ hasText: '已保存' }).waitFor();
    expect(await status.textContent()).not.toContain('尚有');
    await accessible(page, 'notice-editor');
    await shot(page, '03-notice-editor');

    // Someone else saves meanwhile: this page's save is refused, the page reloads and says so.
    const noticeId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1) ?? '');
    const me = (await (await ctx.request.get(`${portal.url}api/auth/me`)).json()) as { csrfToken: string };
    const current = (await (await ctx.request.get(`${portal.url}api/notices/${noticeId}`)).json()) as {
      staff: Record<string, unknown>;
      version: number;
    };
    const other = await ctx.request.put(`${portal.url}api/notices/${noticeId}`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { data: { ...current.staff, copyTo: '市发展改革局' }, version: current.version },
    });
    expect(other.status()).toBe(200);
    await type(page, '/supplement', '本页的修改');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await status.filter({ hasText: '已被其他人修改，已重新加载' }).waitFor();
    await expect.poll(() => page.locator('[data-path="/copyTo"]').inputValue()).toBe('市发展改革局');
    expect(await page.locator('[data-path="/supplement"]').inputValue()).toBe('');

    await page.getByRole('button', { name: '发布', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '发布公告' });
    expect(await confirm.textContent()).toContain('不能再修改');
    await confirm.getByRole('button', { name: '确认发布' }).click();
    await page.locator('[data-testid="notice-editor"][data-state="published"]').waitFor();
    expect(await page.getByTestId('notice-state').textContent()).toBe('已发布');
    await page.getByRole('button', { name: '更正' }).waitFor();
    const publicHref = (await page.getByTestId('public-link').getAttribute('href')) ?? '';
    expect(publicHref).toMatch(/^\/notices\/\d+$/);
    expect(await page.getByTestId('notice-docx').getAttribute('href')).toMatch(/format=docx$/);
    await shot(page, '04-notice-published');

    // 更正: a new draft that supersedes the published notice, which stays as it was.
    await page.getByRole('button', { name: '更正' }).click();
    await page.locator('[data-testid="notice-editor"][data-state="draft"]').waitFor();
    await page.getByRole('link', { name: '本稿为更正稿，查看原公告' }).waitFor();
    expect(await page.locator('[data-path="/docNo"]').inputValue()).toBe('东工信〔2026〕88号');

    // The list of the year says so.
    await page.getByRole('link', { name: '公示与公告' }).click();
    const row = page.locator('[data-testid="notices"] tr[data-state="published"]');
    await row.waitFor();
    expect(await page.locator('[data-testid="notices"] tr[data-state="draft"]').textContent()).toContain(
      '更正原公告',
    );
    expect(await row.textContent()).toContain('更正稿（草稿）');
    expect(await row.locator('td[data-label="发文字号"]').textContent()).toBe('东工信〔2026〕88号');
    expect(await row.locator('td[data-label="公示时间"]').textContent()).toBe('2026年3月14日至2026年3月20日');

    // Public, without the portal: /notices lists it; its page shows the centre.
    await page.goto(`${portal.url}notices`);
    const item = page.getByRole('link', { name: '关于2026年东莞市人工智能应用创新中心拟认定名单的公示' });
    await item.waitFor();
    expect(await page.locator('main').textContent()).toContain('东工信〔2026〕88号');
    await item.click();
    await page.waitForURL((u) => u.pathname === publicHref);
    expect(await page.locator('main').textContent()).toContain(publicity?.brand);
    await ctx.close();
    expect(errors).toEqual([]);
  }, 240_000);
});
