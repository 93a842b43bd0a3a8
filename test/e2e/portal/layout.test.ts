import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/programs';
import { at, choose, eachStep, step, type, valueAt } from './fill';
import { type Portal, registerEnterprise, startPortal } from './server';

const P = 'ai-innovation-center';
const SHOTS = join(ROOT, '.tmp', 'layout');
const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];
let portal: Portal;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The shared build carries the benchmark fixture (100 success cases, 20 support units).
  portal = await startPortal();
}, 300_000);

afterAll(() => portal?.close());

async function openBench(size: Size): Promise<{ context: BrowserContext; page: Page }> {
  const context = await portal.browser.newContext({
    viewport: { width: size.width, height: size.height },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${portal.url}#/p/${P}/apply?fixture=bench`);
  await page.locator('#sb-step-title').waitFor();
  return { context, page };
}

/** What sticks out sideways on the current step: the page, any table, any element (the step bar scrolls on its own). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const wide: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.content *'))) {
      if (el.closest('.sb-stepper, .sb-sr, .sr-only')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > vw + 1 || r.left < -1)
        wide.push(`${el.tagName}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    const tables = Array.from(document.querySelectorAll<HTMLElement>('.sb-table-wrap'))
      .filter((w) => w.scrollWidth > w.clientWidth)
      .map(
        (w) =>
          `${w.closest('[data-array-path]')?.getAttribute('data-array-path')}: ${w.scrollWidth} > ${w.clientWidth}`,
      );
    return {
      page: (document.scrollingElement?.scrollWidth ?? 0) - vw,
      tables,
      wide: wide.slice(0, 5),
    };
  });
}

/** Each step of the bar: brought into view within the bar, wholly inside the window, its label readable (several characters a line). */
function stepBar(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const buttons = Array.from(document.querySelectorAll<HTMLElement>('[data-step]'));
    for (const b of buttons) {
      b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = b.getBoundingClientRect();
      if (r.left < -1 || r.right > window.innerWidth + 1)
        problems.push(`step ${b.dataset.step} outside the window`);
      const label = b.querySelector<HTMLElement>('.sb-steps-label');
      if (!label) continue;
      const size = Number.parseFloat(getComputedStyle(label).fontSize);
      if (label.getBoundingClientRect().width < 4 * size)
        problems.push(
          `step ${b.dataset.step} label ${Math.round(label.getBoundingClientRect().width)}px wide`,
        );
    }
    return { count: buttons.length, problems };
  });
}

describe('第 1、2 项：每个步骤在 1366×900 和 390×844 下都不横向溢出', () => {
  for (const size of SIZES)
    it(`${size.name} ${size.width}×${size.height}: no step wider than the window, every step reachable, the verdict in view`, async () => {
      const { context, page } = await openBench(size);
      const steps = await eachStep(page, async (i) => {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SHOTS, `${size.name}-${i + 1}.png`) });
        // Beside the form (1366 px) the bar shows all eight steps at once; on a phone it scrolls.
        if (size.name === 'desktop')
          expect(
            await page.locator('.sb-stepper').evaluate((nav) => {
              const r = nav.getBoundingClientRect();
              return Array.from(nav.querySelectorAll('[data-step]')).every((b) => {
                const s = b.getBoundingClientRect();
                return s.left >= r.left - 1 && s.right <= r.right + 1;
              });
            }),
          ).toBe(true);
        const bar = await stepBar(page);
        expect(bar.problems).toEqual([]);
        await page.evaluate(() => window.scrollTo(0, 0));
        expect(await overflow(page)).toEqual({ page: 0, tables: [], wide: [] });
        // The eligibility verdict is in the window without scrolling to the end of the form.
        const verdict = page.getByTestId(size.name === 'phone' ? 'eligibility-bar' : 'eligibility-summary');
        const box = await verdict.boundingBox();
        expect(box && box.y >= 0 && box.y + box.height <= size.height).toBe(true);
        expect(await verdict.textContent()).toMatch(/满足/);
      });
      expect(steps).toBe(8);
      // The bar opens the panel (phone).
      if (size.name === 'phone') {
        await page.getByTestId('eligibility-bar').click();
        await expect
          .poll(() => page.locator('aside.eligibility').evaluate((el) => el === document.activeElement))
          .toBe(true);
      }
      await context.close();
    }, 120_000);
});

type Row = Record<string, unknown>;
const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'application.json'), 'utf8')) as Row;

