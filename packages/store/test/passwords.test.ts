import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../src/index';

describe('passwords', () => {
  it.each([
    ['secret12', undefined],
    ['12345678', '密码至少8位，且须同时包含字母和数字'],
    ['abcdefgh', '密码至少8位，且须同时包含字母和数字'],
    ['abc1234', '密码至少8位，且须同时包含字母和数字'],
    ['中文密码一二三四5', '密码至少8位，且须同时包含字母和数字'],
    [`a1${'x'.repeat(127)}`, '密码不能超过128位'],
  ])('passwordProblem(%j) → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('each hash has its own salt, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('secret12'), hashPassword('secret12')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'secret12')).toBe(true);
    expect(await verifyPassword(b, 'secret12')).toBe(true);
    expect(await verifyPassword(b, 'Secret12')).toBe(false);
  });
});
