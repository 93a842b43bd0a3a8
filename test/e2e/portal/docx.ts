import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { entryData, readZip } from '../../../packages/docgen/src/zip';

/**
 * The text of a .docx as Word users would see it, through real LibreOffice: the file is
 * converted to PDF next to itself (`soffice --headless --convert-to pdf`), then read with
 * `pdftotext`. Whitespace is removed, since table cells and titles wrap long names.
 */
export function docxText(docx: string): string {
  const dir = dirname(docx);
  const conv = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
    encoding: 'utf8',
    timeout: 90_000,
    // A profile of its own: LibreOffice refuses to start twice on one profile.
    env: { ...process.env, HOME: dir },
  });
  if (conv.status !== 0)
    throw new Error(`soffice failed (${conv.status}): ${conv.stderr}${conv.error ?? ''}`);
  const pdf = join(dir, basename(docx).replace(/\.docx$/i, '.pdf'));
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  if (text.status !== 0) throw new Error(`pdftotext failed: ${text.stderr}`);
  return text.stdout.replace(/\s/g, '');
}

/**
 * The text of each table row of a .docx as Word stores it (cells joined by `|`), for what a
 * table lists: in the PDF the columns of a wrapped row interleave line by line.
 */
export function docxTableRows(bytes: Uint8Array): string[] {
  const entry = readZip(bytes).find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error('no word/document.xml in the package');
  const xml = new TextDecoder().decode(entryData(entry));
  const text = (s: string) => [...s.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return [...xml.matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc[\s>][\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])).join('|'),
  );
}
