// A zip of generated documents (batch --zip). .docx files are already deflated, so they
// are stored as they are rather than compressed a second time.

import { crc32 } from './deflate.js';
import { writeZip, type ZipEntry } from './zip.js';

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

export function zipFiles(files: readonly ZipFile[]): Uint8Array {
  const entries: ZipEntry[] = files.map((f) => ({
    name: f.name,
    method: 0,
    crc32: crc32(f.data),
    size: f.data.length,
    compressed: f.data,
    dosTime: 0,
    dosDate: 0x21,
  }));
  return writeZip(entries);
}
