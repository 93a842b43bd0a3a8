// A folder of cached texts for one-shot commands (compiled validators, compiled templates): each
// entry is one file named by the SHA-256 of its key, whose first line holds the SHA-256 of the rest,
// so a truncated or edited file is ignored rather than used. Written aside and renamed, so a reader
// sees a whole file or none; the least recently written files beyond a bound are removed. A cache
// that cannot be read or written is no cache: nothing here throws.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileCacheStats {
  hits: number;
  misses: number;
  /** Files ignored: content that does not match its hash, or that the caller could not use. */
  rejected: number;
  saved: number;
}

export interface FileCache {
  readonly dir: string;
  readonly stats: FileCacheStats;
  /** The file that holds `key`'s entry. */
  fileFor(key: string): string;
  /** The entry for `key`, or undefined when there is none or it is damaged. */
  read(key: string): string | undefined;
  write(key: string, text: string): void;
  /** Counts an entry the caller read but could not use (code that does not load, a wrong shape). */
  reject(key: string): void;
}

export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

export function fileCache(dir: string, options: { maxFiles?: number; ext?: string } = {}): FileCache {
  const maxFiles = options.maxFiles ?? 64;
  const ext = options.ext ?? '.txt';
  const stats: FileCacheStats = { hits: 0, misses: 0, rejected: 0, saved: 0 };
  const fileFor = (key: string) => join(dir, `${sha256(key)}${ext}`);
  const prune = () => {
    const files = readdirSync(dir)
      .filter((n) => n.endsWith(ext))
      .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }));
    if (files.length <= maxFiles) return;
    files.sort((a, b) => a.at - b.at);
    for (const f of files.slice(0, files.length - maxFiles)) rmSync(f.path, { force: true });
  };
  return {
    dir,
    stats,
    fileFor,
    read(key) {
      let text: string;
      try {
        text = readFileSync(fileFor(key), 'utf8');
      } catch {
        stats.misses++;
        return undefined;
      }
      const newline = text.indexOf('\n');
      const body = text.slice(newline + 1);
      if (newline < 0 || text.slice(0, newline) !== `// ${sha256(body)}`) {
        stats.rejected++;
        return undefined;
      }
      stats.hits++;
      return body;
    },
    write(key, text) {
      try {
        const file = fileFor(key);
        mkdirSync(dir, { recursive: true });
        const aside = `${file}.${process.pid}.tmp`;
        writeFileSync(aside, `// ${sha256(text)}\n${text}`);
        try {
          renameSync(aside, file);
        } catch (e) {
          rmSync(aside, { force: true });
          throw e;
        }
        stats.saved++;
        prune();
      } catch {
        // Not written: the entry is made again next time.
      }
    },
    reject() {
      stats.hits--;
      stats.rejected++;
    },
  };
}
