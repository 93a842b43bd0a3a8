// What a file is, decided by its bytes (file-type's magic numbers), never by the name or the
// Content-Type the browser sends: an executable named x.pdf is an executable. The first bytes
// are read ahead, examined, then handed on in front of the rest, so the upload still streams.

import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/**
 * Read ahead this much at most. Most formats show at 4 KB; a .docx is a zip whose entries are
 * walked until one under `word/` appears, which may take a few tens of KB in.
 */
export const SNIFF_BYTES = 256 * 1024;

/** A Word 97–2003 file is a Compound File holding a stream named "WordDocument" (UTF-16LE). */
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');
const CFB = 'application/x-cfb';

export interface Sniffed {
  /** The media type the bytes show (`application/msword` for a Compound File), or undefined. */
  mediaType: string | undefined;
  /** The extension file-type names, for messages (`exe`, `elf`, `zip`…). */
  ext: string | undefined;
  /** True when the file has no bytes at all. */
  empty: boolean;
  /** All of the bytes again, from the first. */
  stream: Readable;
}

/** Reads up to `want` bytes, then gives back a stream of those bytes followed by the rest. */
async function peek(input: Readable, want: number): Promise<{ head: Buffer; rest: Readable }> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let have = 0;
  let ended = false;
  while (have < want) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    chunks.push(r.value);
    have += r.value.length;
  }
  const head = Buffer.concat(chunks);
  const remaining: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    // for-await returns the iterator when stopped early, which destroys the source stream.
    if (!ended) for await (const chunk of remaining) yield chunk;
  }
  return { head, rest: Readable.from(all(), { objectMode: false }) };
}

/**
 * Fails the stream at its end unless `marker` occurred in it: the Compound File format also
 * carries installers (.msi) and old Excel files, which must not pass as Word documents.
 */
export class MarkerCheck extends Transform {
  private tail = Buffer.alloc(0);
  private found = false;

  constructor(
    private readonly marker: Buffer,
    private readonly failure: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.found) {
      const window = Buffer.concat([this.tail, chunk]);
      this.found = window.includes(this.marker);
      this.tail = window.subarray(Math.max(0, window.length - this.marker.length + 1));
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.found ? null : this.failure());
  }
}

/**
 * Detects the media type of `input` from its first bytes. `notWord` is the error a Compound
 * File without a Word stream fails with, at its end (before storage keeps anything).
 */
export async function sniff(input: Readable, notWord: () => Error): Promise<Sniffed> {
  const { head, rest } = await peek(input, SNIFF_BYTES);
  const type = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (type?.mime === CFB) {
    // pipeline: an error on either side (the check, or storage giving up) ends both.
    const stream = pipeline(rest, new MarkerCheck(WORD_STREAM, notWord), () => undefined);
    return { mediaType: 'application/msword', ext: 'doc', empty: false, stream };
  }
  return { mediaType: type?.mime, ext: type?.ext, empty: head.length === 0, stream: rest };
}
