import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram, type Program } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHIPPED_DIR = join(ROOT, 'schemas', 'ai-innovation-center');
export const MINI_DIR = join(ROOT, 'test', 'fixtures', 'programs', 'schemas', 'mini-grant');
/** The third test programme: no yearly assessment, bans in months and until a date, working-day publicity. */
export const DESIGN_DIR = join(ROOT, 'test', 'fixtures', 'programs', 'schemas', 'design-centre');

const cache = new Map<string, Program>();

/** A programme loaded from disk once per test file. */
export function programAt(dir: string): Program {
  let p = cache.get(dir);
  if (!p) {
    p = loadProgram(readProgramDir(dir));
    cache.set(dir, p);
  }
  return p;
}

export const shipped = (): Program => programAt(SHIPPED_DIR);

export function readJson<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as T;
}

/** A deep copy of an example, to change in a test. */
export function example<T = Record<string, unknown>>(name: string): T {
  return structuredClone(readJson<T>(join('examples', name)));
}
