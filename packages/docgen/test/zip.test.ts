import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/deflate.js';
import { deflatedEntry, readZip, writeZip, ZipFormatError } from '../src/zip.js';
import { zipFiles } from '../src/zip-files.js';
import { makeDocx, unzipText } from './fixtures.js';

const enc = new TextEncoder();

describe('zip layer', () => {
  it('round-trips a package: copied entries keep their bytes, PizZip reads the result', () => {
    const src = makeDocx('<w:p/>');
    const entries = readZip(src);
    const out = writeZip(
      entries.map((e) =>
        e.name === 'word/styles.xml' ? deflatedEntry(e.name, enc.encode('<x/>'), 6, e) : e,
      ),
    );
    const text = unzipText(out);
    expect(text['word/styles.xml']).toBe('<x/>');
    expect(text['word/document.xml']).toContain('<w:body>');
    expect(readZip(out).map((e) => e.name)).toEqual(entries.map((e) => e.name));
  });

  it('crc32 matches the reference value', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
  });

  it('stores already-compressed documents in a batch zip that fflate and unzip both open', () => {
    const docs = [
      { name: '甲单位.docx', data: makeDocx('<w:p/>') },
      { name: 'b.docx', data: makeDocx('<w:p><w:r><w:t>乙</w:t></w:r></w:p>') },
    ];
    const zip = zipFiles(docs);
    const opened = unzipSync(zip);
    expect(Object.keys(opened)).toEqual(['甲单位.docx', 'b.docx']);
    for (const d of docs) expect(Buffer.from(opened[d.name]!).equals(Buffer.from(d.data))).toBe(true);
    // Stored, not deflated a second time.
    expect(readZip(zip).map((e) => [e.name, e.method])).toEqual([
      ['甲单位.docx', 0],
      ['b.docx', 0],
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'docgen-zip-')), 'batch.zip');
    writeFileSync(file, zip);
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    if (test.error) return; // no unzip on this machine: fflate's reading above stands
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toContain('No errors detected');
  });

  it('refuses two documents with the same name in one zip', () => {
    const data = makeDocx('<w:p/>');
    expect(() =>
      zipFiles([
        { name: 'a.docx', data },
        { name: 'a.docx', data },
      ]),
    ).toThrow(/重名/);
  });

  it('refuses unsafe names, bombs and non-zips before inflating', () => {
    const data = enc.encode('x');
    const bad = (name: string) => writeZip([deflatedEntry(name, data, 6)]);
    for (const name of ['../evil.xml', '/abs.xml', 'a\\b.xml', '__proto__', 'word/../../x']) {
      expect(() => readZip(bad(name))).toThrow(ZipFormatError);
    }
    const big = deflatedEntry('big.xml', new Uint8Array(5 * 1024 * 1024), 9);
    expect(() => readZip(writeZip([big]))).toThrow(/压缩炸弹/);
    expect(() => readZip(writeZip([deflatedEntry('a', data, 6), deflatedEntry('a', data, 6)]))).toThrow(
      /重复/,
    );
    expect(() => readZip(enc.encode('not a zip at all, definitely not'))).toThrow(ZipFormatError);
  });
});
