import { describe, expect, it } from 'vitest';
import { isLandline, isMobile, normalizePhone, usccCheckCharacter, usccProblem } from '../src';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    '914419006177625157',
    '91441900708017879M',
    '11441900732158786R',
    '91350100M000100Y43',
    '914403001922038216',
    '91310110666007217T',
  ])('accepts the real code %s', (code) => {
    expect(usccProblem(code)).toBeUndefined();
  });

  it('computes the check character of the standard worked example', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('rejects a real early-pilot code whose check character fails (91350211M00013FA1N)', () => {
    expect(usccProblem('91350211M00013FA1N')).toBe('checkCharacter');
  });

  it('rejects one changed character through the check character', () => {
    expect(usccProblem('91441900708017879N')).toBe('checkCharacter');
  });

  it.each([
    ['9144190070801787', 'length'],
    ['91441900708017879MX', 'length'],
    ['91441900I08017879M', 'charset'],
    ['914419007080178790'.replace(/0$/, 'Z'), 'charset'],
    ['91A41900708017879M', 'charset'],
  ])('explains why %s is not a code (%s)', (code, problem) => {
    expect(usccProblem(code)).toBe(problem);
  });
});

describe('phone numbers', () => {
  it.each(['13802456789', '19912345678', '+8613802456789', '008616612345678'])('accepts mobile %s', (n) => {
    expect(isMobile(n)).toBe(true);
  });
  it.each(['12345678901', '1380245678', '23802456789', '138024567890'])('rejects mobile %s', (n) => {
    expect(isMobile(n)).toBe(false);
  });
  it.each([
    '0769-22228101',
    '(0769)22228101',
    '076922228101',
    '010-62345678',
    '0769-22228101转123',
    '020-8888888',
  ])('accepts landline %s', (n) => {
    expect(isLandline(n)).toBe(true);
  });
  it.each(['22228101', '0769-02228101', '769-22228101', '0769-222281011234'])('rejects landline %s', (n) => {
    expect(isLandline(n)).toBe(false);
  });
  it('normalises a mobile number to 11 digits', () => {
    expect(normalizePhone('+86 138 0245 6789')).toBe('13802456789');
  });
});
