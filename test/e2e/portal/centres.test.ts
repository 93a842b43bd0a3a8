/**
 * 创新中心 in the browser (issue 10 item 3): staff open the list of recognised centres from the
 * applications list, open one (its names, years and change reports), and revoke it on ground
 * (三) of 第十四条; the page then shows the decision and the ban of 第十五条. The application is
 * put into `recognised` through the store, as apps/server/test/centres.test.ts does. Screenshots
 * at 1366×900 go to .tmp/centres-e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../../packages/core/src/formats/uscc';
import { addCentreChange, createApplication, createOrganization } from '../../../packages/store/src/index';
import { example, ROOT } from '../../support/programs';
import { recogniseInStore } from '../../support/recognise';
import { loginAs, type Portal, startPortal } from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'centres-e2e');
const DESKTOP = { width: 1366, height: 900 };
const BRAND = '松山湖AI应用创新中心';
const OPERATOR = '东莞松山湖智能科技有限公司';
const USCC = '91441900MA4UTEST3X';

let portal: Portal;
let centreId = '';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startPortal();
  const db = portal.server.db;
  const org = await createOrganization(db, {
    uscc: USCC,
    name: OPERATOR,
    contact: '李四',
    mobile: '13800138001',
  });
  if (!org.ok) throw new Error('organisation not created');
  const data = example<{
    applicant: { name: string; creditCode: string; registeredTown: string };
    center: { name: string };
  }>('application.json');
  data.applicant.name = OPERATOR;
  data.applicant.creditCode = USCC;
  data.center.name = BRAND;
  const created = await createApplication(db, {
    programId: P,
    form: 'application',
    year: 2026,
    orgId: org.value.id,
    data,
    title: OPERATOR,
    town: data.applicant.registeredTown,
    userId: null,
  });
  if (!created.ok) throw new Error('application not created');
  await recogniseInStore(db, created.value, {
    brand: BRAND,
    operator: OPERATOR,
    date: '2026-03-14',
    receiptNo: 'DGAI-2026-0009',
    submittedAt: '2026-03-13T01:00:00.000Z',
  });
  centreId = created.value.id;
  // A 更名 reported ten days ahead, fewer than program.json's noticeDaysBefore (第十六条): late.
  await addCentreChange(db, {
    applicationId: centreId,
    kind: '更名',
    plannedDate: '2026-03-25',
    reportedOn: '2026-03-15',
    late: true,
    daysBefore: 10,
    details: {},
    userId: null,
  });
}, 300_000);

afterAll(() => portal?.close());

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

describe('创新中心', () => {
  it('第十四条（三）: staff open the centre from 创新中心, revoke it and see 不得重新申请认定', async () => {
    const errors: string[] = [];
    const ctx = await portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'staff', `#/p/${P}/staff/applications`);
    await page.getByRole('link', { name: '创新中心', exact: true }).click();
    await page.getByRole('heading', { name: '创新中心', level: 1 }).waitFor();

    const row = page.locator(`[data-testid="centres"] tr[data-centre="${centreId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await row.textContent()).toContain(OPERATOR);
    await accessible(page, 'centres');
    await shot(page, '01-centres');

    await row.getByRole('link', { name: BRAND }).click();
    const centre = page.getByTestId('centre');
    await centre.waitFor();
    expect(await page.getByTestId('centre-status').textContent()).toBe('已认定');
    expect(await page.getByTestId('names').textContent()).toContain(BRAND);
    const change = page.locator('[data-testid="changes"] tbody tr');
    expect(await change.count()).toBe(1);
    expect(await change.getAttribute('data-late')).toBe('true');
    expect(await change.textContent()).toContain('逾期');
    await accessible(page, 'centre');
    await shot(page, '02-centre');

    // 撤销: the grounds of program.json with their items; (三) bans re-application for ever.
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '撤销认定' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio').count()).toBe(6);
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await dialog.getByRole('alert').filter({ hasText: '请选择撤销情形' }).waitFor();
    await dialog.getByLabel('（三）连续两年绩效考核不达标').check();
    await dialog.getByLabel('撤销理由').fill('2026、2027年度绩效考核均未达标');
    await shot(page, '03-revoke-dialog');
    await dialog.getByRole('button', { name: '确认撤销' }).click();

    await page.locator('[data-testid="centre"][data-status="revoked"]').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('centre-status').textContent()).toBe('已撤销');
    expect(await page.getByTestId('revocation').textContent()).toContain('（三）连续两年绩效考核不达标');
    expect(await page.getByTestId('ban').textContent()).toContain('不得重新申请认定');
    expect(await page.getByRole('button', { name: '撤销', exact: true }).count()).toBe(0);
    await accessible(page, 'centre-revoked');
    await shot(page, '04-centre-revoked');

    // The list says so too.
    await page.getByRole('link', { name: '创新中心', exact: true }).click();
    await page
      .locator(`[data-testid="centres"] tr[data-centre="${centreId}"][data-status="revoked"]`)
      .waitFor();
    await ctx.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it('第十四条（二）: staff list the centres without a self-assessment for a year and mark them as not assessed; revocation is proposed', async () => {
    const db = portal.server.db;
    const brand = '寮步AI应用创新中心';
    const operator = '东莞寮步智能装备有限公司';
    const org = await createOrganization(db, {
      uscc: `91441900MA4UTEXT4${usccCheckCharacter('91441900MA4UTEXT4') ?? ''}`,
      name: operator,
      contact: '王五',
      mobile: '13800138002',
    });
    if (!org.ok) throw new Error('organisation not created');
    const made = await createApplication(db, {
      programId: P,
      form: 'application',
      year: 2026,
      orgId: org.value.id,
      data: {},
      title: operator,
      town: null,
      userId: null,
    });
    if (!made.ok) throw new Error('application not created');
    await recogniseInStore(db, made.value, { brand, operator, date: '2026-04-20' });
    // The next spring: the 2026 self-assessments are due.
    portal.clock.at = new Date('2027-04-01T10:00:00+08:00');
    const errors: string[] = [];
    const ctx = await portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'staff', `#/p/${P}/staff/centres?year=2026`);
    const row = page.locator(`[data-testid="centres"] tr[data-centre="${made.value.id}"]`);
    await row.waitFor();
    // Only the centre still recognised is listed: the revoked one is out of it.
    const button = page.getByTestId('mark-missed');
    expect(await button.textContent()).toBe('2026年度未报送自评（1）');
    await button.click();
    const dialog = page.getByRole('dialog', { name: '认定未参加2026年度绩效考核' });
    expect(await dialog.getByTestId('missed-list').locator('li').allTextContents()).toEqual([
      `${brand}（${operator}）`,
    ]);
    await accessible(page, 'mark-missed');
    await shot(page, '05-mark-missed');
    await dialog.getByRole('button', { name: '确认认定' }).click();
    expect(await page.getByTestId('missed-done').textContent()).toContain(brand);
    await page
      .locator(`[data-testid="centres"] tr[data-centre="${made.value.id}"][data-status="proposed"]`)
      .waitFor();
    expect(await page.getByTestId('mark-missed').count()).toBe(0);
    await ctx.close();
    expect(errors).toEqual([]);
  }, 240_000);
});
