import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Helpers that act like a person: type into labelled fields, click options. */
export const at = (page: Page, path: string) => page.locator(`[data-path="${path}"]`).first();

/** What a field shows: an input's value, or the text of a table cell not being edited. */
export function valueAt(page: Page, path: string): Promise<string> {
  return at(page, path).evaluate((el) =>
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
      ? el.value
      : (el.textContent ?? ''),
  );
}

export async function type(page: Page, path: string, text: string): Promise<void> {
  const el = at(page, path);
  await el.click();
  await el.fill(text);
  await el.blur();
}

/** A select: focused first, as a click or Tab does (table selects load their options then). */
export async function choose(page: Page, path: string, value: string): Promise<void> {
  const el = at(page, path);
  await el.focus();
  await el.selectOption(value);
  await el.blur();
}

export async function radio(page: Page, path: string, value: string): Promise<void> {
  await page.locator(`input[data-path="${path}"][value="${value}"]`).check();
}

/** A searchable picker: type part of a name, click the option. */
export async function pick(page: Page, path: string, search: string, option: RegExp): Promise<void> {
  const el = at(page, path);
  await el.click();
  await el.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/** Ticks options of a list cell (a <details> with checkboxes). */
export async function tick(page: Page, path: string, labels: string[]): Promise<void> {
  const cell = page.locator(`details:has(input[data-path="${path}"])`).first();
  await cell.locator('summary').click();
  for (const l of labels) await cell.getByLabel(l, { exact: false }).check();
  await cell.locator('summary').click();
}

export async function addRow(page: Page, arrayPath: string): Promise<void> {
  await page.locator(`[data-add-row="${arrayPath}"]`).click();
}

/**
 * Opens each step of the wizard in turn, by its button in the step bar, and once it is the current
 * step calls `visit`. Returns how many steps there were.
 */
export async function eachStep(page: Page, visit: (index: number) => Promise<unknown>): Promise<number> {
  const count = await page.locator('[data-step]').count();
  for (let i = 0; i < count; i++) {
    await page.locator(`[data-step="${i}"]`).click();
    await expect.poll(() => page.locator('[aria-current="step"]').getAttribute('data-step')).toBe(String(i));
    await visit(i);
  }
  return count;
}

export async function step(page: Page, label: RegExp): Promise<void> {
  await page.locator('[data-step]').filter({ hasText: label }).click();
  await page.locator('#sb-step-title').filter({ hasText: label }).waitFor();
}
