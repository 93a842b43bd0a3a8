// Raw DEFLATE and CRC-32 for the zip layer. Node's zlib is native and several times faster
// than a JavaScript inflater; the browser gets fflate. `getBuiltinModule` is synchronous and
// absent in browsers, so no bundler ever sees a `node:zlib` import.

import type * as NodeZlib from 'node:zlib';
import { deflateSync as fflateDeflate, inflateSync as fflateInflate } from 'fflate';

type Zlib = typeof NodeZlib;

const nodeZlib: Zlib | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:zlib') as Zlib | undefined;
  } catch {
    return undefined;
  }
})();

/** Which implementation is in use, for benchmarks and diagnostics. */
export const deflateEngine: 'node-zlib' | 'fflate' = nodeZlib ? 'node-zlib' : 'fflate';

export function deflateRaw(data: Uint8Array, level: number): Uint8Array {
  if (nodeZlib) return nodeZlib.deflateRawSync(data, { level });
  return fflateDeflate(data, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });
}

export function inflateRaw(data: Uint8Array, size: number): Uint8Array {
  if (nodeZlib) return nodeZlib.inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
  return fflateInflate(data, { out: new Uint8Array(size) });
}

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

export function crc32(data: Uint8Array): number {
  if (nodeZlib && typeof nodeZlib.crc32 === 'function') return nodeZlib.crc32(data) >>> 0;
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
