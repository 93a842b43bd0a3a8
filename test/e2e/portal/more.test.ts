/**
 * The portal's safety nets, as an applicant meets them in the browser: the warning when the
 * same draft is open in two tabs, the 展厅建设承诺书 offered only for a committed hall, and
 * the panel keeping fields that an older draft has but the current form no longer has.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, ROOT } from '../../support/programs';
import { docxText } from './docx';
import { at, radio, step, type } from './fill';
import { type Portal, startPortal } from './server';

const P = 'ai-innovation-center';
const COMPANY = '东莞智造云图人工智能科技有限公司';
const LETTER = '人工智能赋能业务体验展厅建设承诺书';
let portal: Portal;
const work = mkdtempSync(join(tmpdir(), 'shenbao-portal-more-'));

// A build of its own: portal.test.ts may be emptying apps/web/dist at the same time.
beforeAll(async () => {
  portal = await startPortal(join(work, 'dist'));
}, 180_000);

afterAll(() => portal?.close());

async function newContext(): Promise<BrowserContext> {
  return portal.browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
}

/** Opens the application form and waits until it is rendered; the page's script errors go to `errors`. */
async function openApply(page: Page, errors: string[]): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${portal.url}#/p/${P}/apply`);
  await at(page, '/applicant/name').waitFor();
}

/** Imports a draft file as an applicant does: the 导入草稿 button, then the file chooser. */
async function importDraft(page: Page, file: string, name: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByText('导入草稿', { exact: true }).click(),
  ]);
  await chooser.setFiles(file);
  await page.getByText(`已导入“${name}”`).waitFor();
}

/** The draft has reached IndexedDB (the toolbar says 已保存于 hh:mm:ss). */
async function saved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor();
  expect(await page.locator('[data-save-state]').textContent()).toMatch(/已保存于 \d\d:\d\d:\d\d/);
}

