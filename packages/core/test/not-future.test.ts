import { describe, expect, it } from 'vitest';
import { BUILTIN_FORMATS } from '../src';
import { isNotFuture } from '../src/formats/date';

describe('not-future: a past event is not dated after today', () => {
  const now = new Date('2026-03-16T10:00:00+08:00');
  it('accepts today and earlier, refuses a date after today anywhere on Earth', () => {
    expect(isNotFuture('2018-06-15', now)).toBe(true);
    expect(isNotFuture('2026-03-16', now)).toBe(true);
    expect(isNotFuture('2030-01-01', now)).toBe(false);
    expect(isNotFuture('2026-03-18', now)).toBe(false);
  });
  it('leaves a non-date to the date format', () => {
    expect(isNotFuture('2026-13-01', now)).toBe(true);
    expect(BUILTIN_FORMATS['not-future']?.message('2030-01-01')).toBe('不能晚于今天');
  });
  it('says how to write a bad date the way the field shows it', () => {
    expect(BUILTIN_FORMATS.date?.message('x')).toContain('2026年3月1日');
  });
});
