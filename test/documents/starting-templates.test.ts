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
import { type DocgenProgram, lintTemplate } from '@shenbao/docgen';
import { describe, expect, it } from 'vitest';
import { main, TEMPLATES } from '../../scripts/templates/build';
import { SHIPPED_DIR } from '../support/programs';
import { paragraphsText, part } from './helpers/render';

const scratch = () => mkdtempSync(join(tmpdir(), 'shenbao-starter-'));
const quiet = { log: [] as string[], error: [] as string[] };
const run = (argv: string[]) =>
  main(
    argv,
    (l) => quiet.log.push(l),
    (l) => quiet.error.push(l),
  );

/** The shipped programme with one template replaced by `bytes`. */
function programWith(id: string, bytes: Uint8Array): DocgenProgram {
  const files = new Map(readProgramDir(SHIPPED_DIR));
  files.set(`templates/${id}.docx`, bytes);
  return loadProgram(files) as unknown as DocgenProgram;
}

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
    },
  );

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
