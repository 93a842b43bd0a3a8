/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters, the last a mod-31 check character
 * over the first 17 with weights 3^(i-1) mod 31.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Character code → value in the charset, or -1. A table: validation runs per field per keystroke. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;

export type UsccProblem = 'length' | 'charset' | 'checkCharacter';

const valueAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c < 128 ? (VALUE[c] as number) : -1;
};

export function usccCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueAt(first17, i);
    if (v < 0) return undefined;
    sum += v * (WEIGHTS[i] as number);
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Why a code is not a valid USCC, or undefined when it is. */
export function usccProblem(code: string): UsccProblem | undefined {
  if (code.length !== 18) return 'length';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueAt(code, i);
    // Positions 3–8 are the registering authority's area code: digits only.
    if (v < 0 || (i >= 2 && i < 8 && v > 9)) return 'charset';
    sum += v * (WEIGHTS[i] as number);
  }
  const check = valueAt(code, 17);
  if (check < 0) return 'charset';
  return check === (31 - (sum % 31)) % 31 ? undefined : 'checkCharacter';
}

export const isUscc = (code: string): boolean => usccProblem(code) === undefined;

export const USCC_PROBLEM_TEXT: Record<UsccProblem, string> = {
  length: '应为18位',
  charset: '含有不允许的字符（不使用 I、O、S、V、Z）或结构不正确',
  checkCharacter: '校验位错误',
};
