/** The published notices as an Atom feed (RFC 4287) and a JSON Feed 1.1. Absolute links from `base`. */
import { stripInvalidXml } from '@shenbao/docgen';
import { type PublicNotice, summaryText } from './public-view';

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
/** Text for XML content and attributes; characters XML 1.0 forbids are dropped. */
const xml = (s: string): string => stripInvalidXml(s).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);

const FEED_TITLE = '公示公告';
const EPOCH = '1970-01-01T00:00:00.000Z';

export function atomFeed(base: string, notices: readonly PublicNotice[]): string {
  const updated =
    notices
      .map((n) => n.publishedAt)
      .sort()
      .at(-1) ?? EPOCH;
  const authors = [...new Set(notices.map((n) => n.authority))];
  const entries = notices.map((n) => {
    const url = `${base}/notices/${n.id}`;
    return `  <entry>
    <title>${xml(n.title)}</title>
    <id>${xml(url)}</id>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${xml(n.publishedAt)}</published>
    <updated>${xml(n.publishedAt)}</updated>
    <author><name>${xml(n.authority)}</name></author>
    <summary type="text">${xml(summaryText(n))}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <title>${FEED_TITLE}</title>
  <id>${xml(`${base}/notices`)}</id>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/notices/feed.xml`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/notices`)}"/>
  <updated>${updated}</updated>
  <author><name>${xml(authors.join('、') || FEED_TITLE)}</name></author>
${entries.join('\n')}
</feed>
`;
}

export function jsonFeed(base: string, notices: readonly PublicNotice[]): unknown {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    home_page_url: `${base}/notices`,
    feed_url: `${base}/notices/feed.json`,
    language: 'zh-CN',
    items: notices.map((n) => {
      const url = `${base}/notices/${n.id}`;
      return {
        id: url,
        url,
        title: n.title,
        content_text: summaryText(n),
        date_published: n.publishedAt,
        authors: [{ name: n.authority }],
        _shenbao: {
          docNo: n.docNo?.value ?? null,
          date: n.date?.value ?? null,
          period: n.period
            ? { startDate: n.period.startDate, endDate: n.period.endDate, status: n.period.status }
            : null,
          supersedes: n.supersedes,
          supersededBy: n.supersededBy,
        },
      };
    }),
  };
}
