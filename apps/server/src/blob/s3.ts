// The S3-API driver, for deployments past one machine (any S3-compatible service).
// The sha256 is known only once the stream has been read, so a put streams to a temp key
// (multipart through lib-storage's Upload, a few parts in memory at most) while hashing,
// then copies it to the content key, unless that object already exists, and deletes the temp key.

import { randomUUID } from 'node:crypto';
import { pipeline as pipe, Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Meter } from './meter';
import { type BlobStorage, isSha256, objectPath, type PutOptions, type PutResult } from './types';

export interface S3Settings {
  /** Full URL of an S3-compatible service; absent for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most self-hosted services). */
  forcePathStyle: boolean;
}

const TMP = 'tmp/';

function notFound(e: unknown): boolean {
  return (
    e instanceof S3ServiceException &&
    (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404)
  );
}

export class S3BlobStorage implements BlobStorage {
  readonly kind = 's3';
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // Since early 2025 the SDK adds CRC32 checksums (and aws-chunked trailers) to uploads by
      // default, which S3-compatible services such as COS, OSS and OBS have been reported to
      // refuse (apache/doris#58467). Send and check them only where the API requires them; the
      // sha256 every object is named by is computed here anyway. (s3rver works either way.)
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(input: Readable, { maxBytes }: PutOptions): Promise<PutResult> {
    const meter = new Meter(maxBytes);
    let failure: unknown;
    // pipeline forwards the input's errors (a client that goes away) into the body stream.
    const body = pipe(input, meter, (e) => {
      if (e) failure ??= e;
    });
    const tempKey = `${TMP}${randomUUID()}`;
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tempKey, Body: body },
      queueSize: 2,
    });
    try {
      await upload.done();
      const sha256 = meter.digest();
      const key = objectPath(sha256);
      if (!(await this.exists(key))) {
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.bucket,
            Key: key,
            CopySource: `${this.bucket}/${tempKey}`,
          }),
        );
      }
      return { sha256, size: meter.byteCount };
    } catch (e) {
      input.destroy();
      throw failure ?? e;
    } finally {
      await this.client
        .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey }))
        .catch(() => undefined);
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!isSha256(sha256)) return undefined;
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: objectPath(sha256) }),
      );
      return out.Body instanceof Readable ? out.Body : undefined;
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  has(sha256: string): Promise<boolean> {
    return isSha256(sha256) ? this.exists(objectPath(sha256)) : Promise.resolve(false);
  }

  async delete(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectPath(sha256) }));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
