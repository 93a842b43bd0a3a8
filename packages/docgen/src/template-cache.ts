// Compiled templates by programme id + template path + content hash: a changed template file
// is a new key, and the same bytes are never compiled twice. Bounded, least recently used out.

import { type CompiledTemplate, compileTemplate } from './compiled-template.js';
import { crc32 } from './deflate.js';

const MAX_ENTRIES = 64;
const cache = new Map<string, CompiledTemplate>();
// The programme's file map hands out the same Uint8Array each time: skip hashing then.
const byBytes = new WeakMap<Uint8Array, string>();

let hits = 0;
let misses = 0;

export function contentKey(programId: string, path: string, bytes: Uint8Array): string {
  let key = byBytes.get(bytes);
  if (key === undefined) {
    key = `${programId}\u0000${path}\u0000${bytes.length.toString(16)}-${crc32(bytes).toString(16)}`;
    byBytes.set(bytes, key);
  }
  return key;
}

export function cachedTemplate(programId: string, path: string, bytes: Uint8Array): CompiledTemplate {
  const key = contentKey(programId, path, bytes);
  const found = cache.get(key);
  if (found) {
    hits++;
    cache.delete(key);
    cache.set(key, found);
    return found;
  }
  misses++;
  const compiled = compileTemplate(bytes, path);
  cache.set(key, compiled);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return compiled;
}

export function templateCacheStats(): { hits: number; misses: number; size: number } {
  return { hits, misses, size: cache.size };
}

export function clearTemplateCache(): void {
  cache.clear();
  hits = 0;
  misses = 0;
}
