import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { ProgramFiles } from '../program/program';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const TEXT_FILE = /\.(json|hbs|md|txt)$/;

/** Adds every file under `base` to `into`, keyed `prefix + path relative to base`. */
function addTree(base: string, prefix: string, into: Map<string, string | Uint8Array>): void {
  const stack = [base];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && statSync(full).size <= MAX_FILE_BYTES) {
        const key = prefix + relative(base, full).split(sep).join('/');
        const bytes = readFileSync(full);
        into.set(key, TEXT_FILE.test(entry.name) ? bytes.toString('utf8') : new Uint8Array(bytes));
      }
    }
  }
}

/** `<root>/templates/<id>` for a programme at `<root>/schemas/<id>`. */
export function templatesDirOf(schemaDir: string): string {
  const dir = resolve(schemaDir);
  return resolve(dir, '..', '..', 'templates', basename(dir));
}

/**
 * Reads a programme from `<root>/schemas/<id>` and its templates from `<root>/templates/<id>`
 * into the file map core loads (templates under the `templates/` prefix).
 */
export function readProgramDir(schemaDir: string): ProgramFiles {
  const files = new Map<string, string | Uint8Array>();
  addTree(resolve(schemaDir), '', files);
  const templates = templatesDirOf(schemaDir);
  if (existsSync(templates)) addTree(templates, 'templates/', files);
  return files;
}

/**
 * Programme folders named by a setting: each entry is either a programme's schema folder
 * (`…/schemas/<id>`, holding program.json) or a root holding `schemas/<id>` folders.
 */
export function findProgramDirs(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const dir = resolve(entry);
    if (existsSync(join(dir, 'program.json'))) out.push(dir);
    else if (existsSync(join(dir, 'schemas'))) {
      for (const e of readdirSync(join(dir, 'schemas'), { withFileTypes: true }))
        if (e.isDirectory() && existsSync(join(dir, 'schemas', e.name, 'program.json')))
          out.push(join(dir, 'schemas', e.name));
    }
  }
  return [...new Set(out)];
}

/** templates/fonts/fonts.conf beside the programme's templates, when present. */
export function fontsConfOf(programDir: string, root: string): string | undefined {
  for (const candidate of [
    resolve(templatesDirOf(programDir), '..', 'fonts', 'fonts.conf'),
    resolve(root, 'templates', 'fonts', 'fonts.conf'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
