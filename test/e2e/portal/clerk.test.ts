import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, eachStep, step, type } from './fill';
import { loginAs, type Portal, startPortal } from './server';

// Issue 11 items 4, 7 and 8: what a clerk trips over while filling the application.
const P = 'ai-innovation-center';
let portal: Portal;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  portal = await startPortal();
  context = await portal.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  await loginAs(page, portal, 'applicant', `#/p/${P}/apply`);
  await at(page, '/applicant/name').waitFor();
}, 300_000);

afterAll(async () => {
  await context?.close();
  await portal?.close();
});

/** The text shown under a field (its helper or error line). */
function fieldText(path: string): Promise<string> {
  return page
    .locator(`.MuiFormControl-root:has([data-path="${path}"])`)
    .first()
    .textContent()
    .then((t) => t ?? '')
    .catch(() => '');
}

describe('镇街选择：键入的文字不丢失', () => {
  it('takes the single match when the field is left without clicking it', async () => {
    const el = at(page, '/applicant/registeredTown');
    await el.click();
    await el.fill('松山湖');
    await page
      .getByRole('option', { name: /松山湖/ })
      .first()
      .waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => el.inputValue()).toContain('松山湖');
    await expect.poll(() => el.getAttribute('aria-invalid')).toBe('false');
    expect(await fieldText('/applicant/registeredTown')).not.toContain('必填');
  });

  it('keeps ambiguous text and says it matches several', async () => {
    const el = at(page, '/applicant/operatingTown');
    await el.click();
    await el.fill('石');
    await page
      .getByRole('option', { name: /石碣镇/ })
      .first()
      .waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => fieldText('/applicant/operatingTown')).toMatch(/匹配.*项/);
    expect(await el.inputValue()).toBe('石');
  });
});

describe('提示不误导', () => {
  it('says nothing of a committed hall before the hall status is chosen', async () => {
    await page.getByTestId('eligibility-summary').waitFor();
    expect(await page.getByText('展厅为承诺建设').count()).toBe(0);
  });

  it('explains a bad date the way the field is written (年月日), not YYYY-MM-DD', async () => {
    await type(page, '/applicant/foundedDate', '2018年13月1日');
    await expect.poll(() => at(page, '/applicant/foundedDate').getAttribute('aria-invalid')).toBe('true');
    const text = await fieldText('/applicant/foundedDate');
    expect(text).not.toContain('YYYY');
    expect(text).toContain('年');
  });

  it('refuses a founding date after today', async () => {
    await type(page, '/applicant/foundedDate', '2030年1月1日');
    await expect.poll(() => at(page, '/applicant/foundedDate').getAttribute('aria-invalid')).toBe('true');
    expect(await fieldText('/applicant/foundedDate')).toContain('晚于');
    await type(page, '/applicant/foundedDate', '2018年6月15日');
    await expect.poll(() => at(page, '/applicant/foundedDate').getAttribute('aria-invalid')).toBe('false');
  });
});

describe('说人话：不用技术术语', () => {
  it('no step, the toolbar or the panel shows SHA-256, a MIME type or JSON', async () => {
    const steps = await eachStep(page, async (i) => {
      // biome-ignore lint/performance/useDomNodeTextContent: the text the page shows, not hidden text
      const text = await page.evaluate(() => document.body.innerText);
      expect(text.match(/SHA-?256|application\/\w+|JSON/gi) ?? [], `step ${i + 1}`).toEqual([]);
    });
    expect(steps).toBeGreaterThan(0);
  });
});

describe('无障碍：地标与按钮', () => {
  it('has no duplicate banner, no unnamed twin landmark and no label acting as a button on any step', async () => {
    const found: string[] = [];
    const steps = await eachStep(page, async (i) => {
      const r = await new AxeBuilder({ page }).analyze();
      for (const v of r.violations)
        if (
          v.id === 'landmark-no-duplicate-banner' ||
          v.id === 'landmark-unique' ||
          v.nodes.some((n) => n.html.startsWith('<label') && n.html.includes('role="button"'))
        )
          found.push(
            `step ${i + 1}: ${v.id} (${v.impact}) → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
    });
    expect(steps).toBeGreaterThan(1);
    expect(found).toEqual([]);
  }, 300_000);
});

describe('保存状态变化时，工具栏的按钮不重新渲染', () => {
  it('typing and saving change the save state only: the draft buttons and the hidden file input are not touched', async () => {
    // React re-rendering the toolbar set the hidden file input's type and name again on every change of
    // the save state (a layout of the page each time: a long task at the first keystroke on a slow machine).
    await page.evaluate(() => {
      const toolbar = document.querySelector('.toolbar') as HTMLElement;
      const w = window as unknown as { toolbarMutations: string[]; saveStates: string[] };
      w.toolbarMutations = [];
      w.saveStates = [];
      new MutationObserver((records) => {
        for (const r of records)
          if (r.type === 'attributes' && r.attributeName === 'data-save-state')
            w.saveStates.push((r.target as Element).getAttribute('data-save-state') ?? '');
          else if (
            !(r.target as Element).closest?.('.save-state') &&
            !r.target.parentElement?.closest('.save-state')
          )
            w.toolbarMutations.push(
              `${r.type} ${(r.target as Element).tagName ?? '#text'} ${r.attributeName ?? ''}`,
            );
      }).observe(toolbar, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    await step(page, /申报单位基本情况/);
    await at(page, '/applicant/contact/name').click();
    await page.keyboard.type('张三');
    // The save state moves (unsaved → saving → saved: every change recorded by the observer, however
    // quick) while the rest of the toolbar stays as it was.
    const states = () => page.evaluate(() => (window as unknown as { saveStates: string[] }).saveStates);
    await expect.poll(async () => (await states()).slice(-1)[0], { timeout: 15_000 }).toBe('saved');
    expect((await states()).length).toBeGreaterThan(1);
    expect(
      await page.evaluate(() => (window as unknown as { toolbarMutations: string[] }).toolbarMutations),
    ).toEqual([]);
  });
});
