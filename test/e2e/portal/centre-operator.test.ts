/**
 * 我的创新中心 in the browser (issue 10 items 3–4): the operator of a recognised centre opens it
 * from 我的申报, commits the year's goals (one below the minimum refused at its field, 第十一条),
 * fills and hands in the 自评 and downloads its report (第十二条（一）); staff open the centre and
 * record the 考核 with its result per indicator; the operator reports a change fewer than 30
 * days ahead and sees it flagged 逾期 (第十六条). The demo applicant's application is put into
 * `recognised` through the store. Screenshots at 1366×900 go to .tmp/centre-operator-e2e/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import PizZip from 'pizzip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUscc } from '../../../apps/server/src/demo';
import { createApplication, findOrganizationByUscc } from '../../../packages/store/src/index';
import { example, ROOT } from '../../support/programs';
import { recogniseInStore } from '../../support/recognise';
import { at, radio, step, type } from './fill';
import { loginAs, type Portal, startPortal } from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'centre-operator-e2e');
const DESKTOP = { width: 1366, height: 900 };
const BRAND = '寮步智算AI应用创新中心';
const YEAR = 2026;

let portal: Portal;
let centreId = '';
let operator = '';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startPortal();
  const db = portal.server.db;
  const org = await findOrganizationByUscc(db, demoUscc());
  if (!org) throw new Error('the demo applicant has no organisation');
  operator = org.name;
  const data = example<{ applicant: { name: string; creditCode: string; registeredTown: string } }>(
    'application.json',
  );
  data.applicant.name = org.name;
  data.applicant.creditCode = org.uscc;
  const created = await createApplication(db, {
    programId: P,
    form: 'application',
    year: YEAR,
    orgId: org.id,
    data,
    title: org.name,
    town: data.applicant.registeredTown,
    userId: null,
  });
  if (!created.ok) throw new Error('application not created');
  await recogniseInStore(db, created.value, {
    brand: BRAND,
    operator: org.name,
    date: '2026-03-14',
    receiptNo: 'DGAI-2026-0021',
    submittedAt: '2026-03-13T01:00:00.000Z',
  });
  centreId = created.value.id;
}, 300_000);

afterAll(() => portal?.close());

async function accessible(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} ${v.help} → ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}-1366-full.png`), fullPage: true });
}

/** The goal field of an indicator in the year's goals form. */
const goal = (page: Page, indicator: string) =>
  page.getByTestId(`goals-${YEAR}`).locator(`[data-indicator="${indicator}"] input`).first();

