/**
 * LibreOffice and poppler helpers for the document tests. Several documents are converted in one soffice
 * call (a cold start costs about a second). A missing tool fails the test with what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PDF_CONVERT_TO } from '@shenbao/docgen/node';
import { ROOT } from './render';

export const FONTS_CONF = join(ROOT, 'templates', 'fonts', 'fonts.conf');

const INSTALL =
  'apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk texlive-lang-chinese poppler-utils';

function need(tool: string, pkg: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${tool} not found: the document tests need ${pkg}. Install with: ${INSTALL}`);
  }
}

export function requireTools(): void {
  need('soffice', 'LibreOffice (libreoffice-writer-nogui)');
  need('pdftotext', 'poppler-utils');
  need('pdftoppm', 'poppler-utils');
  need('pdffonts', 'poppler-utils');
}

export const env = (): NodeJS.ProcessEnv => ({ ...process.env, FONTCONFIG_FILE: FONTS_CONF });

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `shenbao-${prefix}-`));
}

/** Writes the documents to a scratch dir and converts them all to PDF in one soffice call. */
export function toPdf(docs: Record<string, Uint8Array>, dir = scratchDir('pdf')): Record<string, string> {
  requireTools();
  const files = Object.entries(docs).map(([name, bytes]) => {
    const path = join(dir, `${name}.docx`);
    writeFileSync(path, bytes);
    return path;
  });
  const profile = `file://${join(tmpdir(), `lo-${process.pid}`)}`;
  const result = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      PDF_CONVERT_TO,
      '--outdir',
      dir,
      ...files,
    ],
    { env: env(), encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed (${result.status}): ${result.stderr}`);
  const out: Record<string, string> = {};
  for (const f of files) out[basename(f, '.docx')] = f.replace(/\.docx$/, '.pdf');
  return out;
}

export function pdfText(
  pdf: string,
  options: { first?: number; last?: number; layout?: boolean; raw?: boolean } = {},
): string {
  const args = [];
  if (options.raw) args.push('-raw');
  if (options.first) args.push('-f', String(options.first));
  if (options.last) args.push('-l', String(options.last));
  if (options.layout) args.push('-layout');
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
}

export function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

export function pdfFonts(pdf: string): string {
  return execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
}

/** Page size in points from pdfinfo. */
export function pdfPageSize(pdf: string): { width: number; height: number } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  return { width: Number(m?.[1]), height: Number(m?.[2]) };
}
