import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { invalidFile } from '../../../test/support/invalid';
import { ROOT } from '../../../test/support/programs';
import { shenbao, spawned, tmp, tmpFile } from './support/run';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('shenbao validate', () => {
  it('exit 0 for a valid application', async () => {
    const r = await shenbao(
      'validate',
      'examples/application.json',
      '--form',
      'application',
      '--year',
      '2026',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔');
  });

  it('exit 1 with one line per error: <json-pointer>  <zh message>', async () => {
    const r = await shenbao(
      'validate',
      invalidFile('commitment-below-minimum'),
      '--form',
      'application',
      '--year',
      '2026',
    );
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual([
      '/commitments/softwareRevenue  「运营单位全年软件和信息技术服务业收入（万元）」不能小于1000',
      '/commitments/trainingSessions  「人才培训（场）」不能小于6',
    ]);
  });

  it('--json prints an array of {path, keyword, message}', async () => {
    const r = await shenbao(
      'validate',
      invalidFile('uscc-check-character'),
      '-f',
      'application',
      '-y',
      '2026',
      '--json',
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([
      { path: '/applicant/creditCode', keyword: 'format', message: '「统一社会信用代码」校验位错误' },
    ]);
  });

  it('validates against a staff targets draft with --targets', async () => {
    const r = await shenbao(
      'validate',
      'examples/application.json',
      '-f',
      'application',
      '--targets',
      'examples/targets-2027.json',
    );
    // The 2027 draft asks for 4 success cases where the example has 3 (its commitments meet it).
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual(['/capability/cases  「人工智能应用项目成功案例」至少需要4项']);
  });

  it.each([
    [
      'an unreadable file',
      ['validate', 'no/such/file.json', '-f', 'application', '-y', '2026'],
      '无法读取文件',
    ],
    [
      'an unknown form',
      ['validate', 'examples/application.json', '-f', 'nope', '-y', '2026'],
      '未知的表单：nope',
    ],
    [
      'a year with no targets',
      ['validate', 'examples/application.json', '-f', 'application', '-y', '2031'],
      '2031年度没有年度目标',
    ],
    [
      'a malformed year',
      ['validate', 'examples/application.json', '-f', 'application', '-y', '26'],
      '年度格式错误',
    ],
    ['a missing --form', ['validate', 'examples/application.json'], '用法错误'],
    [
      'an unknown option',
      ['validate', 'examples/application.json', '-f', 'application', '--bogus'],
      '用法错误',
    ],
  ])('exit 2 for %s, one line and no stack trace', async (_name, args, message) => {
    const r = await shenbao(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    noStack(r.err);
  });

  it('exit 2 for ill-formed JSON', async () => {
    const r = await shenbao(
      'validate',
      tmpFile('bad.json', '{"applicant": {'),
      '-f',
      'application',
      '-y',
      '2026',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('不是合法的 JSON');
    noStack(r.err);
  });

  it('exit 1 for a 10 MB string, with the field named', async () => {
    const data = JSON.parse(readFileSync(join(ROOT, 'examples/application.json'), 'utf8'));
    data.applicant.name = 'x'.repeat(10 * 1024 * 1024);
    const r = await shenbao(
      'validate',
      tmpFile('big.json', JSON.stringify(data)),
      '-f',
      'application',
      '-y',
      '2026',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('「申报单位名称」不能超过100个字符');
  });

  it('exit 2 for a file over the size limit', async () => {
    const r = await shenbao(
      'validate',
      tmpFile('huge.json', `"${'x'.repeat(21 * 1024 * 1024)}"`),
      '-f',
      'application',
      '-y',
      '2026',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件过大');
  });

  it('exit 1 for __proto__ and constructor keys', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const r = await shenbao(
        'validate',
        tmpFile(`${key}.json`, `{"applicant":{"${key}":{"x":1}}}`),
        '-f',
        'application',
        '-y',
        '2026',
      );
      expect(r.code).toBe(1);
      expect(r.out).toContain(key);
    }
  });

  it('control characters in free text are data: valid here, removed where a document is made', async () => {
    const data = JSON.parse(readFileSync(join(ROOT, 'examples/application.json'), 'utf8'));
    const withControls = { ...data, center: { ...data.center, positioning: 'a\u0001b\u001fc' } };
    const r = await shenbao(
      'validate',
      tmpFile('ctl.json', JSON.stringify(withControls)),
      '-f',
      'application',
      '-y',
      '2026',
    );
    expect(r.code).toBe(0);
    noStack(r.err);
    const out = join(tmp, 'ctl.docx');
    const g = await shenbao('generate', 'application-book', '--data', join(tmp, 'ctl.json'), '--out', out);
    expect(g.code).toBe(0);
    const xml = new PizZip(readFileSync(out)).file('word/document.xml')?.asText() ?? '';
    expect(xml).toContain('abc');
    expect(xml.includes('\u0001') || xml.includes('\u001f')).toBe(false);
  });

  it('exit 1 for 10,000 levels of nesting, quickly and without a crash', async () => {
    const deep = `{"applicant":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const started = Date.now();
    const r = await shenbao('validate', tmpFile('deep.json', deep), '-f', 'application', '-y', '2026');
    expect(r.code).toBe(1);
    expect(r.out).toContain('嵌套层级过深');
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('as a real process', () => {
  it('sets the exit code and prints errors to stderr without a stack trace', () => {
    expect(spawned('check', 'examples/application.json', '--year', '2026').code).toBe(0);
    const bad = spawned('validate', 'no/such.json', '-f', 'application');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(spawned('validate', invalidFile('negative-capital'), '-f', 'application', '-y', '2026').code).toBe(
      1,
    );
  });
});

describe('shenbao check', () => {
  it('exit 0 when every condition of 第六条 and material of 第八条 is met', async () => {
    const r = await shenbao('check', 'examples/application.json', '--year', '2026');
    expect(r.code).toBe(0);
    for (const a of ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）'])
      expect(r.out).toContain(`第六条${a}`);
    expect(r.out).toContain('第八条（五）');
    expect(r.out).toContain('结论：全部条件和材料均满足');
  });

  it('exit 1 with the reasons when a condition is not met', async () => {
    const r = await shenbao('check', invalidFile('commitment-below-minimum'), '--year', '2026');
    expect(r.code).toBe(1);
    expect(r.out).toContain('✘ 不满足 第六条（七）');
    expect(r.out).toContain('承诺软件和信息技术服务业收入 800 万元，低于要求的 1000 万元');
  });

  it('--json gives one result per condition and material', async () => {
    const r = await shenbao('check', 'examples/application-hall-committed.json', '--year', '2026', '--json');
    const json = JSON.parse(r.out) as { met: boolean; conditions: unknown[]; materials: unknown[] };
    expect(r.code).toBe(0);
    expect(json.met).toBe(true);
    expect(json.conditions).toHaveLength(7);
    expect(json.materials).toHaveLength(5);
  });
});

describe('shenbao schema and program lint', () => {
  it('prints the year schema with the year minimums', async () => {
    const r = await shenbao('schema', 'application', '--year', '2026');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).properties.commitments.properties.softwareRevenue.minimum).toBe(1000);
  });

  it('lints the shipped programme and the second test programme', async () => {
    expect((await shenbao('program', 'lint')).code).toBe(0);
    expect((await shenbao('program', 'lint', 'test/fixtures/programs/schemas/mini-grant')).code).toBe(0);
  });

  // The third test programme: its forms are none of the first programme's.
  const design = 'test/fixtures/programs/schemas/design-centre';
  const designForms = ['application', 'requirements', 'publicity'];

  it('program forms lists the forms of the programme given, from its manifest', async () => {
    const r = await shenbao('program', 'forms', design, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((f: { id: string }) => f.id)).toEqual(designForms);
  });

  it('validate --help names no programme’s forms; a missing --form lists the given programme’s', async () => {
    const help = await shenbao('validate', '--help');
    expect(help.out).toContain('program forms');
    expect(help.out).not.toMatch(/self-assessment|review/);
    const r = await shenbao('validate', 'examples/application.json', '-p', design);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`本项目的表单：${designForms.join('、')}`);
  });

  it('exit 2 for a folder without a programme', async () => {
    const r = await shenbao('program', 'lint', tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有 program.json');
  });
});

describe('--help in Chinese and English on every command', () => {
  it.each([[], ['validate'], ['check'], ['schema'], ['program'], ['program', 'lint'], ['program', 'forms']])(
    'shenbao %s --help',
    async (...cmd) => {
      const r = await shenbao(...(cmd as string[]), '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/[\u4e00-\u9fff]/);
      expect(r.out).toMatch(/\/ [A-Za-z]/);
    },
  );
});
