// A zip of generated documents (batch --zip), written by fflate. .docx files are already
// deflated, so they are stored as they are (level 0) rather than compressed a second time.

import { type Zippable, zipSync } from 'fflate';

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

/** Every entry carries the same date, so the same documents give the same zip. */
const MTIME = new Date(1980, 0, 1);

export function zipFiles(files: readonly ZipFile[]): Uint8Array {
  // No prototype: a file named like an Object.prototype member stays a file.
  const entries: Zippable = Object.create(null);
  for (const f of files) {
    if (Object.hasOwn(entries, f.name)) throw new Error(`zip 中有重名文件：${f.name}`);
    entries[f.name] = [f.data, { level: 0, mtime: MTIME }];
  }
  return zipSync(entries);
}
