/**
 * The portal's safety nets, as an applicant meets them in the browser: the warning when the
 * same draft is open in two tabs, the 展厅建设承诺书 offered only for a committed hall, the
 * panel keeping fields that an older draft has but the current form no longer has, and the
 * application kept in the browser while the server cannot be reached — reconciled when it can,
 * the applicant choosing when both changed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usccCheckCharacter } from '@shenbao/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, ROOT, readJson } from '../../support/programs';
import { docxText } from './docx';
import { at, radio, step, type } from './fill';
import {
  demoAccount,
  type Enterprise,
  loginAs,
  loginWith,
  type Portal,
  registerEnterprise,
  startPortal,
} from './server';

const P = 'ai-innovation-center';
const COMPANY = '东莞智造云图人工智能科技有限公司';
const LETTER = '人工智能赋能业务体验展厅建设承诺书';
let portal: Portal;
const work = mkdtempSync(join(tmpdir(), 'shenbao-portal-more-'));

// The shared build (see server.ts), with a server and a database of this file's own.
beforeAll(async () => {
  portal = await startPortal();
}, 180_000);

afterAll(() => portal?.close());

async function newContext(): Promise<BrowserContext> {
  return portal.browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
}

/**
 * Opens the application form (logged in as the demo applicant when the context has no session
 * yet) and waits until it is rendered; the page's script errors go to `errors`.
 */
async function openApply(page: Page, errors: string[]): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  const cookies = await page.context().cookies();
  if (cookies.some((c) => c.name === 'sb_session')) await page.goto(`${portal.url}#/p/${P}/apply`);
  else await loginAs(page, portal, 'applicant', `#/p/${P}/apply`);
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

/** The draft has reached the server (the toolbar says 已保存于 hh:mm:ss). */
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
  }, 180_000);
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
    const text = await docxText(docx);
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
  }, 180_000);
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
  }, 180_000);
});

/** A valid 统一社会信用代码 of Dongguan from a 17-character body (its check character computed). */
function dongguanUscc(body: string): string {
  return body + (usccCheckCharacter(body) ?? '');
}

/** An enterprise of its own, so the test starts from a new application at version 1. */
async function ownEnterprise(page: Page, body: string, mobile: string): Promise<Enterprise> {
  const e: Enterprise = {
    uscc: dongguanUscc(body),
    orgName: `东莞${body.slice(-4)}科技有限公司`,
    contact: '测试联系人',
    mobile,
    password: 'test2026ok',
  };
  await registerEnterprise(page, portal, e, `#/p/${P}/apply?year=2026`);
  await at(page, '/applicant/name').waitFor();
  return e;
}

/** The application as the server holds it (through the page's own session). */
async function serverData(page: Page): Promise<{ applicant: Record<string, unknown> }> {
  const base = portal.url.replace(/[^/]*$/, '');
  const list = (await (
    await page.request.get(`${base}api/applications?programId=${P}&year=2026`)
  ).json()) as { items: { id: string }[] };
  const id = list.items[0]?.id ?? '';
  const record = (await (await page.request.get(`${base}api/applications/${id}`)).json()) as {
    data: { applicant: Record<string, unknown> };
  };
  return record.data;
}

