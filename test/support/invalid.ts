/**
 * The invalid fixtures of test/fixtures/invalid: each is a valid document (`base` in its
 * `<name>.expected.json`, e.g. examples/application.json) with an RFC 6902 patch
 * (`<name>.patch.json`) that breaks it, and the errors validation must give. The example can change
 * without editing every fixture, and each patch shows what it breaks.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonPatch, { type Operation } from 'fast-json-patch';
import { ROOT, readJson } from './programs';

export const INVALID_DIR = 'test/fixtures/invalid';

export interface InvalidExpected {
  /** The valid document the patch applies to, relative to the repository root. */
  base: string;
  form: string;
  year?: number;
  errors: { path: string; keyword: string; message: string }[];
}

/** The names of the fixtures (`commitment-below-minimum`, …). */
export function invalidNames(): string[] {
  return readdirSync(join(ROOT, INVALID_DIR))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace(/\.expected\.json$/, ''))
    .sort();
}

export function invalidExpected(name: string): InvalidExpected {
  return readJson<InvalidExpected>(`${INVALID_DIR}/${name}.expected.json`);
}

export function invalidPatch(name: string): Operation[] {
  return readJson<Operation[]>(`${INVALID_DIR}/${name}.patch.json`);
}

/**
 * The fixture's data: its base with its patch applied. A patch that no longer fits its base (a
 * path gone from the example) throws, naming the fixture.
 */
export function invalidData<T = unknown>(name: string): T {
  const { base } = invalidExpected(name);
  try {
    return jsonPatch.applyPatch(readJson(base), invalidPatch(name), true, false).newDocument as T;
  } catch (e) {
    throw new Error(`${INVALID_DIR}/${name}.patch.json does not apply to ${base}: ${(e as Error).message}`);
  }
}

let dir: string | undefined;

/** The fixture's data written to a file of its own (`<name>.json` in a temporary folder), for the CLI. */
export function invalidFile(name: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'shenbao-invalid-'));
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(invalidData(name), null, 2)}\n`);
  return file;
}
