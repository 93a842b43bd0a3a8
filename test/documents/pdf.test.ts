/**
 * End to end: every document rendered from its example, converted to PDF by LibreOffice (one soffice
 * call for all of them), and read back with poppler. Needs libreoffice-writer-nogui, fonts-noto-cjk,
 * texlive-lang-chinese (FandolFang, FandolKai) and poppler-utils; without them the tests fail with the
 * install command (CI installs them).
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  env,
  FONTS_CONF,
  pdfFonts,
  pdfPageSize,
  pdfPages,
  pdfText,
  requireTools,
  toPdf,
} from './helpers/pdf';
import { documentIds, exampleData, renderDocument } from './helpers/render';

const FILLER = '人工智能应用创新中心'; // no punctuation, so no line-breaking rule moves a character
const LONG = FILLER.repeat(10_000); // 100,000 characters
const CONTROL = '\u0001\u0002\u0007\u000b\u000c\u001b\u001f';
const RTL_AR = 'مرحبا بالعالم';
const RTL_HE = 'שלום עולם';

function hostilePublicity(): Record<string, unknown> {
  const data = exampleData('publicity-notice');
  const centers = (data.centers as Record<string, unknown>[]).slice(0, 4);
  centers[0] = { ...centers[0], brand: `<&>"' 创新中心</w:t></w:r></w:p>]]>`, operator: '{#x}{/x}有限公司' };
  centers[1] = { ...centers[1], brand: '{{name}}中心', operator: `控制${CONTROL}字符有限公司` };
  centers[2] = { ...centers[2], brand: '表情😀与生僻字𠀀中心', operator: `${RTL_AR} ${RTL_HE}` };
  return {
    ...data,
    centers,
    objection: { ...(data.objection as object), unit: `受理${CONTROL}单位<&>` },
    call: { title: '{#call}{/call}{{title}}' },
    supplement: LONG,
  };
}

/** Text without whitespace, bidi controls and page numbers, so wrapped lines and cells read as one. */
const compact = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^\s*—\s*\d+\s*—\s*$/gm, '')
    .replace(/\s+/g, '');

let pdfs: Record<string, string> = {};
const texts: Record<string, string> = {};
/** The same text in reading order (poppler's default), where a fallback glyph is back in its place. */
const readingTexts: Record<string, string> = {};

beforeAll(() => {
  requireTools();
  const docs: Record<string, Uint8Array> = {};
  for (const id of documentIds()) docs[id] = renderDocument(id);
  docs.hostile = renderDocument('publicity-notice', hostilePublicity());
  pdfs = toPdf(docs);
  // -raw keeps the content-stream order, in which LibreOffice writes a table cell's lines together.
  for (const [name, pdf] of Object.entries(pdfs)) {
    texts[name] = compact(pdfText(pdf, { raw: true }));
    readingTexts[name] = compact(pdfText(pdf));
  }
}, 300_000);

/**
 * Asserts each value appears in the PDF text (whitespace and line breaks ignored); lists the missing.
 * Content-stream order keeps a table cell's lines together; reading order keeps a character outside GB 2312
 * (drawn with a fallback font after the rest of its line, such as 昇 in 昇腾) in its place.
 */
function expectValues(name: string, values: readonly (string | number | undefined)[]): void {
  const text = texts[name] ?? '';
  const reading = readingTexts[name] ?? '';
  const missing = values
    .map(String)
    .filter((v) => v === 'undefined' || !(text.includes(compact(v)) || reading.includes(compact(v))));
  expect(missing, `${name}: values missing from the PDF text`).toEqual([]);
}

const centerValues = (id: string) =>
  (exampleData(id).centers as Record<string, string>[]).flatMap((c) => [c.brand, c.operator, c.creditCode]);

