import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, valueAt } from './fill';
import { type Portal, startPortal } from './server';

const P = 'ai-innovation-center';
const CASES = '/capability/cases';
let portal: Portal;

beforeAll(async () => {
  // The shared build carries the benchmark fixture (`?fixture=bench`, kept in this browser, no login).
  portal = await startPortal();
}, 180_000);

afterAll(() => portal?.close());

/** The application with the benchmark's 100 cases, in a fresh context. */
async function openBench(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await portal.browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${portal.url}#/p/${P}/apply?fixture=bench`);
  return { context, page };
}

/** Opens the form of case row `i` (its fields beyond the key columns), as a click on 展开 does. */
async function openRow(page: Page, i: number): Promise<void> {
  const toggle = page.locator(`[data-array-path="${CASES}"] [data-row-toggle="${i}"]`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
}

const clients = (page: Page, n: number): Promise<string[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => valueAt(page, `${CASES}/${i}/client`)));

/** Picks a day in the calendar that the button opened (the native pop-up itself is the browser's). */
async function pickInCalendar(page: Page, iso: string): Promise<void> {
  const picker = page.locator('input[data-sb-picker]');
  await picker.waitFor({ state: 'attached' });
  expect(await picker.getAttribute('type')).toBe('date');
  await picker.evaluate((el, v) => {
    (el as HTMLInputElement).value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, iso);
  await picker.waitFor({ state: 'detached' });
}

type Box = { x: number; y: number; width: number; height: number };

/** A person's drag: press on the row number of row `from`, move over row `to`, release on its upper or lower half. */
async function dragRow(page: Page, from: number, to: number, half: 'upper' | 'lower'): Promise<void> {
  const table = page.locator(`[data-array-path="${CASES}"]`);
  // Both rows in the window: the upper one in its middle (the rows between are a few dozen px each).
  await table
    .locator(`tr[data-row="${Math.min(from, to)}"]`)
    .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  // Rows near the viewport render (content-visibility) and may grow: wait until nothing moves.
  let a: Box | null = null;
  let b: Box | null = null;
  for (let i = 0; i < 50; i++) {
    const a2 = await table.locator(`tr[data-row="${from}"] [data-drag-handle]`).boundingBox();
    const b2 = await table.locator(`tr[data-row="${to}"]`).boundingBox();
    if (a2 && b2 && JSON.stringify([a, b]) === JSON.stringify([a2, b2])) break;
    [a, b] = [a2, b2];
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  if (!a || !b) throw new Error('rows not laid out');
  await page.mouse.move(a.x + 10, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(b.x + 20, b.y + b.height / 2, { steps: 5 });
  await page.mouse.move(b.x + 20, half === 'upper' ? b.y + 6 : b.y + b.height - 6, { steps: 5 });
  await page.mouse.up();
}

describe('表格与日期：拖动排序、日历选择', () => {
  it('a case row dragged by its number lands where the line showed', async () => {
    const { context, page } = await openBench();
    await at(page, `${CASES}/99/client`).waitFor({ state: 'attached' });
    const before = await clients(page, 4);
    const table = page.locator(`[data-array-path="${CASES}"]`);
    expect(await table.locator('tr[data-row="2"] [data-drag-handle]').getAttribute('title')).toBe(
      '拖动可调整顺序',
    );
    // Row 3 dropped on the upper half of row 1: it becomes the first row.
    await dragRow(page, 2, 0, 'upper');
    await expect.poll(() => clients(page, 4)).toEqual([before[2], before[0], before[1], before[3]]);
    // Row 1 dropped on the lower half of row 4: it goes below it.
    await dragRow(page, 0, 3, 'lower');
    await expect.poll(() => clients(page, 4)).toEqual([before[0], before[1], before[3], before[2]]);
    expect(await table.locator('.sb-drop-before, .sb-drop-after, .sb-dragging').count()).toBe(0);
    await context.close();
  }, 180_000);

  it('rows sit in blocks of 25; a row moved into the next block (drag, or ↓ from the keyboard) keeps its data and the focus', async () => {
    const { context, page } = await openBench();
    await at(page, `${CASES}/99/client`).waitFor({ state: 'attached' });
    const table = page.locator(`[data-array-path="${CASES}"] table`);
    // 100 rows: four blocks, each skipped as a whole off screen (content-visibility).
    const blocks = await table.evaluate((t) =>
      Array.from((t as HTMLTableElement).tBodies).map((b) => ({
        rows: b.rows.length,
        visibility: getComputedStyle(b).contentVisibility,
      })),
    );
    expect(blocks).toEqual(Array.from({ length: 4 }, () => ({ rows: 25, visibility: 'auto' })));
    const before = await clients(page, 30);
    // Dragged from the first block to the second: row 24 (index 23) below row 27 (index 26).
    await dragRow(page, 23, 26, 'lower');
    const dragged = [...before];
    dragged.splice(26, 0, ...dragged.splice(23, 1));
    await expect.poll(() => clients(page, 30)).toEqual(dragged);
    expect(await table.locator('.sb-drop-before, .sb-drop-after, .sb-dragging').count()).toBe(0);
    // ↓ on the last row of the first block, from the keyboard, twice: the row is mounted in the next
    // block and its ↓ keeps the focus, so the second Enter moves it again.
    const down = table.locator('tr[data-row="24"] [data-move="down"]');
    await down.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row')))
      .toBe('25');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.move)).toBe(
      'down',
    );
    await page.keyboard.press('Enter');
    const moved = [...dragged];
    moved.splice(26, 0, ...moved.splice(24, 1));
    await expect.poll(() => clients(page, 30)).toEqual(moved);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row')))
      .toBe('26');
    await context.close();
  }, 180_000);

  it('a date is picked from the calendar button, shown as a Chinese date, in a table cell and in a field', async () => {
    const { context, page } = await openBench();
    await openRow(page, 0);
    const cell = at(page, `${CASES}/0/startDate`);
    await cell.waitFor();
    await page.getByRole('button', { name: /^选择日期：第1项 项目开始日期/ }).click();
    await pickInCalendar(page, '2024-06-15');
    await expect.poll(() => valueAt(page, `${CASES}/0/startDate`)).toBe('2024年6月15日');

    // The applicant's founding date, on the first step (a full-width field with its own button).
    await page.locator('[data-step]').first().click();
    const founded = at(page, '/applicant/foundedDate');
    await founded.waitFor();
    await page.getByRole('button', { name: /^选择日期：成立日期/ }).click();
    await pickInCalendar(page, '2019-03-08');
    await expect.poll(() => founded.inputValue()).toBe('2019年3月8日');
    // Dismissing the calendar (a click elsewhere) leaves the value as it was.
    await page.getByRole('button', { name: /^选择日期：成立日期/ }).click();
    await page.locator('input[data-sb-picker]').waitFor({ state: 'attached' });
    await page.locator('#sb-step-title').click();
    await page.locator('input[data-sb-picker]').waitFor({ state: 'detached' });
    expect(await founded.inputValue()).toBe('2019年3月8日');
    await context.close();
  }, 180_000);

  it('a table select holds its chosen option until pressed or focused, then offers them all', async () => {
    const { context, page } = await openBench();
    await openRow(page, 0);
    await openRow(page, 1);
    const town = at(page, `${CASES}/0/clientTown`);
    await town.waitFor();
    const chosen = await town.inputValue();
    expect(chosen).not.toBe('');
    expect(await town.locator('option').count()).toBe(1); // the chosen one alone (请选择 comes with the list)
    // Keyboard: focus, then ArrowDown moves to the next 镇街 in the list.
    await town.focus();
    expect(await town.locator('option').count()).toBeGreaterThan(30);
    await town.press('ArrowDown');
    await expect.poll(() => town.inputValue()).not.toBe(chosen);
    // Pointer: pressing another row's select fills it before its list opens.
    const other = at(page, `${CASES}/1/clientTown`);
    await other.dispatchEvent('pointerdown');
    expect(await other.locator('option').count()).toBeGreaterThan(30);
    expect(await other.inputValue()).not.toBe('');
    await context.close();
  }, 180_000);

  it('a table cell shows its value as text until focused, then edits in place (pointer and Tab)', async () => {
    const { context, page } = await openBench();
    const client = at(page, `${CASES}/5/client`);
    await client.waitFor();
    // Not being edited: a named, focusable text box with the value.
    expect(await client.evaluate((el) => el.tagName)).toBe('DIV');
    expect(await client.getAttribute('role')).toBe('textbox');
    expect(await client.getAttribute('aria-label')).toBe('第6项 客户名称');
    const before = await valueAt(page, `${CASES}/5/client`);
    // Pressed: the real input takes its place and keeps the focus.
    await client.click();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.press('End');
    await page.keyboard.type('乙');
    expect(await at(page, `${CASES}/5/client`).inputValue()).toBe(`${before}乙`);
    // Tab: the next cell comes alive with the focus, its text ready to extend.
    await page.keyboard.press('Tab');
    const code = at(page, `${CASES}/5/clientCreditCode`);
    expect(await code.evaluate((el) => el.tagName)).toBe('INPUT');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path)).toBe(
      `${CASES}/5/clientCreditCode`,
    );
    // The first edit is kept in the store: the draft saved after the pause has it.
    await page.locator('[data-save-state="saved"]').waitFor();
    expect(await valueAt(page, `${CASES}/5/client`)).toBe(`${before}乙`);
    await context.close();
  }, 180_000);
  it('a row added at the end of a long table is focused and scrolled into view, and typing goes into it', async () => {
    const { context, page } = await openBench();
    await at(page, `${CASES}/99/client`).waitFor({ state: 'attached' });
    const table = page.locator(`[data-array-path="${CASES}"]`);
    await table.locator(`[data-add-row="${CASES}"]`).scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    await table.locator(`[data-add-row="${CASES}"]`).click();
    await expect.poll(() => table.locator('.sb-count').textContent()).toContain('共 101 项');
    const first = at(page, `${CASES}/100/client`);
    await expect
      .poll(() => first.evaluate((el) => el === document.activeElement && el.tagName))
      .toBe('INPUT');
    // The whole row in view once the page has stopped moving: rows near the window render after the
    // glide arrives and grow, which once pushed the new row back out below the window (the glide
    // marks the root while it moves or holds the row). Typing would hide that: the browser scrolls
    // to the caret.
    const row = table.locator('tr[data-row="100"]');
    await expect
      .poll(
        () =>
          row.evaluate((el) => {
            const r = el.getBoundingClientRect();
            const settled = !document.documentElement.hasAttribute('data-sb-revealing');
            return settled && r.top >= 0 && r.bottom <= window.innerHeight;
          }),
        { timeout: 20_000 },
      )
      .toBe(true);
    // The page travelled down a hundred rows to the new one. How smoothly it glides (frames,
    // no single jump) is measured by the browser benchmark, not asserted under a shared CPU.
    expect((await page.evaluate(() => window.scrollY)) - before).toBeGreaterThan(2000);
    await page.keyboard.type('东莞市新增客户有限公司');
    expect(await valueAt(page, `${CASES}/100/client`)).toBe('东莞市新增客户有限公司');
    await context.close();
  });
});
