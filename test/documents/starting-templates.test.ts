/**
 * The checked-in .docx templates are the source of truth (edited in Word, WPS or LibreOffice and
 * checked in as they are); scripts/templates/build.ts only writes a starting draft for a new one.
 * This checks that the draft is still a usable template and that the script never replaces a file
 * unless told to with --force.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import {
  checkTemplates,
  type DocgenProgram,
  findOoxmlXsd,
  type GongwenLayout,
  gongwenLayoutOf,
  lintTemplate,
  xmllintValidator,
} from '@shenbao/docgen/node';
import { describe, expect, it } from 'vitest';
import { buildTemplate, layoutOf, main, TEMPLATES } from '../../scripts/templates/build';
import { ROOT, SHIPPED_DIR } from '../support/programs';
import { paragraphsText, part } from './helpers/render';

const scratch = () => mkdtempSync(join(tmpdir(), 'shenbao-starter-'));
const quiet = { log: [] as string[], error: [] as string[] };
const run = (argv: string[]) =>
  main(
    argv,
    (l) => quiet.log.push(l),
    (l) => quiet.error.push(l),
  );

/** The shipped programme with files replaced (a template, its gongwen.json). */
function programWith(id: string, bytes: Uint8Array, extra: Record<string, string> = {}): DocgenProgram {
  const files = new Map(readProgramDir(SHIPPED_DIR));
  files.set(`templates/${id}.docx`, bytes);
  for (const [k, v] of Object.entries(extra)) files.set(k, v);
  return loadProgram(files) as unknown as DocgenProgram;
}

/** The OOXML schemas through xmllint when the machine has them (else the structure checks alone). */
const { validate } = xmllintValidator(findOoxmlXsd(undefined, ROOT));

/** What `shenbao templates check <file>` reports for a draft, errors only. */
async function checkErrors(program: DocgenProgram, id: string, bytes: Uint8Array) {
  const { findings } = await checkTemplates(program, { files: [{ path: `${id}.docx`, bytes }], validate });
  return findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.check}: ${f.part ?? ''} ${f.message}`);
}

/** An attribute of the first element `name` in an XML text. */
const attr = (xml: string, name: string, attribute: string) =>
  new RegExp(`<${name}\\b[^>]*\\s${attribute}="([^"]*)"`).exec(xml)?.[1];

describe('starting templates (scripts/templates/build.ts --new)', () => {
  it.each(Object.keys(TEMPLATES))(
    '%s: written to a new file, its tags lint against the programme',
    async (id) => {
      const out = join(scratch(), `${id}.docx`);
      expect(await run(['--new', id, '--out', out])).toBe(0);
      const bytes = new Uint8Array(readFileSync(out));
      const text = paragraphsText(part(bytes, 'word/document.xml')).join('');
      expect(text.length).toBeGreaterThan(0);
      const program = programWith(id, bytes);
      const entry = program.manifest.documents?.find((d) => d.id === id);
      expect(entry, `the shipped programme has a document "${id}"`).toBeDefined();
      expect(lintTemplate(program, entry!).issues.filter((i) => i.severity === 'error')).toEqual([]);
      // …and passes `templates check` as a whole: tags, OOXML, and GB/T 9704 for a bureau document.
      expect(await checkErrors(program, id, bytes)).toEqual([]);
    },
  );

  it('takes the GB/T 9704 figures from the programme’s gongwen.json (the loader the check uses)', async () => {
    const shipped = layoutOf(SHIPPED_DIR);
    expect(shipped).toEqual(gongwenLayoutOf(programWith('x', new Uint8Array())).layout);
    // A programme with another 天头, body size and 版记 rule: a copy of gongwen.json with three figures changed.
    const changed: GongwenLayout = structuredClone(shipped);
    changed.margins.topMm = 40;
    changed.body.size = 30;
    changed.imprint.thickMm = 0.5;
    const before = await buildTemplate('publicity-notice', shipped);
    const after = await buildTemplate('publicity-notice', changed);
    const [docBefore, docAfter] = [part(before, 'word/document.xml'), part(after, 'word/document.xml')];
    const [stylesBefore, stylesAfter] = [part(before, 'word/styles.xml'), part(after, 'word/styles.xml')];
    expect(attr(docBefore, 'w:pgMar', 'w:top')).toBe('2098'); // 37 mm
    expect(attr(docAfter, 'w:pgMar', 'w:top')).toBe('2268'); // 40 mm
    const defaultSize = (xml: string) => attr(xml.slice(xml.indexOf('<w:rPrDefault>')), 'w:sz', 'w:val');
    expect(defaultSize(stylesBefore)).toBe('32');
    expect(defaultSize(stylesAfter)).toBe('30');
    // 版记's thick rules: 1 pt (8 eighths) for 0.35 mm, 1.5 pt for 0.5 mm.
    const thickRules = (xml: string) =>
      [...xml.matchAll(/<w:bottom w:val="single" [^>]*w:sz="(\d+)"/g)].map((m) => m[1]);
    expect(thickRules(docBefore)).toContain('8');
    expect(thickRules(docAfter)).toContain('12');
    expect(thickRules(docAfter)).not.toContain('8');
    // The draft passes the check of the programme whose figures it took, and the shipped figures fail it.
    const withChanged = programWith('publicity-notice', after, {
      'templates/gongwen.json': JSON.stringify(changed),
    });
    expect(await checkErrors(withChanged, 'publicity-notice', after)).toEqual([]);
    const errors = await checkErrors(withChanged, 'publicity-notice', before);
    expect(errors.some((e) => e.includes('天头 40 mm'))).toBe(true);
  });

  it('reads the figures of the programme named by --program, and refuses one without them', async () => {
    const out = join(scratch(), 'publicity-notice.docx');
    expect(await run(['--new', 'publicity-notice', '--out', out, '--program', SHIPPED_DIR])).toBe(0);
    expect(
      await run(['--new', 'publicity-notice', '--out', join(scratch(), 'x.docx'), '--program', scratch()]),
    ).toBe(1);
  });

  it('never writes over an existing file without --force', async () => {
    const out = join(scratch(), 'publicity-notice.docx');
    writeFileSync(out, 'a clerk’s edit');
    expect(await run(['--new', 'publicity-notice', '--out', out])).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('a clerk’s edit');
    expect(quiet.error.at(-1)).toContain('--force');
    expect(await run(['--new', 'publicity-notice', '--out', out, '--force'])).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes nothing without --new and --out, and names the starting templates for an unknown id', async () => {
    expect(await run([])).toBe(2);
    expect(await run(['--new', 'no-such-document', '--out', join(scratch(), 'x.docx')])).toBe(2);
    expect(quiet.error.at(-1)).toContain('publicity-notice');
  });

  it('a build is deterministic', async () => {
    const dir = scratch();
    await run(['--new', 'publicity-notice', '--out', join(dir, 'a.docx')]);
    await run(['--new', 'publicity-notice', '--out', join(dir, 'b.docx')]);
    expect(readFileSync(join(dir, 'a.docx')).equals(readFileSync(join(dir, 'b.docx')))).toBe(true);
  });
});
