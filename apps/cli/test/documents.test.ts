import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { invalidFile } from '../../../test/support/invalid';
import { ROOT } from '../../../test/support/programs';
import { shenbao, tmp } from './support/run';

/** The example input of each shipped document, and a value its output must show. */
const DOCUMENTS: [doc: string, example: string, shows: string][] = [
  ['application-book', 'application.json', '东莞智造云图人工智能科技有限公司'],
  ['hall-commitment', 'application-hall-committed.json', '2026年9月30日'],
  ['truthfulness-declaration', 'application.json', '91441900MA5H7K2Q4P'],
  ['publicity-notice', 'publicity-notice.json', '2026年9月30日'],
  ['recognition-notice', 'recognition-notice.json', '东工信〔2026〕201号'],
  ['self-assessment-report', 'self-assessment-report.json', '东莞'],
  ['failure-notice', 'failure-notice.json', '第十三条'],
  ['revocation-announcement', 'revocation-announcement.json', '2030年11月28日'],
];

const docxText = (file: string) =>
  (new PizZip(readFileSync(file)).file('word/document.xml')?.asText() ?? '').replace(/<[^>]+>/g, '');

describe('shenbao generate', () => {
  it.each(DOCUMENTS)('%s from examples/%s as Word, showing %s', async (doc, example, shows) => {
    const out = join(tmp, `${doc}.docx`);
    const r = await shenbao('generate', doc, '--data', `examples/${example}`, '--out', out, '--year', '2026');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = docxText(out);
    expect(text).toContain(shows);
    expect(text).not.toMatch(/undefined|\{[#/^]?[a-z]/);
  });

  it('writes a PDF through LibreOffice that shows the 公示 end date', async () => {
    const out = join(tmp, 'publicity.pdf');
    const r = await shenbao(
      'generate',
      'publicity-notice',
      '--data',
      'examples/publicity-notice.json',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain('公示时间：2026年9月24日至2026年9月30日');
  });

  it('writes the web page of a 撤销公告', async () => {
    const out = join(tmp, 'revocation.html');
    expect(
      (
        await shenbao(
          'generate',
          'revocation-announcement',
          '--data',
          'examples/revocation-announcement.json',
          '--out',
          out,
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('两年内不得重新申请认定（至2030年11月28日）');
  });

  it('exit 1 with zh errors for invalid data, and writes nothing', async () => {
    const out = join(tmp, 'invalid.docx');
    const r = await shenbao(
      'generate',
      'application-book',
      '--data',
      invalidFile('uscc-check-character'),
      '--out',
      out,
      '-y',
      '2026',
    );
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('「统一社会信用代码」校验位错误');
    expect(existsSync(out)).toBe(false);
  });

  it('第八条（三）: exit 1 and no 展厅建设承诺书 for an applicant whose hall is built (appliesIf)', async () => {
    const out = join(tmp, 'hall-built.docx');
    const r = await shenbao(
      'generate',
      'hall-commitment',
      '--data',
      'examples/application.json',
      '--out',
      out,
      '-y',
      '2026',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '“人工智能赋能业务体验展厅建设承诺书”不适用于所给数据：该文书仅在体验展厅尚未建成、承诺建设时提供（第八条（三））',
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [
      'an unknown document',
      ['generate', 'no-such-doc', '--data', 'examples/application.json', '--out', 'x.docx'],
    ],
    [
      'an unknown output type',
      ['generate', 'application-book', '--data', 'examples/application.json', '--out', 'x.txt'],
    ],
    ['a missing data file', ['generate', 'application-book', '--data', 'no/such.json', '--out', 'x.docx']],
  ])('exit 2 for %s', async (_name, args) => {
    const r = await shenbao(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('shenbao batch', () => {
  it('renders every good input, reports and skips a bad one, and zips the results', async () => {
    const dataDir = join(tmp, 'batch-in');
    const outDir = join(tmp, 'batch-out');
    mkdirSync(dataDir, { recursive: true });
    const app = JSON.parse(readFileSync(join(ROOT, 'examples/application.json'), 'utf8'));
    for (let i = 1; i <= 4; i++) {
      writeFileSync(
        join(dataDir, `a${i}.json`),
        JSON.stringify({ ...app, center: { ...app.center, name: `中心${i}号` } }),
      );
    }
    writeFileSync(
      join(dataDir, 'bad.json'),
      JSON.stringify({ ...app, applicant: { ...app.applicant, creditCode: 'x' } }),
    );
    const zip = join(tmp, 'books.zip');
    const r = await shenbao(
      'batch',
      'application-book',
      '--data-dir',
      dataDir,
      '--out-dir',
      outDir,
      '--zip',
      zip,
      '-y',
      '2026',
      '-w',
      '2',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.json');
    expect(readdirSync(outDir).sort()).toEqual(['a1.docx', 'a2.docx', 'a3.docx', 'a4.docx']);
    expect(docxText(join(outDir, 'a3.docx'))).toContain('中心3号');
    expect(Object.keys(new PizZip(readFileSync(zip)).files).sort()).toEqual([
      'a1.docx',
      'a2.docx',
      'a3.docx',
      'a4.docx',
    ]);
  });
});

describe('shenbao templates', () => {
  it('lists every document of the programme', async () => {
    const r = await shenbao('templates', 'list');
    expect(r.code).toBe(0);
    for (const [doc] of DOCUMENTS) expect(r.out).toContain(doc);
  });
  it('lints every shipped template clean (warnings only)', async () => {
    const r = await shenbao('templates', 'lint');
    expect(r.code).toBe(0);
    expect(r.out).toContain('模板检查通过');
  });
});
