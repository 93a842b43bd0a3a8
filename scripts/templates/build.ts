/**
 * Starting points for new Word templates. The .docx files under templates/ are the source of truth:
 * their owners edit them in Word, WPS or LibreOffice and check them in as they are. This generator
 * only writes a first draft of a document (GB/T 9704 page, grid, fonts and the Dongguan wording of
 * scripts/templates/documents/*.ts) for someone starting a new template; nothing compares a
 * checked-in template with it.
 *
 *   npx tsx scripts/templates/build.ts --list                      the starting templates
 *   npx tsx scripts/templates/build.ts --new <id> --out <file>     write one to <file>
 *   npx tsx scripts/templates/build.ts --new <id> --out <file> --force
 *                                                                  replace an existing <file>
 *   … --program <schemas/<programme>>                              the programme whose gongwen.json
 *                                                                  gives the figures (default: the shipped one)
 *
 * Without --force it never writes over an existing file, so a checked-in template is replaced
 * only when asked in so many words. The output is deterministic (fixed timestamps).
 *
 * The GB/T 9704 figures (page, margins, grid, fonts, sizes, page numbers, 版记 rules) are the programme's
 * templates/<programme>/gongwen.json, read by docgen's gongwenLayoutOf, the loader `shenbao templates
 * check` uses; a draft therefore passes the check of the programme it was started for.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { type DocgenProgram, type GongwenLayout, gongwenLayoutOf } from '@shenbao/docgen/node';
import { type Document, Packer } from 'docx';
import PizZip from 'pizzip';
import { applicationBook } from './documents/application-book';
import { failureNotice } from './documents/failure-notice';
import { hallCommitment } from './documents/hall-commitment';
import { publicityNotice } from './documents/publicity-notice';
import { recognitionNotice } from './documents/recognition-notice';
import { revocationAnnouncement } from './documents/revocation-announcement';
import { selfAssessmentReport } from './documents/self-assessment-report';
import { truthfulnessDeclaration } from './documents/truthfulness-declaration';
import { offGrid, punctuationDefault, setLayout } from './ooxml';

/** The starting templates, by the id of the shipped document each was first written for. */
export const TEMPLATES: Readonly<Record<string, () => Document>> = {
  'application-book': applicationBook,
  'hall-commitment': hallCommitment,
  'truthfulness-declaration': truthfulnessDeclaration,
  'publicity-notice': publicityNotice,
  'recognition-notice': recognitionNotice,
  'self-assessment-report': selfAssessmentReport,
  'failure-notice': failureNotice,
  'revocation-announcement': revocationAnnouncement,
};

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATE_DIR = join(ROOT, 'templates', 'ai-innovation-center');
/** The programme whose figures a draft takes unless told otherwise. */
export const PROGRAM_DIR = join(ROOT, 'schemas', 'ai-innovation-center');

/** The GB/T 9704 figures of the programme at `schemaDir` (its templates/<id>/gongwen.json). */
export function layoutOf(schemaDir: string = PROGRAM_DIR): GongwenLayout {
  // loadProgram's Program is what docgen reads under another name (the same cast as its batch worker).
  const program = loadProgram(readProgramDir(schemaDir)) as unknown as DocgenProgram;
  const { layout, error } = gongwenLayoutOf(program);
  if (!layout) throw new Error(error);
  return layout;
}
const FIXED_TIME = '2026-01-01T00:00:00Z';

/** Builds one starting template as .docx bytes with the given figures; identical input gives identical bytes. */
export async function buildTemplate(id: string, layout: GongwenLayout = layoutOf()): Promise<Uint8Array> {
  const make = TEMPLATES[id];
  if (!make) throw new Error(`scripts/templates/build.ts: no starting template "${id}"`);
  setLayout(layout);
  const packed = await Packer.toBuffer(make());
  const zip = new PizZip(packed);
  const out = new PizZip();
  const date = new Date(FIXED_TIME);
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (!entry || entry.dir) continue;
    let text = entry.asText();
    if (/^word\/(document|footer\d+|header\d+)\.xml$/.test(name)) text = offGrid(text);
    if (name === 'word/styles.xml') text = punctuationDefault(text);
    if (name === 'docProps/core.xml') {
      text = text.replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
        `$1${FIXED_TIME}$2`,
      );
    }
    out.file(name, text, { date, createFolders: false });
  }
  return out.generate({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Where the shipped programme keeps the checked-in template of a document. */
export function templatePath(id: string): string {
  return join(TEMPLATE_DIR, `${id}.docx`);
}

const USAGE = `用法 / usage:
  npx tsx scripts/templates/build.ts --list
  npx tsx scripts/templates/build.ts --new <id> --out <file.docx> [--force] [--program <schemas/项目>]
模板以 templates/ 下的 .docx 文件为准（用 Word、WPS 或 LibreOffice 编辑后原样提交）；
本脚本只为新模板生成初稿，不覆盖已有文件（除非加 --force）；版式数值取自项目的 gongwen.json。`;

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The command; returns the exit code. `log` and `error` are for tests. */
export async function main(
  argv: readonly string[],
  log: (line: string) => void = console.log,
  error: (line: string) => void = console.error,
): Promise<number> {
  if (argv.includes('--list')) {
    for (const id of Object.keys(TEMPLATES)) log(id);
    return 0;
  }
  const id = option(argv, '--new');
  const out = option(argv, '--out');
  if (!id || !out || id.startsWith('--') || out.startsWith('--')) {
    error(USAGE);
    return 2;
  }
  if (!TEMPLATES[id]) {
    error(`没有名为“${id}”的初稿模板（现有：${Object.keys(TEMPLATES).join('、')}）`);
    return 2;
  }
  const path = resolve(out);
  if (existsSync(path) && !argv.includes('--force')) {
    error(`${path} 已存在，未覆盖：模板文件以已提交的版本为准；确需用初稿替换时加 --force`);
    return 1;
  }
  let layout: GongwenLayout;
  try {
    layout = layoutOf(option(argv, '--program') ?? PROGRAM_DIR);
  } catch (e) {
    error((e as Error).message);
    return 1;
  }
  const bytes = await buildTemplate(id, layout);
  writeFileSync(path, bytes);
  log(`${path} (${bytes.length} bytes)`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
