/**
 * `templates check`, GB/T 9704 part (issue 13): the geometry of every bureau document (program.json
 * `layout: "gongwen"`) read from the .docx XML against the programme's templates/gongwen.json, each
 * finding in Chinese naming the article and what the standard says.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documents, exampleOf } from '../../../test/support/document-examples.js';
import { checkGongwen, type GongwenLayout, gongwenLayoutOf } from '../src/gongwen-check.js';
import { readPackage } from '../src/ooxml-check.js';
import type { DocgenProgram } from '../src/program.js';
import { programFile } from '../src/program.js';
import { render } from '../src/render.js';

const bureau = documents.filter((d) => d.entry.layout === 'gongwen');
const asDocgen = (p: unknown) => p as DocgenProgram;
const layoutOf = (d: (typeof documents)[number]): GongwenLayout => {
  const { layout, error } = gongwenLayoutOf(asDocgen(d.program));
  if (!layout) throw new Error(error);
  return layout;
};
const messages = (bytes: Uint8Array, layout: GongwenLayout) =>
  checkGongwen(readPackage(bytes).parts, layout).map((f) => f.message);
const recognition = bureau.find((d) => d.name === 'ai-innovation-center/recognition-notice')!;
const templateBytes = (d: (typeof documents)[number]) =>
  programFile(asDocgen(d.program), d.entry.template) as Uint8Array;

function edited(bytes: Uint8Array, name: string, f: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  const before = strFromU8(parts[name]!);
  const after = f(before);
  expect(after, `${name} unchanged by the edit`).not.toBe(before);
  parts[name] = strToU8(after);
  return zipSync(parts);
}

describe('templates check: GB/T 9704 geometry', () => {
  it('the shipped programme marks its four bureau documents', () => {
    expect(bureau.map((d) => d.entry.id).sort()).toEqual([
      'failure-notice',
      'publicity-notice',
      'recognition-notice',
      'revocation-announcement',
    ]);
  });

  it.each(bureau.map((d) => [d.name, d] as const))(
    '%s: the template and its generated document pass',
    (name, d) => {
      const layout = layoutOf(d);
      expect(messages(templateBytes(d), layout)).toEqual([]);
      const { data, year } = exampleOf(name);
      expect(messages(render(asDocgen(d.program), d.entry.id, data, { year }), layout)).toEqual([]);
    },
  );

  it('the figures are data checked against schemas/gongwen.schema.json', () => {
    const withLayout = (text: string) =>
      gongwenLayoutOf({
        manifest: { id: 'x' },
        files: new Map([['templates/gongwen.json', text]]),
      } as unknown as DocgenProgram);
    expect(withLayout(JSON.stringify(layoutOf(recognition))).error).toBeUndefined();
    expect(withLayout('{"standard": "GB/T 9704—2012"}').error).toMatch(
      /^templates\/gongwen\.json 不符合 schemas\/gongwen\.schema\.json/,
    );
    expect(withLayout('{').error).toMatch(/不是合法的 JSON/);
    expect(
      gongwenLayoutOf({ manifest: { id: 'x' }, files: new Map() } as unknown as DocgenProgram).error,
    ).toMatch(/找不到/);
  });

  it('5.2.1: a top margin of 30 mm names the 天头 of 37 mm±1 mm', () => {
    const bytes = edited(templateBytes(recognition), 'word/document.xml', (xml) =>
      xml.replace(/(<w:pgMar [^>]*w:top=")2098"/, '$11701"'),
    );
    const found = messages(bytes, layoutOf(recognition));
    expect(found).toContain('页边距：上边距 30 mm，GB/T 9704—2012 第 5.2.1 条要求天头 37 mm±1 mm');
    // The 版心 grows with it, and so does the number of lines.
    expect(found.some((m) => m.startsWith('版心：156 mm×232 mm'))).toBe(true);
  });

  it('7.5: a template whose odd-page footer was removed has no page number there', () => {
    const bytes = edited(templateBytes(recognition), 'word/document.xml', (xml) =>
      xml.replace(/<w:footerReference w:type="default" r:id="[^"]*"\/>/, ''),
    );
    const found = messages(bytes, layoutOf(recognition));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^页码：没有单页页脚，GB\/T 9704—2012 第 7\.5 条要求四号半角宋体/);
  });

  it('7.5: page numbers with hyphens instead of the 一字线 are named', () => {
    const bytes = edited(templateBytes(recognition), 'word/footer2.xml', (xml) => xml.replaceAll('—', '-'));
    expect(messages(bytes, layoutOf(recognition))).toEqual([
      expect.stringMatching(/^页码：双页页码为“- N -”（N 为页码），/),
    ]);
  });

  it('7.3.1 and 5.2.2: a title in 仿宋 and a body in 四号 are named with the size the standard gives', () => {
    const bytes = edited(templateBytes(recognition), 'word/document.xml', (xml) =>
      xml
        .replace(/w:eastAsia="方正小标宋简体"/g, 'w:eastAsia="仿宋_GB2312"')
        .replace(
          /<w:sz w:val="32"\/><w:szCs w:val="32"\/>(<w:lang [^>]*\/><\/w:rPr><w:t[^>]*>各园区)/,
          '<w:sz w:val="28"/><w:szCs w:val="28"/>$1',
        ),
    );
    const found = messages(bytes, layoutOf(recognition));
    expect(found).toContainEqual(
      expect.stringMatching(/^标题：“关于公布.*”字体 仿宋_GB2312，.*第 7\.3\.1 条要求二号小标宋体（22 磅）$/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^正文：“各园区.*”字号 14 磅，.*第 5\.2\.2 条要求三号仿宋体（16 磅）$/),
    );
  });

  it('7.3.3: a body paragraph in a heading face (黑体, 楷体) passes; a face no heading level names does not', () => {
    const layout = layoutOf(recognition);
    const inFace = (face: string) =>
      edited(templateBytes(recognition), 'word/document.xml', (xml) =>
        xml.replace(
          /w:eastAsia="仿宋_GB2312"([^>]*\/>(?:<w:[^>]*\/>)*<\/w:rPr><w:t[^>]*>各园区)/,
          `w:eastAsia="${face}"$1`,
        ),
      );
    const named = (face: string) => messages(inFace(face), layout).filter((m) => m.startsWith('正文：'));
    expect(named(layout.headings!.level1.fonts[0]!)).toEqual([]);
    expect(named(layout.headings!.level2.fonts[0]!)).toEqual([]);
    expect(named('宋体')).toEqual([
      expect.stringMatching(/^正文：“各园区.*”字体 宋体，.*第 5\.2\.2 条要求三号仿宋体/),
    ]);
    // Without the heading levels in gongwen.json, 黑体 in the body is named too.
    const { headings: _, ...bare } = layout;
    const hei = layout.headings!.level1.fonts[0]!;
    expect(messages(inFace(hei), bare)).toContainEqual(
      expect.stringMatching(new RegExp(`^正文：“各园区.*”字体 ${hei}，`)),
    );
  });

  it('7.4.1: the 版记 without its last rule is named', () => {
    const failure = bureau.find((d) => d.name === 'ai-innovation-center/failure-notice')!;
    const bytes = edited(templateBytes(failure), 'word/document.xml', (xml) =>
      xml.replace(/<w:bottom w:val="single" w:color="000000" w:sz="8" w:space="1"\/>/g, ''),
    );
    expect(messages(bytes, layoutOf(failure))).toContainEqual(
      expect.stringMatching(/^版记：末条分隔线缺失，GB\/T 9704—2012 第 7\.4\.1 条要求粗线（推荐 0\.35 mm）$/),
    );
  });

  it('7.4: the 版记 is read from its text box at the foot of the 版心, once (a fallback copy is skipped)', () => {
    const failure = bureau.find((d) => d.name === 'ai-innovation-center/failure-notice')!;
    const xml = strFromU8(unzipSync(templateBytes(failure))['word/document.xml']!);
    // The shipped bureau templates keep their 版记 in a box anchored to the bottom of the 版心.
    expect(xml).toMatch(
      /<wp:positionV relativeFrom="margin"><wp:align>bottom<\/wp:align><\/wp:positionV>[\s\S]*<w:txbxContent>[\s\S]*印发/,
    );
    const ruleless = (fallback: boolean) =>
      edited(templateBytes(failure), 'word/document.xml', (doc) =>
        doc.replace(/<mc:Choice Requires="wps">([\s\S]*?)<\/mc:Choice>/, (choice, inner: string) => {
          const box = /<w:txbxContent>[\s\S]*<\/w:txbxContent>/.exec(inner)![0];
          // The box without its last rules, and an older viewer's copy of it (as Word writes in VML).
          const noRule = choice.replace(
            /<w:bottom w:val="single" w:color="000000" w:sz="8" w:space="1"\/>/g,
            '',
          );
          return fallback ? `${noRule}<mc:Fallback><w:pict>${box}</w:pict></mc:Fallback>` : noRule;
        }),
      );
    const lastRule = (bytes: Uint8Array) =>
      messages(bytes, layoutOf(failure)).filter((m) => m.startsWith('版记：末条分隔线'));
    // One finding per 印发 line of the box (with and without 抄送), not one more for the copy.
    expect(lastRule(ruleless(false))).toHaveLength(2);
    expect(lastRule(ruleless(true))).toEqual(lastRule(ruleless(false)));
  });

  it('5.2.3: an exact line pitch of 30 pt leaves 21 lines on a page, not 22', () => {
    const bytes = edited(templateBytes(recognition), 'word/styles.xml', (xml) =>
      xml.replace(/(<w:pPrDefault>.*?w:line=")579"/, '$1600"'),
    );
    expect(messages(bytes, layoutOf(recognition))).toContain(
      '行数：每面 21 行（行距 30 磅），GB/T 9704—2012 第 5.2.3 条要求每面排 22 行',
    );
  });
});
