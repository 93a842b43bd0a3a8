/**
 * The public notice pages, server-rendered: the list at /notices (newest first) and one
 * notice's frozen HTML with a bar for downloads and corrections. Every value from the store
 * or a programme is escaped; dates are <time datetime>; header, main and footer are landmarks.
 */
import { cnDateTime, cnIsoDate } from '@shenbao/core';
import { PERIOD_STATUS, type PublicNotice } from './public-view';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text for HTML element content and attribute values. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const LIST_TITLE = '公示公告';

const dateTag = (iso: string): string => `<time datetime="${esc(iso)}">${esc(cnIsoDate(iso))}</time>`;
const instantTag = (iso: string, tz: string): string =>
  `<time datetime="${esc(iso)}">${esc(cnDateTime(iso, tz))}</time>`;

const PAGE_STYLE = `
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; line-height: 1.6; color: #1a1a1a;
  max-width: 52rem; margin: 0 auto; padding: 1rem; }
a { color: #0b4f9c; }
header, footer { border-bottom: 1px solid #ccc; padding-bottom: .5rem; margin-bottom: 1rem; }
footer { border-top: 1px solid #ccc; border-bottom: 0; padding-top: .5rem; margin-top: 2rem; font-size: .9rem; }
ol.notices { list-style: none; padding: 0; }
ol.notices > li { border-bottom: 1px solid #e5e5e5; padding: .75rem 0; }
ol.notices h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
dt { color: #555; } dd { margin: 0; }
.status-running { color: #a40000; font-weight: bold; }
.note { background: #fff4ce; border-left: 4px solid #c19c00; padding: .25rem .5rem; }
`;

function head(title: string, extra = ''): string {
  return `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="alternate" type="application/atom+xml" title="${LIST_TITLE}（Atom）" href="/notices/feed.xml">
<link rel="alternate" type="application/feed+json" title="${LIST_TITLE}（JSON Feed）" href="/notices/feed.json">
${extra}</head>`;
}

function details(v: PublicNotice): string {
  const rows: string[] = [`<dt>发布机关</dt><dd>${esc(v.authority)}</dd>`];
  if (v.docNo) rows.push(`<dt>${esc(v.docNo.label)}</dt><dd>${esc(v.docNo.value)}</dd>`);
  if (v.date) rows.push(`<dt>${esc(v.date.label)}</dt><dd>${dateTag(v.date.value)}</dd>`);
  if (v.period)
    rows.push(
      `<dt>${esc(v.period.label)}</dt><dd>${dateTag(v.period.startDate)}至${dateTag(v.period.endDate)}` +
        `（<span class="status-${v.period.status}">${PERIOD_STATUS[v.period.status]}</span>）</dd>`,
    );
  rows.push(`<dt>发布时间</dt><dd>${instantTag(v.publishedAt, v.timeZone)}</dd>`);
  return `<dl>${rows.join('')}</dl>`;
}

function corrections(v: PublicNotice): string {
  const notes: string[] = [];
  if (v.supersededBy)
    notes.push(
      `<p class="note" role="note">本公告已更正，请以<a href="/notices/${esc(v.supersededBy)}">更正后的公告</a>为准。</p>`,
    );
  if (v.supersedes)
    notes.push(
      `<p class="note" role="note">本公告为更正后的公告，更正前的公告见<a href="/notices/${esc(v.supersedes)}">此处</a>。</p>`,
    );
  return notes.join('');
}

/** The list of published notices, newest first. */
export function listPage(notices: readonly PublicNotice[]): string {
  const items = notices.map(
    (v) =>
      `<li><article aria-labelledby="n${esc(v.id)}"><h2 id="n${esc(v.id)}"><a href="/notices/${esc(v.id)}">${esc(v.title)}</a></h2>` +
      `${details(v)}${corrections(v)}</article></li>`,
  );
  const body = items.length ? `<ol class="notices">${items.join('\n')}</ol>` : '<p>暂无公示公告。</p>';
  return `<!DOCTYPE html>
<html lang="zh-CN">${head(LIST_TITLE, `<style>${PAGE_STYLE}</style>`)}
<body>
<header><h1>${LIST_TITLE}</h1></header>
<main>
${body}
</main>
<footer><p>订阅：<a href="/notices/feed.xml">Atom</a> · <a href="/notices/feed.json">JSON Feed</a></p></footer>
</body>
</html>
`;
}

const BAR_STYLE = `<style data-shenbao="notice-bar">
.notice-bar, .notice-footer { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 11pt; text-indent: 0; }
.notice-bar p, .notice-footer p { text-indent: 0; }
.notice-bar { border-bottom: 1px solid #ccc; margin-bottom: 1em; padding-bottom: .5em; }
.notice-footer { border-top: 1px solid #ccc; margin-top: 2em; padding-top: .5em; }
.note { background: #fff4ce; border-left: 4px solid #c19c00; padding: .25em .5em; }
@media print { .notice-bar, .notice-footer { display: none; } }
</style>`;

/**
 * One notice: its frozen HTML (a whole page as docgen rendered it) with the notice's title, a
 * bar above (back to the list, Word/PDF downloads, corrections) and the publication details
 * below. The frozen body itself is not touched.
 */
export function noticePage(frozen: string, v: PublicNotice): string {
  const bar =
    `<header class="notice-bar"><p><a href="/notices">返回${LIST_TITLE}列表</a> · 下载：` +
    `<a href="/api/notices/${esc(v.id)}/document?format=docx">Word</a> / ` +
    `<a href="/api/notices/${esc(v.id)}/document?format=pdf">PDF</a></p>${corrections(v)}</header>\n<main>\n`;
  const footer = `\n</main>\n<footer class="notice-footer">${details(v)}</footer>\n`;
  let page = frozen.replace(/<title>[\s\S]*?<\/title>/i, `<title>${esc(v.title)}</title>`);
  page = page.replace(/<\/head>/i, `${BAR_STYLE}</head>`);
  const open = /<body[^>]*>/i.exec(page);
  const close = page.toLowerCase().lastIndexOf('</body>');
  if (!open || close < open.index) return page; // not a page docgen made; served as frozen
  const start = open.index + open[0].length;
  return page.slice(0, start) + bar + page.slice(start, close) + footer + page.slice(close);
}

/** A small page for a notice that does not exist (or is not public). */
export function notFoundPage(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">${head(`未找到 - ${LIST_TITLE}`, `<style>${PAGE_STYLE}</style>`)}
<body><header><h1>${LIST_TITLE}</h1></header>
<main><p>该公告不存在或尚未发布。</p><p><a href="/notices">返回${LIST_TITLE}列表</a></p></main>
<footer><p><a href="/notices/feed.xml">Atom</a> · <a href="/notices/feed.json">JSON Feed</a></p></footer>
</body>
</html>
`;
}
