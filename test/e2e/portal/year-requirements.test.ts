import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf } from './api';
import { addRow, at, step, type } from './fill';
import { loginAs, type Portal, startPortal } from './server';

// Issue 11 items 5 and 6: the year's requirements at the fields, and the staff's comparison of years.
const P = 'ai-innovation-center';
const ROOT = join(import.meta.dirname, '..', '..', '..');
let portal: Portal;
let staffContext: BrowserContext;
let staff: Page;
let applicantContext: BrowserContext;
let applicant: Page;

beforeAll(async () => {
  portal = await startPortal();
  const options = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' };
  staffContext = await portal.browser.newContext(options);
  staff = await staffContext.newPage();
  applicantContext = await portal.browser.newContext(options);
  applicant = await applicantContext.newPage();
}, 300_000);

afterAll(async () => {
  await staffContext?.close();
  await applicantContext?.close();
  await portal?.close();
});

const SHOTS = join(ROOT, '.tmp', 'year-requirements');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** The text under a field (its hint, or its error once shown). */
function fieldText(page: Page, path: string): Promise<string> {
  return page
    .locator(`.MuiFormControl-root:has([data-path="${path}"])`)
    .first()
    .textContent()
    .then((t) => t ?? '');
}

/** Debounced work (the comparison, whole-form validation) on a machine shared with other tests. */
const WAIT = { timeout: 15_000 };

/** A list's section: its title, count, hint and error line. */
const list = (page: Page, path: string) => page.locator(`[data-array-path="${path}"]`);

describe('第七条: the year’s minimums are hints at the fields before anything is typed', () => {
  it('2026: each commitment and each list shows its minimum from the year’s targets', async () => {
    await loginAs(applicant, portal, 'applicant', `#/p/${P}/apply?year=2026`);
    await step(applicant, /年度绩效承诺/);
    expect(await fieldText(applicant, '/commitments/softwareRevenue')).toContain('不能小于1000万元');
    expect(await fieldText(applicant, '/commitments/localManufacturersServed')).toContain('不能小于20家');
    expect(await fieldText(applicant, '/commitments/trainingSessions')).toContain('不能小于6场');
    expect(await at(applicant, '/commitments/softwareRevenue').getAttribute('aria-invalid')).not.toBe('true');
    await shot(applicant, '1-hints-2026');
    await step(applicant, /赋能业务能力/);
    expect(await list(applicant, '/capability/cases').textContent()).toContain('至少需要3项');
    await step(applicant, /生态聚合能力/);
    expect(await list(applicant, '/ecosystem/supportUnits').textContent()).toContain('至少需要1项');
  }, 120_000);
});

describe('第七条: staff compare a new year with the last one, and a copied year says what must change', () => {
  it('lists every changed number, refuses the copied title and dates at their fields, then publishes', async () => {
    await loginAs(staff, portal, 'staff', `#/p/${P}/staff/targets?year=2027`);
    await at(staff, '/commitments/softwareRevenue/minimum').waitFor();
    expect(await at(staff, '/call/title').inputValue()).toContain('2026');
    // Said before saving: the copy still has 2026's title and call dates.
    const stale = staff.getByTestId('targets-stale');
    expect(await stale.textContent()).toContain('「通知名称」仍是2026年度');

    await type(staff, '/commitments/softwareRevenue/minimum', '1500');
    await type(staff, '/minSuccessCases/minimum', '4');
    const summary = staff.locator('.diff > p').first();
    await expect.poll(() => summary.textContent(), WAIT).toBe('有 2 项要求发生变化（已标出）。');
    const rows = staff.locator('tr[data-changed="true"]');
    expect(await rows.count()).toBe(2);
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes('成功案例') && t.includes('3') && t.includes('4'))).toBe(true);
    expect(texts.some((t) => t.includes('1000') && t.includes('1500'))).toBe(true);

    // Saving is refused, next to the fields that must change.
    await staff.getByTestId('targets-save').click();
    await expect.poll(() => staff.getByTestId('targets-result').textContent(), WAIT).toContain('未保存');
    for (const path of ['/call/title', '/call/opens', '/call/closes'])
      await expect.poll(() => at(staff, path).getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await fieldText(staff, '/call/title')).toContain('请改为2027年度的');
    expect(await fieldText(staff, '/call/opens')).toContain('在2026年');
    await shot(staff, '2-copied-year-refused');

    // The server refuses the same copy on its own (the browser is not trusted).
    const call = await apiOf(portal, staffContext);
    const copy = JSON.parse(readFileSync(join(ROOT, 'schemas', P, 'targets', '2026.json'), 'utf8'));
    const refused = await call('PUT', `/api/programs/${P}/targets/2027`, {
      data: { ...copy, year: 2027 },
      version: 0,
    })
      .then(() => '')
      .catch((e: Error) => e.message);
    expect(refused).toContain('400');
    for (const path of ['/call/title', '/call/opens', '/call/closes'])
      expect(refused).toContain(`"path":"${path}"`);

    await type(staff, '/call/title', '2027年东莞市人工智能应用创新中心遴选认定');
    await type(staff, '/call/opens', '2027年3月1日 9:00');
    await type(staff, '/call/closes', '2027年3月31日 17:30');
    await expect.poll(() => stale.count(), WAIT).toBe(0);
    await staff.getByTestId('targets-publish').click();
    const confirm = staff.getByRole('dialog', { name: '发布 2027 年度要求？' });
    await confirm.waitFor();
    expect(await confirm.locator('tr[data-changed="true"]').count()).toBe(2);
    await confirm.getByTestId('targets-publish-confirm').click();
    await staff.getByText('已发布 2027 年度要求').waitFor();
  }, 180_000);
});

describe('第七条: a year’s raised minimum shows at the field as soon as it is touched', () => {
  it('2027: the hint says the raised minimum, and one added case is flagged at once', async () => {
    await applicant.goto(`${portal.url}#/p/${P}/apply?year=2027`);
    await step(applicant, /年度绩效承诺/);
    expect(await fieldText(applicant, '/commitments/softwareRevenue')).toContain('不能小于1500万元');
    await step(applicant, /赋能业务能力/);
    const cases = list(applicant, '/capability/cases');
    expect(await cases.textContent()).toContain('至少需要4项');
    expect(await cases.locator('.sb-cell-error').count()).toBe(0);
    await addRow(applicant, '/capability/cases');
    // No 提交 needed: the list was touched, so its year's minimum is an error there.
    await expect.poll(() => cases.locator('.sb-cell-error').textContent(), WAIT).toContain('至少需要4项');
    await shot(applicant, '3-cases-2027-touched');
  }, 120_000);
});