describe('LibreOffice renders every document from its example', () => {
  it('every document converts, on A4 pages', () => {
    expect(Object.keys(pdfs).sort()).toEqual([...documentIds(), 'hostile'].sort());
    for (const [name, pdf] of Object.entries(pdfs)) {
      expect(pdfPages(pdf), name).toBeGreaterThan(0);
      const { width, height } = pdfPageSize(pdf);
      expect(Math.round(width), name).toBe(595); // 210 mm
      expect(Math.round(height), name).toBe(842); // 297 mm
    }
  });

  it('fonts are Noto CJK and Fandol through templates/fonts/fonts.conf, never DejaVu', () => {
    for (const id of documentIds()) {
      const fonts = pdfFonts(pdfs[id]!);
      expect(fonts, id).toMatch(/NotoSerifCJK/);
      expect(fonts, id).not.toMatch(/DejaVu/);
    }
    // 黑体 headings come out in Noto Sans CJK (the OTC's shared CFF is named "jp" for every language
    // face; the glyphs are the SC ones because every run says w:lang eastAsia="zh-CN").
    expect(pdfFonts(pdfs['recognition-notice']!)).toMatch(/NotoSansCJK/);
  });

  it('公示: centres, codes, town names, 公示时间 with its end date, objection contact', () => {
    const data = exampleData('publicity-notice');
    expectValues('publicity-notice', [
      ...centerValues('publicity-notice'),
      '关于2026年东莞市人工智能应用创新中心拟认定名单的公示',
      '公示时间：2026年9月24日至2026年9月30日。',
      '受理单位：东莞市工业和信息化局软件和信息服务业科（人工智能科）',
      '地址：东莞市南城街道鸿福西路68号塞纳（城市）嘉园二楼',
      '电话：0769-22228101',
      '《关于开展2026年东莞市人工智能应用创新中心遴选认定工作的通告》',
      '松山湖',
      '东莞滨海湾新区',
      '2026年9月24日印发',
    ]);
    expect((data.centers as unknown[]).length).toBe(12);
    expectValues('publicity-notice', ['12石龙芯智电子信息AI赋能中心']);
  });

  it('认定名单通知: 发文字号 with 〔〕, list, contact, 抄送 and 印发', () => {
    expectValues('recognition-notice', [
      ...centerValues('recognition-notice'),
      '东莞市工业和信息化局文件',
      '东工信〔2026〕201号',
      '各园区、镇（街）工业和信息化主管部门，各有关单位：',
      '社会公示（2026年9月24日至2026年9月30日）',
      '（联系人：陈思远，联系电话：0769-22381515）',
      '抄送：市人民政府办公室，市财政局，市科技局，市政务服务和数据管理局。',
      '2026年10月16日',
      '2026年10月19日印发',
    ]);
  });

  it('通告 (第十三条): centres and the indicators they missed, with target and actual', () => {
    expectValues('failure-notice', [
      ...centerValues('failure-notice'),
      '服务本地制造业企业数量：目标30家，实际完成21家。',
      '人才培训：目标6场，实际完成4场。',
      '运营单位全年软件和信息技术服务业收入：目标3000万元，实际完成2456.8万元。',
      '第十四条第（三）项',
      '特此通告。',
      '2028年4月20日',
    ]);
  });

  it('撤销公告 (第十五条): brand, operator, USCC, ground in words, ban and its end date', () => {
    expectValues('revocation-announcement', [
      ...centerValues('revocation-announcement'),
      '连续两年绩效考核不达标（第十四条第（三）项）',
      '未按规定参加绩效考核（第十四条第（二）项）',
      '创新中心运营单位自行要求撤销（第十四条第（一）项）',
      '不得重新申请认定',
      '两年内不得重新申请认定（至2030年11月28日）',
      '特此公告。',
      '2028年11月29日',
    ]);
  });

  it('绩效自评报告: indicator table with target, commitment, actual, rate and met', () => {
    expectValues('self-assessment-report', [
      '2027年度东莞市人工智能应用创新中心',
      '松湖智造人工智能应用创新中心',
      '91441900MAAY4CL12N',
      '运营单位全年软件和信息技术服务业收入万元300035004120.5117.7达标',
      '人工智能赋能业务供需对接活动场46583.3未达标',
      '13802566718',
      '经自评，本中心2027年度部分绩效指标未达到考核标准',
      '2028年1月20日',
    ]);
  });

  it('申请书: cover, applicant facts, amounts in 万元, team, cases, support units, commitments, attachments', () => {
    const app = exampleData('application-book') as {
      applicant: Record<string, string>;
      capability: { cases: Record<string, string>[] };
      team: { members: Record<string, string>[] };
      attachments: Record<string, string>[];
    };
    expectValues('application-book', [
      '东莞市人工智能应用创新中心认定申请书',
      '东莞市工业和信息化局制',
      app.applicant.name!,
      app.applicant.creditCode!,
      '12,800.50',
      '9,650.00',
      '5,000.00',
      '6513',
      '2026年3月16日',
      ...app.team.members.map((m) => m.name!),
      ...app.capability.cases.flatMap((c) => [c.client!, c.clientCreditCode!]),
      '186.50',
      '914403001922038216',
      '昇腾生态合作伙伴授权书',
      '1,500.00',
      '应用案例展示、产品体验、人员培训',
      ...app.attachments.map((a) => a.name!),
    ]);
  });

  it('展厅建设承诺书: planned date, place, area, functions and the evidence deadline', () => {
    expectValues('hall-commitment', [
      '人工智能赋能业务体验展厅建设承诺书',
      '91441900MA5H7K2Q4P',
      '一、于2026年9月30日前，在东莞市松山湖园区科技十路2号研发楼B座1层（松山湖）建成面积不少于300平方米',
      '三、展厅建成后15日内',
    ]);
  });

  it('真实性承诺书: applicant, code, a line to sign on and the date', () => {
    expectValues('truthfulness-declaration', [
      '申报材料真实性承诺书',
      '东莞智造云图人工智能科技有限公司（统一社会信用代码：91441900MA5H7K2Q4P）',
      '法定代表人（签字）：____',
      '2026年3月16日',
    ]);
  });
});

