import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/deflate.js';
import { deflatedEntry, entryData, readZip, writeZip, ZipFormatError } from '../src/zip.js';
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

  it('stores already-compressed documents in a batch zip', () => {
    const doc = makeDocx('<w:p/>');
    const zip = zipFiles([{ name: '甲.docx', data: doc }]);
    const [entry] = readZip(zip);
    expect(entry!.name).toBe('甲.docx');
    expect(Buffer.from(entryData(entry!)).equals(Buffer.from(doc))).toBe(true);
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
