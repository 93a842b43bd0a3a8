import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { NATIONAL_CALENDAR_PREFIX, type ProgramFiles } from '../program/program';

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
 * The national holiday calendar folder for a programme: `calendar/` beside the programme's
 * folder (`<root>/schemas/calendar` for `<root>/schemas/<id>`), else the nearest
 * `schemas/calendar` up from it (a test programme inside the repository uses the repository's).
 */
export function nationalCalendarDirOf(schemaDir: string): string | undefined {
  let dir = resolve(schemaDir);
  const sibling = resolve(dir, '..', 'calendar');
  if (existsSync(sibling) && statSync(sibling).isDirectory()) return sibling;
  for (;;) {
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
    const candidate = join(dir, 'schemas', 'calendar');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
  }
}

export interface ReadProgramOptions {
  /** The national calendar folder; default `nationalCalendarDirOf(schemaDir)`, null for none. */
  calendarDir?: string | null;
}

/**
 * Reads a programme from `<root>/schemas/<id>` and its templates from `<root>/templates/<id>`
 * into the file map core loads (templates under the `templates/` prefix), with the national
 * holiday calendars under `../calendar/` (core merges them with the programme's own).
 */
export function readProgramDir(schemaDir: string, options: ReadProgramOptions = {}): ProgramFiles {
  const files = new Map<string, string | Uint8Array>();
  addTree(resolve(schemaDir), '', files);
  const templates = templatesDirOf(schemaDir);
  if (existsSync(templates)) addTree(templates, 'templates/', files);
  const calendars =
    options.calendarDir === undefined ? nationalCalendarDirOf(schemaDir) : options.calendarDir;
  if (calendars && existsSync(calendars))
    for (const entry of readdirSync(calendars, { withFileTypes: true }))
      if (entry.isFile() && /^\d{4}\.json$/.test(entry.name))
        files.set(
          `${NATIONAL_CALENDAR_PREFIX}${entry.name}`,
          readFileSync(join(calendars, entry.name), 'utf8'),
        );
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
