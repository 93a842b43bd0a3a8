import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/programs';
import { docxText } from './docx';
import { addRow, at, choose, pick, radio, step, tick, type, valueAt } from './fill';
import { loginAs, type Portal, registerEnterprise, startPortal } from './server';

const SHOTS = join(ROOT, 'test-output', 'e2e-portal');
const P = 'ai-innovation-center';
let portal: Portal;
let browser: Browser;
let server: { url: string };
const work = mkdtempSync(join(tmpdir(), 'shenbao-portal-'));
const PDF = join(work, '劳动合同及佐证材料.pdf');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(
    PDF,
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  // The shared build carries the benchmark fixture: the last test opens `?fixture=bench`.
  portal = await startPortal();
  browser = portal.browser;
  server = portal;
}, 180_000);

afterAll(() => portal?.close());

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core: no serious or critical violation. */
async function accessible(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${where}: ${v.id} ${v.help} → ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

async function eligible(page: Page): Promise<string> {
  return (await page.getByTestId('eligibility-summary').textContent()) ?? '';
}

async function next(page: Page, name: string): Promise<void> {
  await accessible(page, name);
  await shot(page, name);
  await page.getByRole('button', { name: '下一步' }).click();
}

describe('申请人：在浏览器中完成申报（第六条、第八条）', () => {
  it('fills the whole application, watches eligibility become met, cannot submit while invalid, submits, reloads read-only, downloads the 申请书', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The enterprise of the application registers first: the server accepts an application only
    // for the enterprise of the account (第六条（一）'s 统一社会信用代码 is the account's).
    await registerEnterprise(page, portal, {
      uscc: '91441900MA5H7K2Q4P',
      orgName: '东莞智造云图人工智能科技有限公司',
      contact: '李晓敏',
      mobile: '13802456789',
      password: 'zzyt2026ai',
    });
    await page.goto(`${server.url}#/`);
    await page.getByText('东莞市人工智能应用创新中心认定').first().waitFor();
    await shot(page, '00-programmes');
    await page.getByRole('link', { name: '开始申报' }).first().click();
    await at(page, '/applicant/name').waitFor();
    expect(await eligible(page)).toContain('尚未满足');
    // No error on first load.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);

    // 一、申报单位基本情况
    await type(page, '/applicant/name', '东莞智造云图人工智能科技有限公司');
    const code = at(page, '/applicant/creditCode');
    await code.click();
    await code.pressSequentially('91441900MA5H7K2Q4');
    await expect.poll(() => page.getByText('第18位校验码应为 P').count()).toBe(1);
    await code.pressSequentially('X');
    await code.blur();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    await code.fill('91441900MA5H7K2Q4P');
    await code.blur();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('false');
    await type(page, '/applicant/legalRepresentative', '陈志远');
    await type(page, '/applicant/foundedDate', '2018年6月15日');
    expect(await at(page, '/applicant/foundedDate').inputValue()).toBe('2018年6月15日');
    await type(page, '/applicant/registeredCapital', '5000');
    await type(page, '/applicant/registeredAddress', '东莞市松山湖园区工业西路6号');
    await pick(page, '/applicant/registeredTown', '松山湖', /松山湖/);
    await type(page, '/applicant/operatingAddress', '东莞市松山湖园区科技十路2号');
    await pick(page, '/applicant/operatingTown', '松山湖', /松山湖/);
    await type(page, '/applicant/businessScope', '软件开发；人工智能应用软件开发；信息系统集成服务。');
    await pick(page, '/applicant/industryCode', '6513', /6513 应用软件开发/);
    await radio(page, '/applicant/independentLegalPerson', 'true');
    await type(page, '/applicant/lastYearRevenue', '12800.5');
    await type(page, '/applicant/lastYearSoftwareRevenue', '9650');
    await type(page, '/applicant/staffCount', '168');
    await radio(page, '/applicant/financeSystemSound', 'true');
    await radio(page, '/applicant/seriousDishonesty', 'false');
    await type(page, '/applicant/contact/name', '李晓敏');
    await type(page, '/applicant/contact/mobile', '13802456789');
    await type(page, '/applicant/contact/phone', '0769-22891234');
    await type(page, '/applicant/contact/email', 'lixm@zzyt-ai.example.cn');
    await expect
      .poll(() => page.locator('[data-condition="registration"]').getAttribute('data-met'))
      .toBe('true');
    await next(page, '01-applicant');

    // 二、创新中心与运营团队
    await type(page, '/center/name', '东莞松山湖智造云图人工智能应用创新中心');
    await type(page, '/center/positioning', '面向电子信息和装备制造产业提供人工智能赋能服务。');
    await type(page, '/center/serviceDirections', '计算机、通信和其他电子设备制造业。');
    await type(page, '/team/total', '46');
    await type(page, '/team/localCount', '32');
    await type(page, '/team/leader/name', '王海峰');
    await type(page, '/team/leader/position', '创新中心主任');
    await type(page, '/team/leader/profile', '高级工程师，从事工业视觉研发15年。');
    const people = ['王海峰', '刘佳', '张伟', '黄丽', '周强'];
    for (const [i, name] of people.entries()) {
      await addRow(page, '/team/members');
      await type(page, `/team/members/${i}/name`, name);
      await type(page, `/team/members/${i}/role`, '工程师');
      await choose(page, `/team/members/${i}/education`, '本科');
      await type(page, `/team/members/${i}/contractStart`, '2022-03-01');
      await choose(page, `/team/members/${i}/localSocialInsurance`, 'true');
    }
    await expect.poll(() => page.locator('[data-condition="team"]').getAttribute('data-met')).toBe('true');
    await next(page, '02-team');

    // 三、体验展厅: the rule switches between built and committed.
    await radio(page, '/hall/status', 'committed');
    await at(page, '/hall/plannedDate').waitFor();
    expect(await at(page, '/hall/completedDate').count()).toBe(0);
    await radio(page, '/hall/status', 'built');
    await at(page, '/hall/completedDate').waitFor();
    expect(await at(page, '/hall/plannedDate').count()).toBe(0);
    await type(page, '/hall/address', '东莞市松山湖园区科技十路2号研发楼B座1层');
    await pick(page, '/hall/town', '松山湖', /松山湖/);
    await type(page, '/hall/area', '360');
    for (const f of ['应用案例展示', '产品体验', '人员培训'])
      await page.getByRole('checkbox', { name: f }).first().check();
    await type(page, '/hall/completedDate', '2025-10-18');
    await radio(page, '/hall/tenure', 'leased');
    await next(page, '03-hall');

    // 四、赋能业务能力
    await addRow(page, '/capability/products');
    await type(page, '/capability/products/0/name', '云图工业视觉质检平台');
    await choose(page, '/capability/products/0/category', '平台');
    await type(page, '/capability/products/0/description', '基于深度学习的表面缺陷检测。');
    await addRow(page, '/capability/solutions');
    await type(page, '/capability/solutions/0/name', '电子制造质量检测智能化解决方案');
    await tick(page, '/capability/solutions/0/industries', ['39 计算机、通信和其他电子设备制造业']);
    await type(page, '/capability/solutions/0/description', '覆盖SMT与外观检测工序。');
    await type(page, '/capability/serviceProcess', '诊断 → 方案 → 实施 → 运维');
    const clients = ['东莞市精锐电子科技有限公司', '东莞市恒达精密机械有限公司', '东莞市锦绣服饰有限公司'];
    for (const [i, client] of clients.entries()) {
      await addRow(page, '/capability/cases');
      await type(page, `/capability/cases/${i}/client`, client);
      await type(page, `/capability/cases/${i}/clientCreditCode`, '91441900MA4UJ8P2XY');
      await choose(page, `/capability/cases/${i}/clientIndustry`, '39');
      await choose(page, `/capability/cases/${i}/clientTown`, '441900111');
      await type(page, `/capability/cases/${i}/content`, `智能检测项目${i + 1}`);
      await type(page, `/capability/cases/${i}/amount`, '186.5');
      await type(page, `/capability/cases/${i}/startDate`, '2024年3月1日');
      await type(page, `/capability/cases/${i}/endDate`, '2024年9月30日');
      await type(page, `/capability/cases/${i}/outcome`, '漏检率明显下降。');
    }
    // Remove with undo keeps the row and its key.
    await page.getByRole('button', { name: '删除第2项' }).click();
    expect(await valueAt(page, '/capability/cases/1/client')).toBe(clients[2]);
    await page.getByRole('button', { name: '撤销' }).click();
    expect(await valueAt(page, '/capability/cases/1/client')).toBe(clients[1]);
    await expect
      .poll(() => page.locator('[data-condition="capability"]').getAttribute('data-met'))
      .toBe('true');
    await next(page, '04-capability');

    // 五、生态聚合能力
    for (const i of [0, 1]) {
      await addRow(page, '/ecosystem/supportUnits');
      await type(
        page,
        `/ecosystem/supportUnits/${i}/name`,
        i === 0 ? '华为技术有限公司' : '阿里云计算有限公司',
      );
      await type(page, `/ecosystem/supportUnits/${i}/cooperation`, '联合解决方案与算力服务');
      await tick(page, `/ecosystem/supportUnits/${i}/capabilities`, ['为企业提供稳定的智能算力服务']);
      await type(page, `/ecosystem/supportUnits/${i}/authorization/document`, '品牌授权书');
      await type(page, `/ecosystem/supportUnits/${i}/authorization/scope`, '品牌、产品');
    }
    await next(page, '05-ecosystem');

    // 六、年度绩效承诺
    await type(page, '/commitments/softwareRevenue', '1200');
    await type(page, '/commitments/localManufacturersServed', '25');
    await type(page, '/commitments/localTeamSize', '12');
    await type(page, '/commitments/hallArea', '360');
    for (const f of ['应用案例展示', '产品体验', '人员培训'])
      await page.getByRole('checkbox', { name: f }).first().check();
    await type(page, '/commitments/matchmakingEvents', '4');
    await type(page, '/commitments/trainingSessions', '6');
    await next(page, '06-commitments');

    // 七、附件材料: one PDF as the evidence of each kind.
    for (const category of ['team-evidence', 'hall-evidence', 'capability-evidence', 'ecosystem-evidence']) {
      await page.locator('[data-upload-category]').selectOption(category);
      const n = await page.locator('[data-path$="/category"]').count();
      await page.locator('.sb-drop input[type=file]').setInputFiles(PDF);
      await page.locator(`[data-path="/attachments/${n}/category"]`).waitFor();
    }
    expect(await page.getByText('共 4 个文件').count()).toBe(1);
    await next(page, '07-attachments');

    // 八、承诺: not yet agreed — submission is blocked with a summary linking to the field.
    await type(page, '/declaration/signatory', '陈志远');
    await type(page, '/declaration/date', '2026年3月15日');
    await page.getByRole('button', { name: '提交申报' }).click();
    const summary = page.locator('#sb-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('尚有 1 处需要修改');
    await expect.poll(() => at(page, '/declaration/agreed').getAttribute('aria-invalid')).toBe('true');
    await accessible(page, '08-blocked');
    await shot(page, '08-declaration-blocked');
    await at(page, '/declaration/agreed').check();
    await expect.poll(() => eligible(page)).toContain('已满足全部');
    await page.getByRole('button', { name: '提交申报' }).click();
    // Submitted on the server (decided there with the year's published targets): the 申报编号.
    await page.getByText('申报材料已提交').waitFor();
    expect(await page.getByTestId('receipt-no').textContent()).toBe('DGAI-2026-0001');
    await shot(page, '09-submitted');

    // Reload: everything is there, from the server, and read-only.
    await page.reload();
    await at(page, '/declaration/signatory').waitFor();
    expect(await at(page, '/declaration/signatory').inputValue()).toBe('陈志远');
    expect(await at(page, '/declaration/signatory').isDisabled()).toBe(true);
    await step(page, /赋能业务能力/);
    expect(await valueAt(page, '/capability/cases/2/client')).toBe(clients[2]);
    expect(await page.getByText('共 3 项').count()).toBeGreaterThan(0);
    await step(page, /附件材料/);
    expect(await page.getByText('共 4 个文件').count()).toBe(1);
    await step(page, /申报单位基本情况/);
    expect(await at(page, '/applicant/name').inputValue()).toBe('东莞智造云图人工智能科技有限公司');
    expect(await eligible(page)).toContain('已满足全部');
    await expect
      .poll(() => page.locator('[data-save-state]').textContent())
      .toMatch(/已保存于 \d\d:\d\d:\d\d/);

    // The 申请书 as Word, checked through LibreOffice.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-document="application-book"]').click(),
    ]);
    const docx = join(work, 'application-book.docx');
    await download.saveAs(docx);
    const flat = await docxText(docx);
    expect(flat).toContain('东莞智造云图人工智能科技有限公司');
    expect(flat).toContain('东莞市恒达精密机械');
    expect(flat).toContain('劳动合同及佐证材料.pdf');
    expect(flat).toContain('91441900MA5H7K2Q4P');

    // Printable review page.
    await page.goto(`${server.url}#/p/${P}/review`);
    await page.getByText('东莞市精锐电子科技有限公司').first().waitFor();
    await accessible(page, 'review');
    await shot(page, '10-review');
    expect(errors).toEqual([]);
    await context.close();
  }, 200_000);

  it('invalid values are flagged once touched, with aria-describedby naming the message', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await loginAs(page, portal, 'applicant', `#/p/${P}/apply?year=2026`);
    await type(page, '/applicant/contact/mobile', '12345');
    const mobile = at(page, '/applicant/contact/mobile');
    await expect.poll(() => mobile.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await mobile.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('不是有效的手机号码');
    await context.close();
  }, 180_000);
});

