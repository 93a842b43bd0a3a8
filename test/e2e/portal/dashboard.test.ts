/**
 * The bureau's dashboard (统计, issue 10 item 6) in the browser: applications seeded in several
 * states and 镇街 with reviewers' scores and one centre's assessment; staff open 统计, every chart
 * is drawn on its canvas, and the tables behind the charts give the numbers (states titled by the
 * programme, towns by name, scores aggregated by the programme's rule, the assessment per
 * indicator). Another year shows the empty states. Records are put into the store directly: the
 * procedure has its own tests. Screenshots at 1366×900 go to .tmp/dashboard-e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createOrganization,
  createUser,
  recordAssessment,
  recordTransition,
  saveReview,
  setApplicationState,
  submitSelfAssessment,
} from '../../../packages/store/src/index';
import { ROOT } from '../../support/programs';
import { loginAs, type Portal, startPortal } from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'dashboard-e2e');
const DESKTOP = { width: 1366, height: 900 };

/** 东城街道, 南城街道, 万江街道 (codes of the programme's reference data). */
const SPECS = [
  { state: 'submitted', town: '441900003' },
  { state: 'submitted', town: '441900004' },
  { state: 'consultation', town: '441900003' },
  { state: 'review', town: '441900005', scores: [70, 82, 90] }, // trimmed mean 82
  { state: 'review', town: '441900003', scores: [75, 88, 96] }, // 88
  { state: 'recognised', town: '441900003', scores: [80, 91, 93] }, // 91
] as const;

let portal: Portal;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startPortal();
  const db = portal.server.db;
  const reviewers: string[] = [];
  for (let r = 0; r < 3; r++) {
    const u = await createUser(db, {
      login: `dash-reviewer-${r}`,
      name: `评审专家${r + 1}`,
      role: 'reviewer',
      programs: [P],
      password: 'Passw0rd-Dash',
    });
    if (!u.ok) throw new Error('reviewer not created');
    reviewers.push(u.value.id);
  }
  for (const [i, spec] of SPECS.entries()) {
    const name = `东莞市统计${i + 1}号智能科技有限公司`;
    const org = await createOrganization(db, {
      uscc: `91441900DASH${String(i).padStart(5, '0')}X`,
      name,
      contact: '张三',
      mobile: '13800138000',
    });
    if (!org.ok) throw new Error('organisation not created');
    const created = await createApplication(db, {
      programId: P,
      form: 'application',
      year: 2026,
      orgId: org.value.id,
      data: { applicant: { name, registeredTown: spec.town } },
      title: name,
      town: spec.town,
      userId: null,
    });
    if (!created.ok) throw new Error('application not created');
    const id = created.value.id;
    const moved = await setApplicationState(db, {
      id,
      version: created.value.version,
      state: spec.state,
      receiptNo: `DGAI-2026-${String(i + 1).padStart(4, '0')}`,
      submittedAt: `2026-03-13T0${i}:00:00.000Z`,
      userId: null,
    });
    if (!moved?.ok) throw new Error('state not set');
    const scores: readonly number[] = 'scores' in spec ? spec.scores : [];
    for (const [r, score] of scores.entries())
      await saveReview(db, { applicationId: id, reviewerId: reviewers[r] as string, data: {}, score });
    if (spec.state === 'recognised') {
      await recordTransition(db, {
        applicationId: id,
        transition: 'recognise',
        from: 'approval',
        to: 'recognised',
        actorId: null,
        actorRole: 'bureau',
        record: { brand: '统计AI创新中心', operator: name, date: '2026-10-20' },
      });
      await submitSelfAssessment(db, { applicationId: id, year: 2026, data: {}, userId: null });
      await recordAssessment(db, {
        applicationId: id,
        year: 2026,
        assessment: {
          article: '第十二条',
          passed: true,
          indicators: [
            { id: 'softwareRevenue', bar: 1000, actual: 1250, met: true },
            { id: 'localTeamSize', bar: 20, actual: 18, met: false },
          ],
        },
        passed: true,
        consequence: null,
        userId: null,
      });
    }
  }
}, 300_000);

afterAll(() => portal?.close());

/** The rows of a figure's data table as [label, …cells] (read from the DOM, open or not). */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page
    .getByTestId(`table-${id}`)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
    );
}

describe('统计', () => {
  it('staff open 统计: each chart is drawn and its table gives the year’s numbers', async () => {
    const errors: string[] = [];
    const ctx = await portal.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'staff', `#/p/${P}/staff/dashboard?year=2026`);
    await page.getByTestId('dashboard').waitFor();
    for (const id of ['states', 'towns', 'scores', 'results', 'indicators']) {
      const chart = page.getByTestId(`chart-${id}`);
      await chart.and(page.locator('[data-rendered="true"]')).waitFor();
      expect(await chart.locator('canvas').count(), id).toBeGreaterThan(0);
    }
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).allTextContents())
      .toEqual([
        '2026年度申报：按办理状态',
        '2026年度申报：按镇街',
        '2026年度评审综合得分分布',
        '2026年度考核结果',
        '2026年度考核指标：目标与实际完成',
      ]);
    expect(await page.getByTestId('dashboard-summary').textContent()).toContain('2026年度已提交申报 6 件');

    const states = await tableRows(page, 'states');
    expect(states.filter((r) => r[1] !== '0')).toEqual([
      ['待形式审查', '2'],
      ['征求意见', '1'],
      ['评审', '2'],
      ['已认定', '1'],
    ]);
    expect(await tableRows(page, 'towns')).toEqual([
      ['东城街道', '4'],
      ['南城街道', '1'],
      ['万江街道', '1'],
    ]);
    expect(await tableRows(page, 'scores')).toEqual([
      ['80–90', '2'],
      ['90–100', '1'],
    ]);
    const results = await tableRows(page, 'results');
    expect(results.find((r) => r[0] === '达标')).toEqual(['达标', '1']);
    const indicators = await tableRows(page, 'indicators');
    expect(indicators.find((r) => r[0]?.startsWith('运营单位全年软件'))).toEqual([
      '运营单位全年软件和信息技术服务业收入',
      '1',
      '1',
      '1,000 万元',
      '1,250 万元',
      '125%',
    ]);
    expect(indicators.find((r) => r[0] === '本地服务团队人数')).toEqual([
      '本地服务团队人数',
      '1',
      '0',
      '20 人',
      '18 人',
      '90%',
    ]);

    // A table opens for a sighted user too.
    await page.getByTestId('figure-towns').getByText('查看数据表').click();
    await page.getByTestId('table-towns').waitFor({ state: 'visible' });
    const axe = await new AxeBuilder({ page }).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id} ${v.help} → ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'dashboard-1366.png') });
    await page.screenshot({ path: join(SHOTS, 'dashboard-1366-full.png'), fullPage: true });

    // Another year: nothing yet, said in words.
    await page.getByTestId('dashboard-year').selectOption('2027');
    await page.waitForURL((u) => u.hash.endsWith('year=2027'));
    await page.getByTestId('empty-states').waitFor();
    expect(await page.getByTestId('empty-states').textContent()).toBe('2027年度尚无已提交的申报。');
    expect(await page.getByTestId('empty-scores').textContent()).toBe('2027年度尚无评审综合得分。');
    expect(await page.getByTestId('empty-indicators').textContent()).toBe('2027年度尚无考核结果。');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});
