import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/support/programs';
import { bin, builtBeforeAll } from './support/bundle';
import { tmp } from './support/run';

const TEMPLATES = join(ROOT, 'templates', 'ai-innovation-center');

builtBeforeAll();

describe('shenbao templates check', () => {
  it('every shipped template passes (what CI runs)', () => {
    const r = bin(['templates', 'check']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/✔ 模板检查通过（8 个模板/);
    expect(r.out).not.toContain('✘');
  }, 180_000);

  it('a copy of a template with a 30 mm top margin and a misspelt tag fails with both findings', () => {
    const dir = join(tmp, 'templates-check');
    mkdirSync(dir, { recursive: true });
    const zip = new PizZip(readFileSync(join(TEMPLATES, 'recognition-notice.docx')));
    zip.file(
      'word/document.xml',
      zip
        .file('word/document.xml')!
        .asText()
        .replace(/(<w:pgMar [^>]*w:top=")2098"/, '$11701"')
        .replace('{year}', '{yaer}'),
    );
    const file = join(dir, 'recognition-notice.docx');
    writeFileSync(file, zip.generate({ type: 'nodebuffer' }));
    const r = bin(['templates', 'check', file]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('✘ 错误');
    expect(r.out).toContain('[公文格式] 页边距：上边距 30 mm，GB/T 9704—2012 第 5.2.1 条要求天头 37 mm±1 mm');
    // The file is named like the programme's template, so its tags are linted against that schema.
    expect(r.out).toMatch(/\[标签\] 标签“yaer”.*是否应为“year”？/);
    const json = bin(['templates', 'check', file, '--json']);
    const result = JSON.parse(json.out) as { findings: { check: string; severity: string }[] };
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.check)).toContain('gongwen');
  }, 180_000);

  it('without the schema folder the schema part is skipped, not failed', () => {
    const r = bin(['templates', 'check', join(TEMPLATES, 'failure-notice.docx')], {
      SHENBAO_SHARED_DATA: join(tmp, 'no-shared-data'),
      SHENBAO_OOXML_XSD: '',
    });
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^! 跳过 {2}找不到 OOXML 架构文件夹.*已跳过架构校验$/m);
    expect(r.out).toContain('未做架构校验');
  }, 180_000);

  it('--xsd naming a folder without the schemas is a usage error', () => {
    const r = bin(['templates', 'check', '--xsd', join(tmp, 'no-xsd-here')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('wml-wordorder.xsd');
  }, 180_000);
});
