/** Password hashes: Argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1). */
import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id: the enum is an ambient const enum, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with its own random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read (never throws). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a new password is refused (Chinese, for the person choosing it), or undefined when it is
 * acceptable: 8 to 128 characters with both Latin letters and digits. One rule for the API and the CLI.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH || !/[A-Za-z]/.test(password) || !/\d/.test(password))
    return `密码至少${PASSWORD_MIN_LENGTH}位，且须同时包含字母和数字`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}位`;
  return undefined;
}
