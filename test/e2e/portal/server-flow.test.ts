/**
 * The whole way through the server, as a new applicant and the bureau meet it (issue 9): an
 * enterprise registers, fills its 2026 application, uploads its evidence, submits and gets its
 * 申报编号 and 受理回执, and finds the application read-only; staff see it in 申报列表 with its
 * audit trail; staff publish 2027 targets with a higher minimum and the applicant's 2027 form
 * enforces it. Screenshots of the new pages at 1366×900 and 390×844 go to test-output/.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, ROOT } from '../../support/programs';
import { at, step, type } from './fill';
import { type Enterprise, loginAs, type Portal, registerEnterprise, startPortal } from './server';

const P = 'ai-innovation-center';
/** What the programme calls a state (its procedure is data). */
const stateTitle = (id: string): string => {
  const program = JSON.parse(readFileSync(join(ROOT, 'schemas', P, 'program.json'), 'utf8'));
  return program.procedure.states.find((s: { id: string }) => s.id === id).title;
};
const SHOTS = join(ROOT, 'test-output', 'e2e-server-flow');
const work = mkdtempSync(join(tmpdir(), 'shenbao-server-flow-'));
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
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
}, 180_000);

afterAll(() => portal?.close());

/** A small but real PDF, one per kind of evidence. */
function pdf(name: string): string {
  const file = join(work, name);
  writeFileSync(
    file,
    `%PDF-1.4\n% ${name}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
  return file;
}

async function shots(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

async function accessible(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} ${v.help} → ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

async function newContext(): Promise<BrowserContext> {
  return portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
}

describe('网上申报：注册、填报、上传、提交、回执；主管部门受理与发布年度要求', () => {
  it('a new enterprise registers, submits its application with evidence and gets the 申报编号 and receipt; staff see it; 2027 targets bind the 2027 form', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // 注册: the check character is verified as the code is typed.
    await page.goto(`${portal.url}#/register`);
    const uscc = page.locator('[data-field="uscc"]');
    await uscc.fill('91441900MA5H7K2Q4');
    await page.getByText('按前17位计算，第18位校验码应为 P').waitFor();
    await uscc.fill('91441900MA5H7K2Q4X');
    await page.getByText('统一社会信用代码校验位错误').waitFor();
    expect(await uscc.getAttribute('aria-invalid')).toBe('true');
    await page.locator('[data-field="mobile"]').fill('1380245');
    await page.locator('[data-field="mobile"]').blur();
    await page.getByText('手机号码不是有效的手机号码').waitFor();
    await accessible(page, 'register');
    await shots(page, '01-register');
    await registerEnterprise(page, portal, ENTERPRISE, '#/mine');

    // 我的申报: nothing yet; the 2026 call can be started. No staff links for an applicant.
    await page.getByText('本单位还没有申报记录。').waitFor();
    expect(await page.getByTestId('who').textContent()).toContain(ENTERPRISE.orgName);
    await accessible(page, 'mine-empty');
    await page.getByRole('link', { name: '开始申报' }).first().click();
    await at(page, '/applicant/name').waitFor();
    expect(await page.getByTestId('call-window').textContent()).toBe(
      '申报时间：2026年3月12日 0:00 至 2026年3月20日 17:30申报进行中',
    );

    // The example application, with its evidence to be uploaded for real.
    const data = example<Record<string, unknown>>('application.json');
    data.attachments = [];
    const file = join(work, 'application.json');
    writeFileSync(file, JSON.stringify(data));
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByText('导入草稿', { exact: true }).click(),
    ]);
    await chooser.setFiles(file);
    await page.getByText('已导入“application.json”').waitFor();
    await step(page, /附件材料/);
    const kinds = {
      'team-evidence': '本地团队劳动合同.pdf',
      'hall-evidence': '展厅租赁合同.pdf',
      'capability-evidence': '案例合同.pdf',
      'ecosystem-evidence': '技术支撑单位授权书.pdf',
    };
    for (const [category, name] of Object.entries(kinds)) {
      await page.locator('[data-upload-category]').selectOption(category);
      const n = await page.locator('[data-path$="/category"]').count();
      await page.locator('.sb-drop input[type=file]').setInputFiles(pdf(name));
      await page.locator(`[data-path="/attachments/${n}/category"]`).waitFor();
    }
    expect(await page.getByText('共 4 个文件').count()).toBe(1);
    // A file the server refuses by its bytes (not a PDF inside) shows the server's reason.
    const fake = join(work, '伪装的文件.pdf');
    writeFileSync(fake, 'MZ\u0090\u0000 this is not a PDF');
    await page.locator('.sb-drop input[type=file]').setInputFiles(fake);
    const refusal = page.locator('.sb-cell-error[role="alert"]').filter({ hasText: '伪装的文件.pdf' });
    await refusal.waitFor();
    // The server's own words (it looked at the bytes, not at the name).
    expect(await refusal.textContent()).toContain('文件内容与类型不符');
    expect(await page.getByText('共 4 个文件').count()).toBe(1);
    await refusal.getByRole('button', { name: '知道了' }).click();

    // 提交申报 on the last step: decided by the server, answered with the 申报编号.
    await step(page, /申报单位承诺/);
    await page.getByRole('button', { name: '提交申报' }).click();
    const number = page.getByTestId('receipt-no');
    await number.waitFor();
    expect(await number.textContent()).toBe('DGAI-2026-0001');
    await accessible(page, 'submitted');
    await shots(page, '02-submitted');

    // Read-only now: fields disabled, no submit button, no upload.
    await step(page, /申报单位基本情况/);
    expect(await at(page, '/applicant/name').isDisabled()).toBe(true);
    await step(page, /附件材料/);
    expect(await page.locator('.sb-drop').count()).toBe(0);
    await step(page, /申报单位承诺/);
    expect(await page.getByRole('button', { name: '提交申报' }).isVisible()).toBe(false);

    // 受理回执: printable, with the number, the enterprise and the files.
    await page.getByRole('link', { name: '查看受理回执' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await page.getByTestId('receipt-number').textContent()).toBe('DGAI-2026-0001');
    const text = (await receipt.textContent()) ?? '';
    expect(text).toContain(ENTERPRISE.orgName);
    expect(text).toContain(ENTERPRISE.uscc);
    expect(text).toContain('2026年3月16日 10:00:00');
    for (const name of Object.values(kinds)) expect(text).toContain(name);
    expect(text).toContain('本回执仅证明申报材料已在网上提交，不代表审核通过。');
    expect(await page.getByRole('button', { name: '打印' }).count()).toBe(1);
    await accessible(page, 'receipt');
    await shots(page, '03-receipt');

    // 我的申报 lists it with its state and number.
    await page.goto(`${portal.url}#/mine`);
    const row = page.locator('tr[data-state="submitted"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(stateTitle('submitted'));
    expect(await row.textContent()).toContain('DGAI-2026-0001');
    await shots(page, '04-mine');

    // Staff: the console links, the list, the application read-only with its audit trail.
    const staffContext = await newContext();
    const staff = await staffContext.newPage();
    staff.on('pageerror', (e) => errors.push(e.message));
    // On the list page the programme (whose reference data names the 镇街) is held back until the
    // list has arrived and the page has painted it, as on a busy server: the rows must still show
    // the town's name, not its code.
    let listAnswered: () => void = () => {};
    const listIn = new Promise<void>((done) => {
      listAnswered = done;
    });
    staff.on('response', (res) => {
      if (new URL(res.url()).pathname === '/api/applications') listAnswered();
    });
    await staff.route('**/api/programs/*/bundle', async (r) => {
      if (staff.url().includes('/staff/applications')) {
        await listIn;
        await staff.evaluate(
          () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
        );
      }
      await r.continue();
    });
    await loginAs(staff, portal, 'staff', '#/');
    const card = staff.locator(`[data-programme="${P}"]`);
    await card.waitFor();
    expect(await card.locator('[data-staff-link]').count()).toBe(2);
    await card.getByRole('link', { name: '申报列表（主管部门）' }).click();
    const listed = staff.getByTestId('staff-list').locator('tr', { hasText: 'DGAI-2026-0001' });
    await listed.waitFor();
    expect(await listed.textContent()).toContain(ENTERPRISE.orgName);
    expect(await listed.textContent()).toContain('松山湖');
    await accessible(staff, 'staff-list');
    await shots(staff, '05-staff-list');
    // Text search and a filter that excludes it.
    await staff.getByPlaceholder('单位名称、信用代码或申报编号').fill('智造云图');
    await staff.getByRole('button', { name: '查询' }).click();
    await listed.waitFor();
    await staff.getByLabel('状态').selectOption('review');
    await staff.getByTestId('staff-empty').waitFor();
    await staff.getByLabel('状态').selectOption('submitted');
    await listed.getByRole('link', { name: 'DGAI-2026-0001' }).click();
    await staff.getByTestId('audit').waitFor();
    expect(await staff.getByTestId('staff-application-meta').textContent()).toContain(
      stateTitle('submitted'),
    );
    expect(await staff.getByText('东莞市精锐电子科技有限公司').count()).toBeGreaterThan(0);
    const trail = staff.getByTestId('audit');
    expect(await trail.locator('tr', { hasText: '提交申报' }).count()).toBe(1);
    expect(await trail.locator('tr', { hasText: '创建申报' }).count()).toBe(1);
    expect(await trail.textContent()).toContain('申报单位基本情况');
    await accessible(staff, 'staff-application');
    await shots(staff, '06-staff-application');

    // The applicant withdraws (after a confirmation), the form opens again; submitted anew, it
    // keeps its 申报编号.
    await page.goto(`${portal.url}#/p/${P}/apply?year=2026`);
    await page.getByRole('button', { name: '撤回申报' }).click();
    const ask = page.getByRole('dialog', { name: '撤回申报？' });
    expect(await ask.textContent()).toContain('DGAI-2026-0001');
    await ask.getByRole('button', { name: '确认撤回' }).click();
    await page.locator('[data-testid="application-state"][data-state="withdrawn"]').waitFor();
    await step(page, /申报单位基本情况/);
    expect(await at(page, '/applicant/name').isDisabled()).toBe(false);
    await step(page, /申报单位承诺/);
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.locator('[data-testid="application-state"][data-state="submitted"]').waitFor();
    expect(await number.textContent()).toBe('DGAI-2026-0001');

    // Staff raise the 2027 minimum of software revenue and publish it.
    await staff.goto(`${portal.url}#/p/${P}/staff/targets?year=2027`);
    await type(staff, '/commitments/softwareRevenue/minimum', '1500');
    await type(staff, '/call/title', '2027年东莞市人工智能应用创新中心遴选认定');
    await type(staff, '/call/opens', '2027年3月1日 9:00');
    await type(staff, '/call/closes', '2027年3月31日 17:30');
    await staff.getByTestId('targets-publish').click();
    const confirm = staff.getByRole('dialog', { name: '发布 2027 年度要求？' });
    await confirm.waitFor();
    expect(await confirm.locator('tr[data-changed="true"]').textContent()).toContain('1500');
    await shots(staff, '07-publish-confirm');
    await confirm.getByTestId('targets-publish-confirm').click();
    await staff.getByText('已发布 2027 年度要求').waitFor();
    expect(await staff.getByTestId('targets-state').textContent()).toMatch(/^已发布（2026年\d+月\d+日/);
    await staffContext.close();

    // The applicant's 2027 application: started from 我的申报, it enforces the raised minimum.
    await page.goto(`${portal.url}#/mine`);
    await page.reload(); // the same address: make the page ask the server again
    await page
      .locator('[data-programme="ai-innovation-center"]')
      .getByRole('link', { name: '开始申报' })
      .click();
    await page.waitForURL(/year=2027/);
    await step(page, /年度绩效承诺/);
    await type(page, '/commitments/softwareRevenue', '1200');
    const revenue = at(page, '/commitments/softwareRevenue');
    await expect.poll(() => revenue.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('不能小于1500').count()).toBeGreaterThan(0);
    // One application per year: the 2026 one stays submitted.
    await page.goto(`${portal.url}#/mine`);
    await page.locator('tr[data-state="draft"]').waitFor();
    expect(await page.locator('tr[data-state="submitted"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('a second registration of the same 统一社会信用代码 is refused next to the field, in Chinese', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${portal.url}#/register`);
    const f = (n: string) => page.locator(`[data-field="${n}"]`);
    await f('uscc').fill(ENTERPRISE.uscc);
    await f('orgName').fill('冒名公司');
    await f('contact').fill('王五');
    await f('mobile').fill('13912345678');
    await f('password').fill('abc12345');
    await f('confirm').fill('abc12345');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('该统一社会信用代码已注册，请直接登录或联系本单位管理员').waitFor();
    expect(await f('uscc').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  }, 180_000);
});
