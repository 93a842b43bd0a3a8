// A pass-through that hashes and counts what flows through it and fails the stream as soon
// as it exceeds its limit, so no driver ever writes more than `maxBytes` or reads the file twice.

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLargeError } from './types';

export class Meter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new BlobTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  // Not `size`: lib-storage reads a body's `size` as its total length.
  get byteCount(): number {
    return this.bytes;
  }

  /** Call once, after the stream has finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
