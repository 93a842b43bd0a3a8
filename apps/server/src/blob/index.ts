// Picks the blob storage driver from the environment: a folder by default, the S3 API with
// SHENBAO_STORAGE=s3.
//
// | variable              | meaning                                                        |
// | --------------------- | -------------------------------------------------------------- |
// | SHENBAO_STORAGE       | `local` (default: `<SHENBAO_DATA_DIR>/files`) or `s3`           |
// | S3_ENDPOINT           | URL of an S3-compatible service (absent: AWS)                   |
// | S3_REGION             | region (default `us-east-1`, what most self-hosted services accept) |
// | S3_BUCKET             | bucket, required with `s3`; must exist                          |
// | S3_ACCESS_KEY_ID      | access key (absent: the SDK's default credential chain)         |
// | S3_SECRET_ACCESS_KEY  | secret key                                                      |
// | S3_FORCE_PATH_STYLE   | `true`/`1`: path-style URLs (most self-hosted services)         |

import { join } from 'node:path';
import { LocalBlobStorage } from './local';
import { S3BlobStorage, type S3Settings } from './s3';
import type { BlobStorage } from './types';

export { LocalBlobStorage } from './local';
export { S3BlobStorage, type S3Settings } from './s3';
export * from './types';

export type BlobConfig = { driver: 'local'; dir: string } | ({ driver: 's3' } & S3Settings);

type Env = Readonly<Record<string, string | undefined>>;

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

/** Reads the settings; a wrong value is refused at start with a Chinese message naming the variable. */
export function blobConfigFromEnv(env: Env, dataDir: string): BlobConfig {
  const driver = (env.SHENBAO_STORAGE ?? 'local').trim().toLowerCase() || 'local';
  if (driver === 'local') return { driver, dir: join(dataDir, 'files') };
  if (driver !== 's3') throw new Error(`SHENBAO_STORAGE 的值“${env.SHENBAO_STORAGE}”无效：应为 local 或 s3`);
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new Error('SHENBAO_STORAGE=s3 时必须设置 S3_BUCKET（存放附件的存储桶）');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new Error(`S3_ENDPOINT 的值“${endpoint}”无效：应为 http:// 或 https:// 开头的地址`);
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    throw new Error('S3_ACCESS_KEY_ID 与 S3_SECRET_ACCESS_KEY 须同时设置（或都不设置，使用默认凭证链）');
  return {
    driver,
    endpoint,
    region: env.S3_REGION?.trim() || 'us-east-1',
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: truthy(env.S3_FORCE_PATH_STYLE),
  };
}

export function createBlobStorage(config: BlobConfig): BlobStorage {
  if (config.driver === 'local') return new LocalBlobStorage(config.dir);
  const { driver: _driver, ...settings } = config;
  return new S3BlobStorage(settings);
}

/** The storage the server uses: settings from `env` (default: the process's), files under `dataDir`. */
export function blobStorageFromConfig(config: { dataDir: string }, env: Env = process.env): BlobStorage {
  return createBlobStorage(blobConfigFromEnv(env, config.dataDir));
}
