// What a one-shot command keeps between runs so that it does not redo the same work each time:
// compiled validators (core's diskValidatorStore: ajv's standalone code for the year's schema) and
// compiled template parts (docgen's CompiledPartsStore, for the large Word templates). Both are keyed
// by a hash of everything that decides them and checked when read (core's fileCache); a changed
// schema or template is a new key, a damaged entry is compiled afresh.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type FileCache, fileCache, sha256 } from '@shenbao/core/node';
import type { CompiledPartsStore } from '@shenbao/docgen';

/**
 * The cache folder: $SHENBAO_CACHE_DIR, else node_modules/.cache/shenbao in the repository, else
 * $XDG_CACHE_HOME/shenbao or ~/.cache/shenbao; SHENBAO_CACHE_DIR=off keeps nothing.
 */
export function cacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.SHENBAO_CACHE_DIR;
  if (set === 'off') return undefined;
  if (set) return resolve(set);
  if (existsSync(join(root, 'node_modules'))) return join(root, 'node_modules', '.cache', 'shenbao');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'shenbao');
}

export interface DiskCompiledPartsStore extends CompiledPartsStore {
  readonly cache: FileCache;
}

/** Compiled template parts in `dir`, keyed by docxtemplater's fingerprint and the template's bytes. */
export function diskCompiledPartsStore(dir: string): DiskCompiledPartsStore {
  const cache = fileCache(dir, { ext: '.json', maxFiles: 32 });
  return {
    cache,
    key: (bytes, fingerprint) => `${fingerprint}\n${sha256(bytes)}`,
    read: (key) => cache.read(key),
    write: (key, text) => cache.write(key, text),
    reject: (key) => cache.reject(key),
  };
}
