/** The web-page versions of the 公示, 认定名单 and 撤销公告 (Handlebars). */

import { renderHtml } from '@shenbao/docgen';
import { describe, expect, it } from 'vitest';
import { example, shipped } from '../support/programs';

const page = (doc: string, data: unknown = example(`${doc}.json`)) => renderHtml(shipped(), doc, data);

describe('HTML documents', () => {
  it('公示: title, explicit start and end dates, objection contact, every centre with its town name', () => {
    const data = example<{ centers: { brand: string }[] }>('publicity-notice.json');
    const html = page('publicity-notice', data);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('拟认定名单的公示');
    expect(html).toContain('公示时间：2026年9月24日至2026年9月30日');
    expect(html).toContain('0769-22228101');
    for (const c of data.centers) expect(html).toContain(c.brand);
    expect(html).toContain('<td>松山湖</td>');
    expect(html).toContain('@media print');
  });

  it('认定名单: the procedure sentence with the publicity period and the list', () => {
    const html = page('recognition-notice');
    expect(html).toContain('报请市人民政府同意');
    expect(html).toContain('社会公示（2026年9月24日至2026年9月30日）');
  });

  it('撤销公告: brand, operator, ground with its article, and the ban with its end date', () => {
    const html = page('revocation-announcement');
    expect(html).toContain('连续两年绩效考核不达标（第十四条第（三）项）');
    expect(html).toContain('两年内不得重新申请认定（至2030年11月28日）');
    expect(html).toContain('不得重新申请认定');
  });

  it('escapes what a user typed', () => {
    const data = example<{ centers: { brand: string }[] }>('publicity-notice.json');
    data.centers[0]!.brand = '<script>alert(1)</script>{{year}}';
    const html = page('publicity-notice', data);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;{{year}}');
  });
});
