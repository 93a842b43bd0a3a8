// PDF through LibreOffice headless (Node only). A warm office (warm-converter.ts) serves the calls
// when python3-uno is installed; otherwise each call starts soffice cold with its own profile
// directory (two soffice processes sharing a profile block each other). A fontconfig file from the
// programme's templates maps 仿宋_GB2312 and friends onto installed CJK fonts; without it
// LibreOffice falls back to Japanese glyph forms (reference/documents.md §5).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocgenError } from './errors.js';
import { printPass } from './print-layout.js';
import { PDF_FILTER_DATA } from './uno-bridge.js';
import { findUnoPython, WarmPdfConverter, WarmUnavailableError } from './warm-converter.js';

export class SofficeMissingError extends DocgenError {
  override name = 'SofficeMissingError';
  constructor() {
    super(
      '未安装 LibreOffice，无法生成 PDF。请运行：apt-get install libreoffice-writer-nogui fonts-noto-cjk' +
        ' / LibreOffice is not installed; run: apt-get install libreoffice-writer-nogui fonts-noto-cjk',
    );
  }
}

export function findSoffice(): string | undefined {
  const fromEnv = process.env.SHENBAO_SOFFICE;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  for (const p of [
    '/usr/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
  ]) {
    if (existsSync(p)) return p;
  }
  return undefined;
}

export interface PdfOptions {
  /** fontconfig file (templates/fonts/fonts.conf); used when it exists. */
  fontsConf?: string;
  timeoutMs?: number;
  soffice?: string;
  /**
   * Use the warm office (default: yes unless SHENBAO_PDF_WARM=0). Falls back to a cold start when
   * python3-uno is missing or the office cannot be started.
   */
  warm?: boolean;
  /**
   * GB/T 9704 7.4: a document whose layout ends on an odd page gets its foot-of-the-版心 box (the 版记)
   * moved to the next even page and is converted again (print-layout.ts). Default: yes.
   */
  evenLastPage?: boolean;
}

const warmConverters = new Map<string, WarmPdfConverter>();
/** When a key's warm office last failed to start: cold for a while, rather than a failed start per call. */
const warmUnavailable = new Map<string, number>();
const WARM_RETRY_MS = 10 * 60_000;

/** The warm converter for these options, or undefined when the cold path is to be used. */
export function warmConverterFor(options: PdfOptions = {}): WarmPdfConverter | undefined {
  if (options.warm === false || (options.warm === undefined && process.env.SHENBAO_PDF_WARM === '0'))
    return undefined;
  const soffice = options.soffice ?? findSoffice();
  const python = findUnoPython();
  if (!soffice || !python) return undefined;
  // One office per fontconfig file: FONTCONFIG_FILE is read when the office starts.
  const key = `${soffice}\0${options.fontsConf ?? ''}`;
  const failedAt = warmUnavailable.get(key);
  if (failedAt !== undefined && Date.now() - failedAt < WARM_RETRY_MS) return undefined;
  let converter = warmConverters.get(key);
  if (!converter) {
    converter = new WarmPdfConverter({ soffice, python, fontsConf: options.fontsConf });
    warmConverters.set(key, converter);
  }
  return converter;
}

/** Stops every warm office (they also stop when idle and when the process exits). */
export function stopPdfConverters(): void {
  for (const c of warmConverters.values()) c.dispose();
  warmConverters.clear();
}

async function convertWarm(inputs: readonly string[], outDir: string, options: PdfOptions): Promise<boolean> {
  const converter = warmConverterFor(options);
  if (!converter) return false;
  try {
    for (const input of inputs) {
      await converter.convert(input, join(outDir, pdfName(input)), options.timeoutMs);
    }
    return true;
  } catch (e) {
    if (!(e instanceof WarmUnavailableError)) throw e;
    for (const [key, c] of warmConverters) {
      if (c === converter) {
        warmUnavailable.set(key, Date.now());
        warmConverters.delete(key);
        c.dispose();
      }
    }
    return false;
  }
}

/** soffice's `--convert-to` argument with the export options of PDF_FILTER_DATA (LibreOffice ≥ 7.4 reads JSON). */
export const PDF_CONVERT_TO = `pdf:writer_pdf_Export:${JSON.stringify(
  Object.fromEntries(
    Object.entries(PDF_FILTER_DATA).map(([k, v]) => [k, { type: 'boolean', value: String(v) }]),
  ),
)}`;

const pdfName = (f: string) => `${(f.split(/[\\/]/).pop() ?? f).replace(/\.[^.]+$/, '')}.pdf`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new DocgenError(
            `LibreOffice 转换失败（${signal ?? code}）：${stderr.trim().split('\n').pop() ?? ''}`,
          ),
        );
    });
  });
}

/**
 * Converts .docx files to PDF: through the warm office when there is one, else in one cold
 * LibreOffice run for all of them (start-up paid once). Returns the PDF paths in `outDir`.
 */
export async function convertFilesToPdf(inputs: readonly string[], outDir: string, options: PdfOptions = {}) {
  const soffice = options.soffice ?? findSoffice();
  if (!soffice) throw new SofficeMissingError();
  if (await convertWarm(inputs, outDir, { ...options, soffice }))
    return inputs.map((f) => join(outDir, pdfName(f)));
  const profile = await mkdtemp(join(tmpdir(), 'shenbao-lo-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: profile };
  if (options.fontsConf && existsSync(options.fontsConf)) env.FONTCONFIG_FILE = options.fontsConf;
  try {
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(profile, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nologo',
        '--nodefault',
        '--nolockcheck',
        '--convert-to',
        PDF_CONVERT_TO,
        '--outdir',
        outDir,
        ...inputs,
      ],
      env,
      options.timeoutMs ?? 120_000,
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  return inputs.map((f) => join(outDir, pdfName(f)));
}

async function convertOne(docx: Uint8Array, options: PdfOptions): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'shenbao-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    const [pdf] = await convertFilesToPdf([input], dir, options);
    if (!pdf || !existsSync(pdf)) throw new DocgenError('LibreOffice 没有生成 PDF 文件');
    return new Uint8Array(await readFile(pdf));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The PDF of a .docx. When the layout ends on an odd page and the document keeps a 版记 at the foot of
 * its last page, that 版记 is moved to the next even page and the document laid out again.
 */
export async function docxToPdf(docx: Uint8Array, options: PdfOptions = {}): Promise<Uint8Array> {
  const pdf = await convertOne(docx, options);
  const again = options.evenLastPage === false ? undefined : printPass(docx, pdf);
  return again ? convertOne(again, options) : pdf;
}
