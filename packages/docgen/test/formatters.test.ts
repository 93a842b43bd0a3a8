import { describe, expect, it } from 'vitest';
import { articleRef } from '../src/formatters/article-ref.js';
import { cnNumeral, cnOrdinal } from '../src/formatters/cn-number.js';
import { rmbUpper, roundTo, wan } from '../src/formatters/money.js';

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