describe('主管部门：年度要求（第七条）', () => {
  it('staff raise a 2027 minimum and publish it; the application form enforces it; invalid targets are refused', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await loginAs(page, portal, 'staff', `#/p/${P}/staff/targets?year=2027`);
    const min = at(page, '/commitments/softwareRevenue/minimum');
    await min.waitFor();
    expect(await at(page, '/year').inputValue()).toBe('2027');
    await type(page, '/commitments/softwareRevenue/minimum', '-5');
    await page.getByTestId('targets-save').click();
    expect(await page.getByTestId('targets-result').textContent()).toContain('未保存');
    await type(page, '/commitments/softwareRevenue/minimum', '1500');
    // Copied from 2026: the new year's call needs its own title and dates before it can be saved.
    await type(page, '/call/title', '2027年东莞市人工智能应用创新中心遴选认定');
    await type(page, '/call/opens', '2027年3月1日 9:00');
    await type(page, '/call/closes', '2027年3月31日 17:30');
    await expect.poll(() => page.locator('tr[data-changed="true"]').textContent()).toContain('1500');
    expect(await page.locator('tr[data-changed="true"]').count()).toBe(1);
    await accessible(page, 'targets');
    await shot(page, '11-targets-2027');
    await page.getByTestId('targets-save').click();
    await page.getByText('已保存 2027 年度要求').waitFor();
    // A saved draft binds no one: the form follows the published year, so staff publish.
    await page.getByTestId('targets-publish').click();
    const confirm = page.getByRole('dialog', { name: '发布 2027 年度要求？' });
    await confirm.waitFor();
    expect(await confirm.locator('tr[data-changed="true"]').textContent()).toContain('1500');
    await confirm.getByTestId('targets-publish-confirm').click();
    await page.getByText('已发布 2027 年度要求').waitFor();
    await context.close();

    // The applicant's 2027 form (another browser, another session).
    const applicant = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const apage = await applicant.newPage();
    await loginAs(apage, portal, 'applicant', `#/p/${P}/apply?year=2027`);
    await checkRaisedMinimum(apage);
    await applicant.close();
  }, 90_000);
});

