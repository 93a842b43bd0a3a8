import { usccCheckCharacter, usccProblem } from '@shenbao/core';

/** Codes are upper case without spaces; people paste them with both. */
export const normaliseUscc = (t: string): string | undefined => {
  const s = t.replace(/[\s-]/g, '').toUpperCase();
  return s === '' ? undefined : s;
};

/** A live hint while typing: the expected check character, or that the code checks out. */
export function usccHint(text: string): string | undefined {
  const s = normaliseUscc(text) ?? '';
  if (s.length === 17) {
    const check = usccCheckCharacter(s);
    return check ? `按前17位计算，第18位校验码应为 ${check}` : undefined;
  }
  if (s.length === 18 && usccProblem(s) === undefined) return '✓ 校验码正确';
  return undefined;
}
