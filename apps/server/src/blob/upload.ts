// One uploaded file from the wire into storage: its type decided by its bytes and checked
// against what is allowed, its size bounded while it streams, nothing kept when it is refused.
// HTTP is the caller's business: refusals come back as typed errors.

import type { Readable } from 'node:stream';
import { sniff } from './sniff';
import { type BlobStorage, BlobTooLargeError } from './types';

export type UploadProblem =
  /** No bytes at all. */
  | { kind: 'empty' }
  /** The bytes are of a type not allowed (or of none known). */
  | { kind: 'type'; detected: string | undefined }
  /** A Compound File that holds no Word document (an installer, an old spreadsheet). */
  | { kind: 'not-word' }
  | { kind: 'too-large'; maxBytes: number };

export class UploadRefused extends Error {
  override name = 'UploadRefused';
  constructor(readonly problem: UploadProblem) {
    super(`upload refused: ${problem.kind}`);
  }
}

/** The input stream itself failed (a malformed or interrupted multipart body), not storage. */
export class UploadInputError extends Error {
  override name = 'UploadInputError';
  constructor(override readonly cause: unknown) {
    super(`upload input failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

export interface UploadRules {
  /** Allowed media types; undefined: any type the bytes reveal. */
  types: readonly string[] | undefined;
  maxBytes: number;
}

export interface StoredUpload {
  sha256: string;
  size: number;
  mediaType: string;
}

export async function storeUpload(
  input: Readable,
  rules: UploadRules,
  blobs: BlobStorage,
): Promise<StoredUpload> {
  let inputError: unknown;
  input.once('error', (e) => {
    inputError = e;
  });
  try {
    const sniffed = await sniff(input, () => new UploadRefused({ kind: 'not-word' }));
    const { mediaType } = sniffed;
    if (sniffed.empty || !mediaType || (rules.types && !rules.types.includes(mediaType))) {
      sniffed.stream.destroy();
      throw new UploadRefused(sniffed.empty ? { kind: 'empty' } : { kind: 'type', detected: mediaType });
    }
    const { sha256, size } = await blobs.put(sniffed.stream, { maxBytes: rules.maxBytes });
    return { sha256, size, mediaType };
  } catch (e) {
    if (e instanceof UploadRefused) throw e;
    if (e instanceof BlobTooLargeError) throw new UploadRefused({ kind: 'too-large', maxBytes: e.maxBytes });
    // The parser may have failed the stream before this function was even called.
    const failed = inputError ?? input.errored;
    if (failed) throw new UploadInputError(failed);
    throw e;
  }
}