/** The commitments step of the 2027 application refuses a revenue under the raised minimum. */
async function checkRaisedMinimum(page: Page): Promise<void> {
  await step(page, /年度绩效承诺/);
  await type(page, '/commitments/softwareRevenue', '1200');
  const field = at(page, '/commitments/softwareRevenue');
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByText('不能小于1500').count()).toBeGreaterThan(0);
  await shot(page, '12-apply-2027-minimum');
}

describe('any programme by id', () => {
  it('the second test programme renders with no code change', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}#/p/mini-grant/form/apply`);
    await at(page, '/company/name').waitFor();
    await type(page, '/company/creditCode', '91441900MA5X1B2C3Y');
    await pick(page, '/company/district', 'A', /A01/);
    await type(page, '/energySaving', '3');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('#sb-error-summary').waitFor();
    await accessible(page, 'mini-grant');
    await shot(page, '13-mini-grant');
    await context.close();
  }, 180_000);

  it('the benchmark fixture opens the step with the 100 cases', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // Every loading line the page shows before the form: the form is loaded ahead of the portal's
    // first render, so the form page's own (正在加载表单…) never shows in between.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => {
        for (const p of Array.from(document.querySelectorAll('#root .loading')))
          if (!seen.includes(p.textContent ?? '')) seen.push(p.textContent ?? '');
      }).observe(document, { childList: true, subtree: true });
    });
    const t0 = Date.now();
    await page.goto(`${server.url}#/p/${P}/apply?fixture=bench`);
    await at(page, '/capability/cases/99/client').waitFor({ state: 'attached' });
    const ms = Date.now() - t0;
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen).not.toContain('正在加载表单…');
    expect(await at(page, '/ecosystem/supportUnits/0/name').count()).toBe(0);
    await page.locator('[data-array-path="/capability/cases"] [data-row-toggle="57"]').click();
    const field = at(page, '/capability/cases/57/content');
    await field.click();
    await field.press('End');
    await field.pressSequentially('测试abc', { delay: 20 });
    expect(await field.inputValue()).toMatch(/测试abc$/);
    await shot(page, '14-bench');
    console.log(`bench fixture: last case row in the DOM after ${ms} ms`);
    await page.close();
  }, 180_000);
});
