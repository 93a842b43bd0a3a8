// Blob storage: content-addressed bytes (attachments) behind one small interface, so the
// embedded default (a folder) and the S3-API driver for deployments past one machine are
// interchangeable. Objects are named by the sha256 of their bytes: the same file is stored once.

import type { Readable } from 'node:stream';

export interface PutOptions {
  /** More bytes than this and the write is abandoned (nothing stays behind). */
  maxBytes: number;
}

export interface PutResult {
  /** Lower-case hex sha256 of the bytes. */
  sha256: string;
  size: number;
}

export interface BlobStorage {
  /** 'local' or 's3', for logs and health output. */
  readonly kind: string;
  /**
   * Streams `input` into storage while hashing it; never holds the whole file in memory.
   * Throws `BlobTooLargeError` past `maxBytes`, or the input's own error, leaving nothing behind.
   */
  put(input: Readable, options: PutOptions): Promise<PutResult>;
  /** The bytes, or undefined when no object has this sha256. */
  get(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
  /** Removes the object; a missing one is not an error. */
  delete(sha256: string): Promise<void>;
  /** Releases connections (S3 client); the local driver has nothing to release. */
  close(): Promise<void>;
}

/** The input was longer than `maxBytes`; typed so callers can answer 413. */
export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`文件超过 ${maxBytes} 字节的上限`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether `s` is a lower-case hex sha256 (the only names storage accepts: no path tricks). */
export function isSha256(s: string): boolean {
  return SHA256.test(s);
}

/** `ab/cd/abcd…`: two levels of fan-out keep directories (and S3 listings) small. */
export function objectPath(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