/** Every table of the example application with its first row, as field pointers and values. */
function exampleTables(): { array: string; fields: [string, unknown][] }[] {
  const out: { array: string; fields: [string, unknown][] }[] = [];
  const flat = (row: Row, base: string): [string, unknown][] =>
    Object.entries(row).flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? flat(v as Row, `${base}/${k}`)
        : [[`${base}/${k}`, v]],
    );
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      const first = node[0];
      if (first && typeof first === 'object' && path !== '/attachments')
        out.push({ array: path, fields: flat(first as Row, '') });
      return;
    }
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`);
  };
  walk(example, '');
  return out;
}

describe('第 1 项：表格每一行的每个字段都能在行内表单中填写，无需横向滚动', () => {
  for (const size of SIZES)
    it(`${size.name}: a new row of every table of the example application is filled field by field`, async () => {
      const { context, page } = await openBench(size);
      const tables = exampleTables();
      expect(tables.map((t) => t.array)).toEqual(
        expect.arrayContaining(['/team/members', '/capability/cases', '/ecosystem/supportUnits']),
      );
      for (const { array, fields } of tables) {
        // The step that holds the table.
        for (let i = 0; (await page.locator(`[data-add-row="${array}"]`).count()) === 0; i++) {
          await page.locator(`[data-step="${i}"]`).click();
          await expect
            .poll(() => page.locator('[aria-current="step"]').getAttribute('data-step'))
            .toBe(String(i));
        }
        const n = await page.locator(`[data-array-path="${array}"] tr[data-row]`).count();
        await page.locator(`[data-add-row="${array}"]`).click();
        const row = `${array}/${n}`;
        await at(page, `${row}${fields[0]?.[0]}`).waitFor();
        for (const [key, value] of fields) {
          const path = `${row}${key}`;
          if (Array.isArray(value)) {
            const cell = page.locator(`details:has(input[data-path="${path}"])`).first();
            await cell.locator('summary').click();
            await cell.locator('input[type=checkbox]').first().check();
            await cell.locator('summary').click();
            await expect.poll(() => cell.locator('summary').textContent()).toContain('已选 1 项');
          } else if ((await at(page, path).evaluate((el) => el.tagName)) === 'SELECT') {
            await choose(page, path, String(value));
            expect(await valueAt(page, path)).toBe(String(value));
          } else {
            await type(page, path, String(value));
            expect(await valueAt(page, path)).not.toBe('');
          }
          // Reached without moving the page sideways; the field wholly inside the window.
          const box = await at(page, path).boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= size.width, `${path} in the window`).toBe(true);
          expect(await page.evaluate(() => window.scrollX)).toBe(0);
        }
        expect(await overflow(page)).toEqual({ page: 0, tables: [], wide: [] });
        await page.screenshot({ path: join(SHOTS, `${size.name}-row${array.replaceAll('/', '-')}.png`) });
      }
      await context.close();
    }, 240_000);
});

describe('第 1 项：行的表单用键盘打开和关闭', () => {
  it('Enter on a row opens its form with the focus in its first field; Esc closes it and gives the focus back', async () => {
    const { context, page } = await openBench(SIZES[0]);
    const toggle = page.locator('[data-array-path="/capability/cases"] [data-row-toggle="4"]');
    await toggle.focus();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path);
    await expect.poll(focused).toMatch(/^\/capability\/cases\/4\//);
    // The row's fields are a form of their own (Chromium's autofill then reads only them on each
    // keystroke into its textarea, not the controls of every row), which Enter never submits.
    const owner = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return { own: el?.form?.closest('[data-row="4"]') != null, controls: el?.form?.elements.length ?? 0 };
      });
    const { own, controls } = await owner();
    expect(own).toBe(true);
    expect(controls).toBeLessThan(20);
    // So is every field of the compact rows: none shares a form with the other rows' fields.
    const { fields, shared } = await page.evaluate(() => {
      const all = Array.from(
        document.querySelectorAll<HTMLSelectElement>('.sb-row select, .sb-row input, .sb-row textarea'),
      );
      return {
        fields: all.length,
        shared: all.filter((el) => !el.form || el.form.elements.length > 20).length,
      };
    });
    expect(fields).toBeGreaterThan(0);
    expect(shared).toBe(0);
    // Enter in a one-line field of it changes nothing (no submission, no reload).
    const url = page.url();
    const first = await focused();
    const input = page.locator('[data-row="4"] form .sb-static:not(.sb-static-long)').first();
    await input.click();
    const inputPath = await focused();
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(url);
    await expect.poll(focused).toBe(inputPath);
    await page.locator(`[data-path="${first}"]`).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  }, 180_000);
});

describe('第 3 项：选完团队表格最后一个下拉框后，“下一步”一次生效', () => {
  it('the first press of 下一步 after choosing in the last dropdown of the team table moves to the next step', async () => {
    const context = await portal.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await registerEnterprise(page, portal, {
      uscc: '91441900MA5H7K2Q4P',
      orgName: '东莞智造云图人工智能科技有限公司',
      contact: '李晓敏',
      mobile: '13802456789',
      password: 'zzyt2026ai',
    });
    await page.goto(`${portal.url}#/p/${P}/apply`);
    await at(page, '/applicant/name').waitFor();
    await step(page, /运营团队/);
    for (const [i, name] of ['王海峰', '刘佳', '张伟'].entries()) {
      await page.locator('[data-add-row="/team/members"]').click();
      await type(page, `/team/members/${i}/name`, name);
      await type(page, `/team/members/${i}/role`, '工程师');
      await choose(page, `/team/members/${i}/education`, '本科');
      await type(page, `/team/members/${i}/contractStart`, '2022-03-01');
      const last = at(page, `/team/members/${i}/localSocialInsurance`);
      await last.click();
      await last.selectOption('true');
    }
    // A person aims at the button and presses it while the select still has the focus: the press
    // blurs the select, and nothing may move the button from under the pointer before the release.
    const next = page.getByRole('button', { name: '下一步' });
    await next.scrollIntoViewIfNeeded();
    const box = await next.boundingBox();
    if (!box) throw new Error('下一步 not laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => page.locator('#sb-step-title').textContent()).toMatch(/体验展厅/);
    await context.close();
  }, 90_000);
});
