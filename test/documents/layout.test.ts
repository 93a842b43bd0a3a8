/**
 * GB/T 9704-2012 in the OOXML of the templates and of rendered documents (shared/reference/documents.md §4):
 * page, margins, line grid, fonts, page numbers, 版记, and paragraph loops that leave nothing behind.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATES, templatePath } from '../../scripts/templates/build';
import { exampleData, paragraphsText, part, renderDocument } from './helpers/render';

const BUREAU = ['publicity-notice', 'recognition-notice', 'failure-notice', 'revocation-announcement'];
const ALL = Object.keys(TEMPLATES);

const template = (id: string) => new Uint8Array(readFileSync(templatePath(id)));
const runs = (xml: string) => [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1] ?? '');
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
const paragraphWith = (xml: string, text: string) => paragraphs(xml).find((p) => p.includes(text)) ?? '';

describe.each(ALL)('%s: page and text grid', (id) => {
  const xml = part(template(id), 'word/document.xml');

  it('A4 with the GB/T 9704 margins (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm)', () => {
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  it('22 lines: a `lines` grid of 579 twips and exact 579 line spacing on body text', () => {
    expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
  });

  it('every run names an East Asian font, says zh-CN, and has −0.25 pt spacing (28 characters a line)', () => {
    const all = [xml, part(template(id), 'word/footer1.xml'), part(template(id), 'word/footer2.xml')].flatMap(
      runs,
    );
    expect(all.length).toBeGreaterThan(10);
    for (const r of all) {
      expect(r).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
      expect(r).toContain('w:eastAsia="zh-CN"');
      expect(r).toContain('<w:spacing w:val="-5"/>');
    }
  });

  it('page numbers "— N —" in 宋体 四号: odd pages right, even pages left, one character in', () => {
    const t = template(id);
    expect(part(t, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    expect(xml).toMatch(/<w:footerReference w:type="default" r:id="(\w+)"\/>/);
    expect(xml).toMatch(/<w:footerReference w:type="even" r:id="(\w+)"\/>/);
    const rels = part(t, 'word/_rels/document.xml.rels');
    const target = (type: string) => {
      const rid = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"/>`).exec(xml)?.[1];
      return new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    };
    const odd = part(t, `word/${target('default')}`);
    const even = part(t, `word/${target('even')}`);
    for (const f of [odd, even]) {
      expect(paragraphsText(f).join('')).toMatch(/^— .*PAGE.* —$|^— +—$/);
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('PAGE');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toContain('w:right="280"');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toContain('w:left="280"');
  });
});

describe.each(BUREAU)('%s: bureau document', (id) => {
  const xml = part(template(id), 'word/document.xml');

  it('title in 方正小标宋简体 二号, centred; body in 仿宋_GB2312 三号, indented two characters', () => {
    const title = paragraphs(xml).find(
      (p) => p.includes('w:eastAsia="方正小标宋简体"') && p.includes('<w:sz w:val="44"/>'),
    );
    expect(title).toContain('<w:jc w:val="center"/>');
    const body = paragraphWith(xml, '根据《东莞市工业和信息化局关于东莞市人工智能应用创新中心的认定管理办法');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toContain('w:firstLine="640"');
  });

  it('版头 with the red issuing-body mark and 发文字号 only when the data has a document number', () => {
    expect(xml).toContain('{#docNo}');
    expect(paragraphWith(xml, '东莞市工业和信息化局文件')).toContain('<w:color w:val="FF0000"/>');
    expect(paragraphWith(xml, '{docNo}')).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
  });

  it('signature over the 成文日期, which stands 右空四字', () => {
    const date = paragraphWith(xml, '{date | cnDate}');
    expect(date).toContain('<w:jc w:val="right"/>');
    expect(date).toMatch(/w:right="1280"/);
    expect(paragraphWith(xml, '>东莞市工业和信息化局<')).toContain('<w:jc w:val="right"/>');
  });

  it('版记: thick (0.35 mm) and thin (0.25 mm) rules, 印发 line with the issuing office and date', () => {
    const print = paragraphs(xml).filter((p) => p.includes('印发'));
    expect(print.length).toBe(2); // with and without 抄送
    for (const p of print) {
      expect(p).toContain('东莞市工业和信息化局办公室');
      expect(p).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"/);
    }
    const cc = paragraphWith(xml, '抄送：');
    expect(cc).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
    expect(cc).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="6"/);
  });
});

describe('headings and rendered documents', () => {
  it('level-1 headings in 黑体, level-2 in 楷体_GB2312', () => {
    const xml = part(template('recognition-notice'), 'word/document.xml');
    expect(paragraphWith(xml, '一、加强运营管理')).toContain('w:eastAsia="黑体"');
    expect(runs(xml).find((r) => r.includes('（一）按年度开展自评。'))).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('发文字号 with 〔〕 and the red mark appear when docNo is given, and vanish without it', () => {
    const withNo = paragraphsText(part(renderDocument('recognition-notice'), 'word/document.xml'));
    expect(withNo).toContain('东工信〔2026〕201号');
    expect(withNo).toContain('东莞市工业和信息化局文件');
    const without = paragraphsText(part(renderDocument('publicity-notice'), 'word/document.xml'));
    expect(without).not.toContain('东莞市工业和信息化局文件');
  });

  it.each(ALL)('%s: paragraph loops and sections leave no tag paragraph behind', (id) => {
    const xml = part(renderDocument(id), 'word/document.xml');
    expect(xml).not.toContain('w:val="TemplateTag"');
    expect(paragraphsText(xml).join('\n')).not.toMatch(/[{}]|undefined|null|NaN|\[object Object\]/);
  });

  it('a loop of N items gives N paragraphs, and none gives the "无" line', () => {
    const data = exampleData('self-assessment-report');
    const text = (evidence: string[]) =>
      paragraphsText(
        part(renderDocument('self-assessment-report', { ...data, evidence }), 'word/document.xml'),
      );
    const none = text([]);
    const two = text(['审计报告', '客户清单']);
    expect(two.length - none.length).toBe(1);
    expect(two).toContain('1．审计报告');
    expect(two).toContain('2．客户清单');
    const i = none.indexOf('八、佐证材料清单');
    expect(none[i + 1]).toBe('无');
  });

  it('the 公示 table repeats one row per centre, numbered from $index', () => {
    const xml = part(renderDocument('publicity-notice'), 'word/document.xml');
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => paragraphsText(m[0]));
    expect(rows.length).toBe(13);
    expect(rows[12]?.[0]).toBe('12');
    expect(rows[1]).toEqual([
      '1',
      '松湖智造人工智能应用创新中心',
      '东莞市松湖智联科技有限公司',
      '91441900MAAY4CL12N',
      '松山湖',
    ]);
  });
});
