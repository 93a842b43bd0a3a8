// Chinese numerals as written in official documents: ordinals (一、二…), article numbers
// (第十四条) and item numbers (第(三)项). Beyond 9999 nothing in a measure is numbered.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS = ['', '十', '百', '千'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十; up to 9999. */
export function cnNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cnNumeral: ${n} 超出 0–9999`);
  if (n === 0) return DIGITS[0]!;
  const digits = String(n);
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const unit = digits.length - 1 - i;
    if (d === 0) {
      zeroPending = out !== '';
      continue;
    }
    if (zeroPending) out += DIGITS[0];
    zeroPending = false;
    out += DIGITS[d]! + UNITS[unit]!;
  }
  // 一十 → 十 only at the start (10–19), as in 第十四条; 一百一十 keeps its 一.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** Parses an integer given as number or numeric string; anything else is undefined. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value)) return Number(value);
  return undefined;
}

export function cnOrdinal(value: unknown): string {
  const n = toInteger(value);
  if (n === undefined || n < 1 || n > 9999) return value == null ? '' : String(value);
  return cnNumeral(n);
}