describe('hostile values', () => {
  it('XML specials, tag look-alikes and braces print literally', () => {
    expectValues('hostile', [
      `<&>"' 创新中心</w:t></w:r></w:p>]]>`,
      '{#x}{/x}有限公司',
      '{{name}}中心',
      '《{#call}{/call}{{title}}》',
      '受理单位：受理单位<&>',
    ]);
  });

  it('control characters are dropped and the text around them kept', () => {
    expectValues('hostile', ['控制字符有限公司']);
  });

  it('emoji, rare CJK (U+20000) and right-to-left text survive', () => {
    const t = texts.hostile ?? '';
    // LibreOffice draws the emoji with a fallback font, as a separate text run placed after the line.
    expectValues('hostile', ['表情', '与生僻字𠀀', '😀']);
    // pdftotext may give RTL words in visual order; either order is the text intact.
    for (const word of [...RTL_AR.split(' '), ...RTL_HE.split(' ')]) {
      const reversed = [...word].reverse().join('');
      expect(t.includes(compact(word)) || t.includes(compact(reversed)), word).toBe(true);
    }
  });

  it('a 100,000-character field is printed whole', () => {
    const count = (texts.hostile ?? '').split(FILLER).length - 1;
    expect(count).toBeGreaterThanOrEqual(10_000);
  });
});

describe('GB/T 9704 text block in LibreOffice', () => {
  it('a full body page holds 22 lines of 28 characters', () => {
    // Page 5 lies inside the 100,000-character paragraph of the hostile document.
    const lines = pdfText(pdfs.hostile!, { first: 5, last: 5, layout: true })
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/^—\s*\d+\s*—$/.test(l));
    expect(lines.length).toBe(22);
    for (const line of lines) expect([...line.replace(/\s/g, '')].length).toBe(28);
  });
});

describe('templates/fonts/fonts.conf', () => {
  it.each([
    ['仿宋_GB2312', 'FandolFang'],
    ['仿宋', 'FandolFang'],
    ['FangSong', 'FandolFang'],
    ['方正小标宋简体', 'Noto Serif CJK SC'],
    ['小标宋', 'Noto Serif CJK SC'],
    ['黑体', 'Noto Sans CJK SC'],
    ['SimHei', 'Noto Sans CJK SC'],
    ['楷体_GB2312', 'FandolKai'],
    ['楷体', 'FandolKai'],
    ['KaiTi', 'FandolKai'],
    ['宋体', 'Noto Serif CJK SC'],
    ['SimSun', 'Noto Serif CJK SC'],
  ])('fc-match %s → %s', (family, expected) => {
    expect(FONTS_CONF).toMatch(/fonts\.conf$/);
    const out = execFileSync('fc-match', ['-f', '%{family}', family], { env: env(), encoding: 'utf8' });
    expect(out.split(',')).toContain(expected);
  });
});
