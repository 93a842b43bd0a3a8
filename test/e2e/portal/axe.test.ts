import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, ROOT } from '../../support/programs';
import { type AttachmentEntry, apiOf, uploadAttachments } from './api';
import { at, eachStep } from './fill';
import { loginAs, type Portal, startPortal } from './server';

// Issue 11 item 8: axe finds no violation of any impact (not only serious ones) on every step of
// the application, the review page and the staff pages.
const P = 'ai-innovation-center';
let portal: Portal;
let context: BrowserContext;
let page: Page;
const found: string[] = [];
const SHOTS = join(ROOT, '.tmp', 'axe');

beforeAll(async () => {
  portal = await startPortal();
  context = await portal.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
}, 300_000);

afterAll(async () => {
  await context?.close();
  await portal?.close();
});

/** Every axe violation on the page, whatever its impact, as `where: rule (impact) → targets`. */
async function sweep(p: Page, where: string): Promise<string[]> {
  const r = await new AxeBuilder({ page: p }).analyze();
  const out = r.violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) → ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
  found.push(...out);
  await p.screenshot({ path: join(SHOTS, `${where.replace(/\s+/g, '-')}.png`), fullPage: true });
  return out;
}

/** The demo applicant's 2026 application with the example data and its attachments, submitted. */
async function submitExample(ctx: BrowserContext): Promise<string> {
  const call = await apiOf(portal, ctx);
  const me = (await (await ctx.request.get(`${portal.url}api/auth/me`)).json()) as {
    org: { uscc: string; name: string };
  };
  const list = await call<{ items: { id: string }[] }>('GET', `/api/applications?programId=${P}&year=2026`);
  const id = list.items[0]?.id as string;
  const current = await call<{ version: number }>('GET', `/api/applications/${id}`);
  const data = example<{
    applicant: { name: string; creditCode: string };
    attachments: AttachmentEntry[];
  }>('application.json');
  data.applicant.name = me.org.name;
  data.applicant.creditCode = me.org.uscc;
  await uploadAttachments(portal, ctx, { programId: P, form: 'application' }, data.attachments, 'axe');
  const saved = await call<{ version: number }>('PUT', `/api/applications/${id}`, {
    data,
    version: current.version,
  });
  await call('POST', `/api/applications/${id}/submit`, { version: saved.version });
  return id;
}

describe('无障碍：所有页面无任何级别的 axe 问题', () => {
  it('every step of the application and the review page', async () => {
    await loginAs(page, portal, 'applicant', `#/p/${P}/apply?year=2026`);
    await at(page, '/applicant/name').waitFor();
    expect(await eachStep(page, (i) => sweep(page, `step ${i + 1}`))).toBeGreaterThan(1);
    await page.goto(`${portal.url}#/p/${P}/review?year=2026`);
    await page.locator('.review, main').first().waitFor();
    await page.getByText('正在加载').waitFor({ state: 'detached' });
    await sweep(page, 'review');
  }, 300_000);

  it('the staff pages: list, application, targets, notices, centres, dashboard; the filled application', async () => {
    await page.goto(`${portal.url}#/mine`);
    const id = await submitExample(context);
    // The submitted application, every step with its tables filled (read-only now).
    await page.goto(`${portal.url}#/p/${P}/apply?year=2026`);
    await page.locator('.form-page[data-readonly="true"]').waitFor();
    expect(await eachStep(page, (i) => sweep(page, `filled step ${i + 1}`))).toBeGreaterThan(1);
    const staffContext = await portal.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const staff = await staffContext.newPage();
    await loginAs(staff, portal, 'staff', `#/p/${P}/staff/applications`);
    await staff.locator('[data-testid="staff-list"] tbody tr').first().waitFor();
    await sweep(staff, 'staff list');
    await staff.goto(`${portal.url}#/p/${P}/staff/applications/${id}`);
    await staff.getByTestId('current-state').waitFor();
    await sweep(staff, 'staff application');
    await staff.goto(`${portal.url}#/p/${P}/staff/targets?year=2026`);
    await at(staff, '/commitments/softwareRevenue/minimum').waitFor();
    await sweep(staff, 'targets');
    await staff.goto(`${portal.url}#/p/${P}/staff/notices`);
    await staff.getByRole('heading', { name: '公示与公告', level: 1 }).waitFor();
    await sweep(staff, 'notices');
    await staff.goto(`${portal.url}#/p/${P}/staff/centres`);
    await staff.getByRole('heading', { name: '创新中心', level: 1 }).waitFor();
    await sweep(staff, 'centres');
    await staff.goto(`${portal.url}#/p/${P}/staff/dashboard`);
    await staff.getByTestId('dashboard').waitFor({ timeout: 120_000 });
    await sweep(staff, 'dashboard');
    await staffContext.close();
  }, 300_000);

  it('found nothing, of any impact', () => {
    expect(found).toEqual([]);
  });
});
