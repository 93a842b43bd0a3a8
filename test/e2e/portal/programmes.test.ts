/**
 * Programmes come from the server, at run time (issue 12): a portal whose server is given the
 * repository and the third test programme's folder (SHENBAO_PROGRAMS) lists exactly those two on
 * its home page, shows console links to staff only, and opens the third programme's form, where an
 * applicant's field is saved on the server. The portal build is the same as for every other test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_DIR, ROOT, readJson } from '../../support/programs';
import { at, type } from './fill';
import { loginAs, type Portal, startPortal } from './server';

const D = 'design-centre';
const DESIGN = `test/fixtures/programs/schemas/${D}`;
const manifest = readJson<{
  title: string;
  forms: Record<string, { title: string }>;
  targets: { form: string };
}>(`${DESIGN}/program.json`);
const shipped = readJson<{ id: string; title: string }>('schemas/ai-innovation-center/program.json');
const companyName = readJson<{ properties: { company: { properties: { name: { title: string } } } } }>(
  `${DESIGN}/application.schema.json`,
).properties.company.properties.name.title;
const SHOTS = join(ROOT, 'test-output', 'e2e-programmes');
let portal: Portal;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startPortal({
    // A day inside the programme's validity window (program.json: from 2026-07-01).
    now: new Date('2026-09-01T10:00:00+08:00'),
    programs: [ROOT, DESIGN_DIR],
  });
}, 180_000);

afterAll(() => portal?.close());

/** The programme cards of the home page, by id, once the server's list has arrived. */
async function cards(page: Page): Promise<string[]> {
  await page.locator('[data-programme]').first().waitFor();
  return page
    .locator('[data-programme]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-programme') ?? ''));
}

describe('programmes from the server', () => {
  it('the home page lists what the server serves, with console links for staff only', async () => {
    const context = await portal.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(portal.url);
    // The repository's programme and the folder given at run time; not the other test programme.
    expect((await cards(page)).sort()).toEqual([shipped.id, D].sort());
    expect(await page.locator(`[data-programme="${D}"] h2`).textContent()).toBe(manifest.title);
    expect(await page.locator('[data-staff-link]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'home-anonymous.png'), fullPage: true });

    await loginAs(page, portal, 'applicant', '#/');
    expect((await cards(page)).sort()).toEqual([shipped.id, D].sort());
    expect(await page.locator('[data-staff-link]').count()).toBe(0);
    await context.close();

    const staffContext = await portal.browser.newContext({ locale: 'zh-CN' });
    const staff = await staffContext.newPage();
    await loginAs(staff, portal, 'staff', '#/');
    await cards(staff);
    // The demo staff member is staff of every programme: both cards carry the console links.
    for (const id of [shipped.id, D])
      await expect.poll(() => staff.locator(`[data-programme="${id}"] [data-staff-link]`).count()).toBe(2);
    // The console names the programme's targets form by the programme's own title for it.
    await staff
      .locator(`[data-programme="${D}"]`)
      .locator('[data-staff-link]', { hasText: '年度要求' })
      .click();
    await expect
      .poll(() => staff.locator('h1').textContent())
      .toBe(manifest.forms[manifest.targets.form]?.title);
    await staff.screenshot({ path: join(SHOTS, 'design-centre-targets.png'), fullPage: true });
    await staffContext.close();
  }, 90_000);

  it('the third programme, from a folder given at run time, opens: its form renders and a field is saved on the server', async () => {
    const context = await portal.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'applicant', '#/');
    await page.locator(`[data-programme="${D}"]`).getByRole('link', { name: '开始申报' }).click();
    const name = at(page, '/company/name');
    await name.waitFor();
    // The field is labelled with the programme's own title for it.
    expect(await page.getByLabel(companyName).count()).toBeGreaterThan(0);
    await type(page, '/company/name', '示例市星河工业设计有限公司');
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'design-centre-form.png'), fullPage: true });
    await context.close();

    // Another browser (nothing kept locally): the value comes back from the server.
    const again = await portal.browser.newContext({ locale: 'zh-CN' });
    const second = await again.newPage();
    await loginAs(second, portal, 'applicant', `#/p/${D}/apply`);
    await at(second, '/company/name').waitFor();
    await expect.poll(() => at(second, '/company/name').inputValue()).toBe('示例市星河工业设计有限公司');
    await again.close();
    expect(errors).toEqual([]);
  }, 90_000);
});