describe('两个标签页同时编辑同一草稿', () => {
  it('both tabs warn; a save in one is reported in the other', async () => {
    const context = await newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    const errors: string[] = [];
    await openApply(a, errors);
    await openApply(b, errors);
    const open = '此草稿已在另一个浏览器标签页中打开。两处同时修改会相互覆盖，请只在一个标签页中填写。';
    for (const p of [a, b]) await p.getByTestId('other-tab').getByText(open).waitFor();

    await type(a, '/applicant/name', COMPANY);
    await saved(a);
    await b
      .getByTestId('other-tab')
      .getByText('此草稿刚在另一个标签页中被保存。为免覆盖，请关闭其中一个标签页后刷新。')
      .waitFor();
    // The tab that saved is not told about its own save.
    expect(await a.getByTestId('other-tab').textContent()).toBe(open);

    // What tab A saved is what tab B shows after the reload the warning asks for.
    await b.reload();
    await at(b, '/applicant/name').waitFor();
    expect(await at(b, '/applicant/name').inputValue()).toBe(COMPANY);
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);
});

describe('展厅建设承诺书（第八条（三））', () => {
  it('is offered for a committed hall only, and downloads as a Word file LibreOffice reads', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    await openApply(page, errors);
    const letter = page.locator('[data-document="hall-commitment"]');
    const book = page.locator('[data-document="application-book"]');

    // Hall already built: the 申请书 is offered, the 承诺书 is not (checked after a reload,
    // when the list of documents is computed from the saved draft on first render).
    await importDraft(page, join(ROOT, 'examples', 'application.json'), 'application.json');
    expect(await at(page, '/applicant/name').inputValue()).toBe(COMPANY);
    await saved(page);
    await page.reload();
    await at(page, '/applicant/name').waitFor();
    expect(await at(page, '/applicant/name').inputValue()).toBe(COMPANY);
    expect(await book.textContent()).toBe('下载东莞市人工智能应用创新中心认定申请书');
    expect(await letter.count()).toBe(0);

    // Hall committed, not yet built: the 承诺书 appears.
    await importDraft(
      page,
      join(ROOT, 'examples', 'application-hall-committed.json'),
      'application-hall-committed.json',
    );
    await letter.waitFor();
    expect(await letter.textContent()).toBe(`下载${LETTER}`);
    const [download] = await Promise.all([page.waitForEvent('download'), letter.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${LETTER}(（草稿）)?\\.docx$`));
    const docx = join(work, 'hall-commitment.docx');
    await download.saveAs(docx);
    const text = docxText(docx);
    expect(text).toContain(LETTER);
    expect(text).toContain(`我单位${COMPANY}`);
    expect(text).toContain('91441900MA5H7K2Q4P');
    expect(text).toContain('不少于300平方米'); // the committed hall's area, not the built one's 360

    // Switching the hall to 已建成 by hand takes the 承诺书 away again.
    await step(page, /体验展厅/);
    await radio(page, '/hall/status', 'built');
    await letter.waitFor({ state: 'detached' });
    expect(await book.count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);
});

describe('表单版本更新后的草稿', () => {
  it('fields the form no longer has are listed aside, exported, and can be discarded', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    await openApply(page, errors);

    // A draft exported by an older form version, with two fields that version still had.
    const data = example<{ applicant: Record<string, unknown>; hall: Record<string, unknown> }>(
      'application.json',
    );
    data.applicant.formerName = '东莞云图智能科技有限公司';
    data.hall.exhibitCount = 12;
    const file = join(work, '旧版草稿.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'shenbao-draft',
        key: `${P}/application`,
        programId: P,
        form: 'application',
        year: 2026,
        schemaVersion: '2025.1',
        data,
        aside: [],
        step: 0,
        savedAt: '2025-12-01T08:00:00.000Z',
      }),
    );
    await importDraft(page, file, '旧版草稿.json');

    const panel = page.getByTestId('aside');
    await panel.waitFor();
    expect(await panel.locator('strong').textContent()).toBe(
      '表单已更新，以下 2 项内容在新版表单中已没有对应栏目，已单独保留：',
    );
    const former = panel.locator('li').filter({ hasText: '/applicant/formerName' });
    expect(await former.textContent()).toBe(
      '/applicant/formerName（来自 2025.1）：东莞云图智能科技有限公司 不再需要，移除',
    );
    expect(await panel.locator('li').filter({ hasText: '/hall/exhibitCount' }).textContent()).toBe(
      '/hall/exhibitCount（来自 2025.1）：12 不再需要，移除',
    );
    expect(await panel.textContent()).toContain('导出草稿时这些内容会一并导出。');

    // The rest of the draft is in the form.
    expect(await at(page, '/applicant/name').inputValue()).toBe(COMPANY);
    expect(await at(page, '/applicant/legalRepresentative').inputValue()).toBe('陈志远');
    await step(page, /体验展厅/);
    expect(await at(page, '/hall/address').inputValue()).toBe('东莞市松山湖园区科技十路2号研发楼B座1层');

    // The export carries the current version and the fields kept aside.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出草稿' }).click(),
    ]);
    const exported = join(work, 'exported.json');
    await download.saveAs(exported);
    const draft = JSON.parse(readFileSync(exported, 'utf8')) as {
      schemaVersion: string;
      aside: { path: string; value: unknown; fromVersion: string }[];
      data: { applicant: Record<string, unknown> };
    };
    expect(draft.schemaVersion).toBe('2026.1');
    expect(draft.aside).toEqual([
      { path: '/applicant/formerName', value: '东莞云图智能科技有限公司', fromVersion: '2025.1' },
      { path: '/hall/exhibitCount', value: 12, fromVersion: '2025.1' },
    ]);
    expect(draft.data.applicant.formerName).toBeUndefined();
    expect(draft.data.applicant.name).toBe(COMPANY);

    // Kept with the saved draft: still listed after a reload.
    await saved(page);
    await page.reload();
    await panel.waitFor();
    expect(await panel.locator('li').count()).toBe(2);
    expect(await former.textContent()).toContain('东莞云图智能科技有限公司');

    // Discarding removes the one entry, then the panel once nothing is left.
    await former.getByRole('button', { name: '不再需要，移除' }).click();
    await former.waitFor({ state: 'detached' });
    expect(await panel.locator('strong').textContent()).toBe(
      '表单已更新，以下 1 项内容在新版表单中已没有对应栏目，已单独保留：',
    );
    expect(await panel.locator('li').count()).toBe(1);
    // The discard is saved with the draft: after a reload the field stays gone.
    await page.locator('[data-save-state="pending"]').waitFor();
    await saved(page);
    await page.reload();
    await panel.waitFor();
    expect(await panel.locator('li').count()).toBe(1);
    expect(await panel.textContent()).not.toContain('formerName');
    await panel.getByRole('button', { name: '不再需要，移除' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);
});
