import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt, readJson } from '../../../test/support/programs';
import { lintTemplates, render } from '../src';

const mini = () => programAt(MINI_DIR);

describe('a template of the second test programme renders through the same code', () => {
  it('fills the certificate with the mini programme data and its own reference names', () => {
    const data = readJson('test/fixtures/programs/mini-grant-application.json');
    const bytes = render(mini(), 'certificate', data, { year: 2025 });
    const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('示例绿能制造有限公司');
    expect(text).toContain('所在区：甲区');
    expect(text).toContain('9.5%');
    expect(text).not.toMatch(/undefined|null|\{/);
  });

  it('refuses data that its own schema refuses, with its own messages', () => {
    const data = {
      ...(readJson('test/fixtures/programs/mini-grant-application.json') as object),
      energySaving: 1,
    };
    expect(() => render(mini(), 'certificate', data, { year: 2025 })).toThrow(/单位产值能耗下降率/);
  });

  it('its template lints clean against its own schema', () => {
    const issues = lintTemplates(mini()).filter((i) => i.severity === 'error');
    expect(issues).toEqual([]);
  });
});
