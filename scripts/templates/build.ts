/**
 * Writes the Word templates of the AI innovation center programme into templates/ai-innovation-center/.
 *
 *   npx tsx scripts/templates/build.ts            write every template
 *   npx tsx scripts/templates/build.ts --check    exit 1 if a committed template differs from the generator
 *
 * The output is deterministic (fixed timestamps), so a rebuild without changes leaves git clean and
 * test/documents/templates-sync.test.ts can compare the committed files with a fresh build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { offGrid, punctuationDefault } from './ooxml';

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
const FIXED_TIME = '2026-01-01T00:00:00Z';

/** Builds one template as .docx bytes, with timestamps fixed so identical input gives identical bytes. */
export async function buildTemplate(id: string): Promise<Uint8Array> {
  const make = TEMPLATES[id];
  if (!make) throw new Error(`scripts/templates/build.ts: no template "${id}"`);
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

export function templatePath(id: string): string {
  return join(TEMPLATE_DIR, `${id}.docx`);
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const id of Object.keys(TEMPLATES)) {
    const bytes = await buildTemplate(id);
    const path = templatePath(id);
    if (check) {
      let current: Uint8Array | undefined;
      try {
        current = readFileSync(path);
      } catch {
        current = undefined;
      }
      if (!current || Buffer.compare(Buffer.from(current), Buffer.from(bytes)) !== 0) {
        console.error(`${path}: differs from scripts/templates (run npx tsx scripts/templates/build.ts)`);
        stale++;
      }
    } else {
      writeFileSync(path, bytes);
      console.log(`${path} (${bytes.length} bytes)`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
