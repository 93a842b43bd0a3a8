import { describe, expect, it } from 'vitest';
import { usccHint } from '../src/uscc';
import { dateText, dateTimeText, parseDate, parseDateTime, parseNumber } from '../src/values';

describe('Chinese dates', () => {
  it('reads the ways people type a date', () => {
    for (const t of ['2024年3月1日', '2024-03-01', '2024/3/1', '2024.3.1', '20240301', '2024 年 3 月 1 日'])
      expect(parseDate(t)).toBe('2024-03-01');
  });
  it('keeps what is not a date, so the validator can say so', () => {
    expect(parseDate('2024-02-30')).toBe('2024-02-30');
    expect(parseDate('明天')).toBe('明天');
    expect(parseDate('')).toBeUndefined();
  });
  it('shows dates the Chinese way', () => {
    expect(dateText('2024-03-01')).toBe('2024年3月1日');
  });
  it('date-times carry the programme time zone (2026 call closed 17:30 Asia/Shanghai)', () => {
    expect(parseDateTime('2026年3月20日 17:30', 'Asia/Shanghai')).toBe('2026-03-20T17:30:00+08:00');
    expect(dateTimeText('2026-03-20T17:30:00+08:00')).toBe('2026年3月20日 17:30');
  });
});

describe('numbers and amounts', () => {
  it('reads grouped and full-width digits', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('１２３')).toBe(123);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('12万')).toBe('12万');
  });
});

describe('统一社会信用代码 live hint', () => {
  it('tells the check character after 17 characters', () => {
    expect(usccHint('91441900MA5H7K2Q4')).toBe('按前17位计算，第18位校验码应为 P');
  });
  it('confirms a correct code', () => {
    expect(usccHint('91441900ma5h7k2q4p')).toBe('✓ 校验码正确');
  });
});