describe('我的创新中心', () => {
  it('第十一条、第十二条、第十六条: goals, the 自评 and its report, the 考核, a late change report', async () => {
    const errors: string[] = [];
    const ctx = await portal.browser.newContext({
      viewport: DESKTOP,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));

    // 我的申报 → 我的创新中心.
    await loginAs(page, portal, 'applicant', '#/mine');
    await page
      .locator(`[data-application="${centreId}"]`)
      .getByRole('link', { name: '我的创新中心' })
      .click();
    await page.getByRole('heading', { name: BRAND, level: 1 }).waitFor();
    expect(await page.getByTestId('validity').textContent()).toContain('2028年12月31日');
    const year = page.locator(`.centre-year[data-year="${YEAR}"]`);
    expect(await year.locator('h3').textContent()).toContain('未报送自评');

    // 绩效目标: the hint is the year's minimum; a value below it is refused at its field.
    const goals = page.getByTestId(`goals-${YEAR}`);
    expect(await goals.locator('[data-indicator="softwareRevenue"]').textContent()).toContain(
      '不低于本年度最低要求 1000万元',
    );
    const values: Record<string, string> = {
      softwareRevenue: '900',
      localManufacturersServed: '25',
      localTeamSize: '12',
      hallArea: '260',
      matchmakingEvents: '5',
      trainingSessions: '8',
    };
    for (const [id, v] of Object.entries(values)) await goal(page, id).fill(v);
    await accessible(page, 'my-centre');
    await goals.getByRole('button', { name: '保存绩效目标' }).click();
    const refused = goals.locator('[data-indicator="softwareRevenue"] [role="alert"]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      '「运营单位全年软件和信息技术服务业收入」的年度绩效目标900万元低于本年度最低要求1000万元',
    );
    expect(await goal(page, 'softwareRevenue').getAttribute('aria-invalid')).toBe('true');
    await shot(page, '01-goals-refused');
    await goal(page, 'softwareRevenue').fill('1200');
    await goals.getByRole('button', { name: '保存绩效目标' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `${YEAR}年度绩效目标已保存` })
      .waitFor();
    expect(await year.locator('.centre-facts').textContent()).toContain('已设定（运营单位）');

    // 自评: the form of program.json `assessment.form`, the targets and goals already filled in.
    await step(page, /一、基本信息/);
    await type(page, '/centre/name', BRAND);
    await type(page, '/centre/operator', operator);
    await type(page, '/centre/creditCode', demoUscc());
    await type(page, '/centre/recognitionYear', String(YEAR));
    await type(page, '/centre/assessmentYear', String(YEAR));
    await step(page, /二、绩效指标完成情况/);
    expect(await at(page, '/indicators/softwareRevenue/commitment').inputValue()).toBe('1,200');
    expect(await at(page, '/indicators/softwareRevenue/target').inputValue()).toBe('1,000');
    const actual: Record<string, string> = {
      softwareRevenue: '1350',
      localManufacturersServed: '28',
      localTeamSize: '15',
      hallArea: '300',
      matchmakingEvents: '6',
      trainingSessions: '9',
    };
    for (const [id, v] of Object.entries(actual)) await type(page, `/indicators/${id}/actual`, v);
    const functions = page.getByRole('group', { name: '实际具备的功能' });
    for (const label of ['应用案例展示', '产品体验', '人员培训']) await functions.getByLabel(label).check();
    await step(page, /三、自评结论/);
    await radio(page, '/conclusion/result', 'pass');
    await type(page, '/conclusion/summary', '全年服务本地制造业企业28家，举办供需对接活动6场。');
    await type(page, '/conclusion/nextYearPlan', '新增两个行业垂直模型。');
    await step(page, /四、重大调整事项/);
    await radio(page, '/majorChange/occurred', 'false');
    await step(page, /五、真实性承诺/);
    await at(page, '/declaration/agreed').check();
    await type(page, '/declaration/signatory', '李明');
    await type(page, '/declaration/date', '2026-03-16');
    await shot(page, '02-self-assessment');
    await page.getByRole('button', { name: '报送自评' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `${YEAR}年度绩效自评已报送` })
      .waitFor();
    expect(await year.locator('h3').textContent()).toContain('已报送自评，待考核');

    // 自评报告: a Word file whose body names the centre.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      year.getByRole('button', { name: '下载创新中心年度绩效自评报告（Word）' }).click(),
    ]);
    const file = join(SHOTS, 'self-assessment-report.docx');
    await download.saveAs(file);
    const xml = new PizZip(readFileSync(file)).file('word/document.xml')?.asText() ?? '';
    expect(xml.replace(/<[^>]+>/g, '')).toContain(BRAND);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '03-my-centre');

    // 考核 (staff): the comment, the result per indicator and what it calls for.
    const staff = await ctx.browser()?.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    if (!staff) throw new Error('no browser');
    const sp = await staff.newPage();
    sp.on('pageerror', (e) => errors.push(e.message));
    await loginAs(sp, portal, 'staff', `#/p/${P}/staff/centres/${centreId}`);
    const form = sp.getByTestId(`assess-${YEAR}`);
    await form.waitFor();
    // Staff may raise a goal (never lower it, says the server).
    await sp.getByText(`调高${YEAR}年度绩效目标`).click();
    const raise = sp.getByTestId(`goals-${YEAR}`);
    await raise.locator('[data-indicator="localTeamSize"] input').fill('14');
    await raise.getByRole('button', { name: '保存绩效目标' }).click();
    await sp
      .getByRole('status')
      .filter({ hasText: `${YEAR}年度绩效目标已调整` })
      .waitFor();
    expect(await sp.locator(`.centre-year[data-year="${YEAR}"] .centre-facts`).textContent()).toContain(
      '已设定（主管部门）',
    );
    await form.getByLabel('考核意见').fill('各项指标均已完成');
    await accessible(sp, 'centre-assess');
    await form.scrollIntoViewIfNeeded();
    await sp.screenshot({ path: join(SHOTS, '04-staff-assess-form-1366.png') });
    await form.getByRole('button', { name: `考核${YEAR}年度` }).click();
    await sp
      .getByRole('status')
      .filter({ hasText: `${YEAR}年度考核已记录：达标` })
      .waitFor();
    const rows = sp.locator(`[data-testid="indicators-${YEAR}"] tbody tr`);
    expect(await rows.count()).toBe(7);
    expect(
      await sp.locator(`[data-testid="indicators-${YEAR}"] tr[data-indicator="localTeamSize"]`).textContent(),
    ).toContain('14');
    expect(await sp.locator(`[data-testid="indicators-${YEAR}"] tr[data-met="false"]`).count()).toBe(0);
    expect(await sp.locator(`.centre-year[data-year="${YEAR}"]`).textContent()).toContain('各项指标均已完成');
    await shot(sp, '05-staff-assessed');
    await staff.close();

    // The operator sees the result; then reports a change 20 days ahead: 逾期 (30 days are due).
    await page.reload();
    await page.locator(`[data-testid="indicators-${YEAR}"]`).waitFor();
    expect(await year.locator('h3').textContent()).toContain('达标');
    expect(await page.getByTestId(`goals-${YEAR}`).count()).toBe(0);
    const change = page.getByRole('form', { name: '重大事项报告' });
    await change.getByLabel('事项类型').selectOption('更名');
    await change.getByLabel('计划办理日期').fill('2026-04-05');
    await change.getByLabel('情况说明').fill('运营单位拟更名');
    await change.getByRole('button', { name: '提交报告' }).click();
    await page.getByTestId('notice').filter({ hasText: '逾期' }).waitFor();
    const reported = page.locator('[data-testid="changes"] tbody tr');
    expect(await reported.count()).toBe(1);
    expect(await reported.getAttribute('data-late')).toBe('true');
    expect(await reported.textContent()).toContain('逾期');
    await accessible(page, 'my-centre-done');
    await shot(page, '06-change-late');
    await ctx.close();
    expect(errors).toEqual([]);
  }, 300_000);
});
