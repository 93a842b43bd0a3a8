import { describe, expect, it } from 'vitest';
import {
  cnDate,
  cnDateRange,
  cnDateTime,
  dateParts,
  isLandline,
  isMobile,
  normalizePhone,
  usccCheckCharacter,
  usccProblem,
} from '../src';

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

describe('normalizePhone: one printed form', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['076922223333', '0769-22223333'],
    ['0769 2222 3333', '0769-22223333'],
    ['(0769)22223333', '0769-22223333'],
    ['01012345678', '010-12345678'],
    ['0769-22223333转123', '0769-22223333转123'],
    ['12345', '12345'],
  ])('%s → %s', (a, b) => expect(normalizePhone(a)).toBe(b));
});

describe('cnDate', () => {
  it('GB/T 9704: full year, no leading zeros', () => {
    expect(cnDate('2026-01-01')).toBe('2026年1月1日');
    expect(cnDate('2026-11-03')).toBe('2026年11月3日');
  });

  it('a date-time with an offset lands on its day in the programme zone', () => {
    expect(cnDate('2026-03-20T17:30:00+08:00', { timeZone: 'Asia/Shanghai' })).toBe('2026年3月20日');
    expect(cnDate('2026-03-19T20:00:00Z', { timeZone: 'Asia/Shanghai' })).toBe('2026年3月20日');
    expect(cnDate('2026-03-20T17:30:00+08:00', { timeZone: 'Asia/Shanghai', time: true })).toBe(
      '2026年3月20日17:30',
    );
  });

  it('without a zone keeps the written wall-clock date', () => {
    expect(cnDate('2026-03-20T23:30:00+08:00')).toBe('2026年3月20日');
  });

  it('invalid dates are returned as written, missing ones blank', () => {
    expect(cnDate('2026-02-30')).toBe('2026-02-30');
    expect(cnDate('明天')).toBe('明天');
    expect(cnDate(null)).toBe('');
    expect(dateParts('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('第九条: 公示时间 as a range', () => {
    expect(cnDateRange('2026-05-06', '2026-05-12')).toBe('2026年5月6日至2026年5月12日');
    expect(cnDateRange('2026-05-06', undefined)).toBe('2026年5月6日');
    expect(cnDateRange('2026-05-06', '2026-05-12', { separator: '—' })).toBe('2026年5月6日—2026年5月12日');
  });
});

describe('cnDateTime: an instant in the programme zone', () => {
  it('moves an instant into the zone and writes the time after a space', () => {
    expect(cnDateTime('2026-03-20T09:30:00Z', 'Asia/Shanghai')).toBe('2026年3月20日 17:30');
    expect(cnDateTime('2026-03-20T09:30:05Z', 'Asia/Shanghai', { seconds: true, compact: true })).toBe(
      '2026年3月20日17:30:05',
    );
  });

  it('a date-time without an offset is read as written; unreadable input is returned', () => {
    expect(cnDateTime('2026-03-20T17:30:00', 'Asia/Shanghai')).toBe('2026年3月20日 17:30');
    expect(cnDateTime('不详', 'Asia/Shanghai')).toBe('不详');
  });
});
