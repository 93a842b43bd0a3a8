import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';

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
