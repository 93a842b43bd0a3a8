import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fontsConfOf } from '@shenbao/core/node';
import { convertFilesToPdf } from '@shenbao/docgen/node';
import { entryData, readZip } from '../../../packages/docgen/src/zip';
import { ROOT, SHIPPED_DIR } from '../../support/programs';

/** The programme's font map, found as the server finds it (仿宋/楷体 to the free faces installed). */
const FONTS_CONF = fontsConfOf(SHIPPED_DIR, ROOT);

/**
 * The text of a .docx as Word users would see it, through real LibreOffice: docgen's converter
 * (its own profile, the programme's fonts) writes the PDF next to the file, then `pdftotext`
 * reads it. Whitespace is removed, since table cells and titles wrap long names. A converter that
 * crashes while starting (seen once under a full test run's load) is given a second start: what
 * is checked here is the text, not LibreOffice's start-up.
 */
export async function docxText(docx: string): Promise<string> {
  const convert = () => convertFilesToPdf([docx], dirname(docx), { fontsConf: FONTS_CONF, warm: false });
  const [pdf] = await convert().catch(convert);
  if (!pdf) throw new Error('LibreOffice wrote no PDF');
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