/** Saves a download and reads it as JSON. */
async function downloadedJson(
  page: Page,
  click: () => Promise<void>,
): Promise<{ applicant: Record<string, unknown> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = join(work, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return JSON.parse(readFileSync(file, 'utf8')) as { applicant: Record<string, unknown> };
}

describe('服务器暂时无法连接时：本机保存、恢复后同步、双方都改过时由申请人选择', () => {
  it('offline changes stay in this browser, the page says so, and reach the server when the connection is back', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await ownEnterprise(page, '91441900MA5PQR001', '13900000101');
    await type(page, '/applicant/name', COMPANY);
    await saved(page);

    await context.setOffline(true);
    await type(page, '/applicant/legalRepresentative', '离线时填写的代表人');
    await page.locator('[data-save-state="offline"]').waitFor();
    expect(await page.locator('[data-save-state]').textContent()).toBe('保存在本机，待同步');
    expect(await page.getByTestId('offline').textContent()).toBe(
      '无法连接服务器，已保存在本机，恢复连接后自动同步。',
    );

    // Back online: the browser says so and the page sends what it kept, without waiting.
    await context.setOffline(false);
    await saved(page);
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    expect((await serverData(page)).applicant.legalRepresentative).toBe('离线时填写的代表人');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('changed here while offline and on the server meanwhile: both shown by field, the applicant chooses, the other stays downloadable', async () => {
    // Browser 甲 and browser 乙: the same enterprise, the same application.
    const first = await newContext();
    const a = await first.newPage();
    const e = await ownEnterprise(a, '91441900MA5PQR002', '13900000102');
    await type(a, '/applicant/name', COMPANY);
    await saved(a);
    const second = await newContext();
    const b = await second.newPage();
    await loginWith(b, portal, e.mobile, e.password, `#/p/${P}/apply?year=2026`);
    await at(b, '/applicant/name').waitFor();
    expect(await at(b, '/applicant/name').inputValue()).toBe(COMPANY);

    // 乙 changes the legal representative without a connection and leaves.
    await second.setOffline(true);
    await type(b, '/applicant/legalRepresentative', '乙填写的代表人');
    await b.locator('[data-save-state="offline"]').waitFor();
    await b.close();
    // 甲 changes the same field on the server meanwhile.
    await type(a, '/applicant/legalRepresentative', '甲填写的代表人');
    await saved(a);

    // 乙 comes back: both versions, the differing field by its title, nothing chosen for it.
    await second.setOffline(false);
    const b2 = await second.newPage();
    await b2.goto(`${portal.url}#/p/${P}/apply?year=2026`);
    const dialog = b2.getByTestId('conflict');
    await dialog.waitFor();
    const row = dialog.locator('tr[data-path-diff="/applicant/legalRepresentative"]');
    expect(await row.locator('th').textContent()).toMatch(/ › 法定代表人$/);
    expect(await row.locator('td').allTextContents()).toEqual(['乙填写的代表人', '甲填写的代表人']);
    expect(await dialog.locator('tr[data-path-diff]').count()).toBe(1);
    await b2.screenshot({ path: join(ROOT, 'test-output', 'e2e-portal', '15-conflict.png') });
    const mine = await downloadedJson(b2, () => dialog.getByRole('button', { name: '下载本机版本' }).click());
    expect(mine.applicant.legalRepresentative).toBe('乙填写的代表人');

    // 乙 keeps its own: it goes to the server; 甲's version stays downloadable.
    await dialog.getByRole('button', { name: '采用本机版本' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await at(b2, '/applicant/legalRepresentative').inputValue()).toBe('乙填写的代表人');
    expect((await serverData(b2)).applicant.legalRepresentative).toBe('乙填写的代表人');
    const other = b2.getByTestId('unchosen');
    const theirs = await downloadedJson(b2, () => other.getByRole('button', { name: '下载' }).click());
    expect(theirs.applicant.legalRepresentative).toBe('甲填写的代表人');
    // Still offered after a reload, until dismissed.
    await b2.reload();
    await other.waitFor();
    await other.getByRole('button', { name: '关闭' }).click();
    await other.waitFor({ state: 'detached' });

    // 甲 reloads: the chosen version.
    await a.reload();
    await at(a, '/applicant/name').waitFor();
    expect(await at(a, '/applicant/legalRepresentative').inputValue()).toBe('乙填写的代表人');
    await first.close();
    await second.close();
  }, 90_000);

  it('a save based on an old version while both are online: the applicant sees both and may take the server’s', async () => {
    const first = await newContext();
    const a = await first.newPage();
    const e = await ownEnterprise(a, '91441900MA5PQR003', '13900000103');
    const second = await newContext();
    const b = await second.newPage();
    await loginWith(b, portal, e.mobile, e.password, `#/p/${P}/apply?year=2026`);
    await at(b, '/applicant/name').waitFor();
    await type(a, '/applicant/name', '甲保存的名称');
    await saved(a);
    // 乙 still has the version it opened: its save is refused as stale and becomes a choice.
    await type(b, '/applicant/name', '乙保存的名称');
    const dialog = b.getByTestId('conflict');
    await dialog.waitFor();
    expect(await dialog.locator('tr[data-path-diff="/applicant/name"] td').allTextContents()).toEqual([
      '乙保存的名称',
      '甲保存的名称',
    ]);
    await dialog.getByRole('button', { name: '采用服务器版本' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await at(b, '/applicant/name').inputValue()).toBe('甲保存的名称');
    const kept = await downloadedJson(b, () =>
      b.getByTestId('unchosen').getByRole('button', { name: '下载' }).click(),
    );
    expect(kept.applicant.name).toBe('乙保存的名称');
    // Saving goes on from the server's version.
    await type(b, '/applicant/legalRepresentative', '乙之后填写');
    await saved(b);
    const data = await serverData(b);
    expect(data.applicant.name).toBe('甲保存的名称');
    expect(data.applicant.legalRepresentative).toBe('乙之后填写');
    await first.close();
    await second.close();
  }, 90_000);
});

/** A staff session through the API (the test's arrangement, not what it checks). */
async function asStaff(): Promise<{
  put: (path: string, body: unknown) => Promise<unknown>;
  post: (path: string, body: unknown) => Promise<unknown>;
  close: () => Promise<void>;
}> {
  const context = await portal.browser.newContext();
  const base = portal.url;
  const anon = (await (await context.request.get(`${base}api/auth/csrf`)).json()) as { csrfToken: string };
  const staff = demoAccount(portal, 'staff');
  const login = await context.request.post(`${base}api/auth/login`, {
    headers: { 'x-csrf-token': anon.csrfToken },
    data: { login: staff.login, password: staff.password },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = (method: 'put' | 'post') => async (path: string, body: unknown) => {
    const r = await context.request[method](`${base}${path}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: body,
    });
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  return { put: send('put'), post: send('post'), close: () => context.close() };
}

describe('服务器决定能否提交（第六条、第七条）', () => {
  it('the server’s reasons are listed at the top; a field’s reason leads to the field', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    await openApply(page, errors);
    // The example is complete, but it is another enterprise's: the demo account's code differs.
    await importDraft(page, join(ROOT, 'examples', 'application.json'), 'application.json');
    await saved(page);
    await step(page, /申报单位承诺/);
    await page.getByRole('button', { name: '提交申报' }).click();
    const reasons = page.getByTestId('submit-reasons');
    await reasons.waitFor();
    const mismatch = reasons.getByRole('link', { name: /与注册账号的单位（91441900MA5DEMQ01.）不一致/ });
    expect(await mismatch.textContent()).toContain('申请书中的统一社会信用代码（91441900MA5H7K2Q4P）');
    await mismatch.click();
    await page
      .locator('#sb-step-title')
      .filter({ hasText: /申报单位基本情况/ })
      .waitFor();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path))
      .toBe('/applicant/creditCode');
    expect(await page.getByTestId('application-state').count()).toBe(0); // still a draft
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a call that has closed says so under the title, and its submit button is disabled with the reason', async () => {
    const staff = await asStaff();
    const base = `api/programs/${P}/targets`;
    const t2026 = structuredClone(
      readJson<Record<string, unknown>>('schemas/ai-innovation-center/targets/2026.json'),
    );
    delete t2026.$schema;
    const closed = {
      ...t2026,
      year: 2028,
      call: {
        title: '2028年东莞市人工智能应用创新中心遴选认定',
        opens: '2026-03-01T09:00:00+08:00',
        closes: '2026-03-10T17:30:00+08:00',
      },
    };
    const draft = (await staff.put(`${base}/2028`, { data: closed, version: 0 })) as { version: number };
    await staff.post(`${base}/2028/publish`, { version: draft.version });
    await staff.close();

    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, portal, 'applicant', `#/p/${P}/apply?year=2028`);
    const line = page.getByTestId('call-window');
    await line.waitFor();
    expect(await line.textContent()).toBe('申报时间：2026年3月1日 9:00 至 2026年3月10日 17:30申报已截止');
    await step(page, /申报单位承诺/);
    const blocked = page.getByTestId('submit-blocked');
    expect(await blocked.textContent()).toBe('提交申报申报已于2026年3月10日 17:30截止，不能提交。');
    expect(await blocked.getByRole('button', { name: '提交申报' }).isDisabled()).toBe(true);
    expect(await page.locator('[data-submit]').isVisible()).toBe(false);
    await page.screenshot({ path: join(ROOT, 'test-output', 'e2e-portal', '16-call-closed.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
