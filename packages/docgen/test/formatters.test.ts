import { describe, expect, it } from 'vitest';
import { articleRef } from '../src/formatters/article-ref.js';
import { cnDate, cnDateRange, dateParts } from '../src/formatters/cn-date.js';
import { cnNumeral, cnOrdinal } from '../src/formatters/cn-number.js';
import { rmbUpper, roundTo, wan } from '../src/formatters/money.js';
import { phone } from '../src/formatters/phone.js';

describe('cnNumeral / cnOrdinal', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [14, '十四'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [9999, '九千九百九十九'],
  ])('%i → %s', (n, s) => expect(cnNumeral(n)).toBe(s));

  it('ordinals accept numeric strings and leave other values as text', () => {
    expect(cnOrdinal('3')).toBe('三');
    expect(cnOrdinal(0)).toBe('0');
    expect(cnOrdinal(undefined)).toBe('');
    expect(cnOrdinal('abc')).toBe('abc');
  });

  it('refuses numbers outside 0–9999', () => expect(() => cnNumeral(10000)).toThrow(RangeError));
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

describe('wan (万元)', () => {
  it('thousands separators and two decimals', () => {
    expect(wan(12345.678)).toBe('12,345.68');
    expect(wan(1000000)).toBe('1,000,000.00');
    expect(wan(0)).toBe('0.00');
    expect(wan(999.995)).toBe('1,000.00');
    expect(wan(-1234.5)).toBe('-1,234.50');
    expect(wan('2,500')).toBe('2,500.00');
  });

  it('digits argument and non-numbers', () => {
    expect(wan(1234.5, 0)).toBe('1,235');
    expect(wan(undefined)).toBe('');
    expect(wan('n/a')).toBe('n/a');
  });

  it('rounds half away from zero without float surprises', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
  });
});

describe('rmbUpper', () => {
  it.each([
    [123.45, '壹佰贰拾叁元肆角伍分'],
    [100, '壹佰元整'],
    [0, '零元整'],
    [10, '壹拾元整'],
    [1.05, '壹元零伍分'],
    [1.5, '壹元伍角'],
    [0.5, '伍角'],
    [0.05, '伍分'],
    [1005, '壹仟零伍元整'],
    [100010, '壹拾万零壹拾元整'],
    [10010000, '壹仟零壹万元整'],
    [100000000, '壹亿元整'],
    [100001000, '壹亿零壹仟元整'],
    [20000, '贰万元整'],
    [1234567.89, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
  ])('%d → %s', (n, s) => expect(rmbUpper(n)).toBe(s));

  it('万元 input and negatives', () => {
    expect(rmbUpper(12.5, 'wan')).toBe('壹拾贰万伍仟元整');
    expect(rmbUpper(-3)).toBe('负叁元整');
  });
});

describe('articleRef', () => {
  it('第十四条第(三)项 from {article, item}', () => {
    expect(articleRef({ article: 14, item: 3 })).toBe('第十四条第(三)项');
    expect(articleRef({ article: 14 })).toBe('第十四条');
    expect(articleRef({ article: 14, item: '（三）' })).toBe('第十四条第(三)项');
  });

  it('a ground number with the article as argument', () => {
    expect(articleRef(5, '14')).toBe('第十四条第(五)项');
    expect(articleRef(5, '第十四条')).toBe('第十四条第(五)项');
    expect(articleRef(13)).toBe('第十三条');
  });

  it('missing values are blank', () => expect(articleRef(undefined)).toBe(''));
});

describe('phone', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['076922223333', '0769-22223333'],
    ['0769 2222 3333', '0769-22223333'],
    ['(0769)22223333', '0769-22223333'],
    ['01012345678', '010-12345678'],
    ['0769-22223333转123', '0769-22223333转123'],
    ['12345', '12345'],
  ])('%s → %s', (a, b) => expect(phone(a)).toBe(b));
});
