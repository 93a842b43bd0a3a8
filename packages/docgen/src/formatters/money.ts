// Amounts. Programme data keeps money in 万元 (ten thousand yuan); RMB in capitals is the
// form used on commitments and contracts.

/** Rounds half away from zero at `digits` decimals without binary-float surprises (1.005 → 1.01). */
export function roundTo(value: number, digits: number): number {
  const sign = value < 0 ? -1 : 1;
  return sign * Number(`${Math.round(Number(`${Math.abs(value)}e${digits}`))}e-${digits}`);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** 12345.6 → "12,345.60" (2 decimals unless told otherwise). */
export function wan(value: unknown, digits = 2): string {
  const n = toNumber(value);
  if (n === undefined) return value == null ? '' : String(value);
  const fixed = roundTo(n, digits).toFixed(digits);
  const [int = '', frac] = fixed.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fixed.startsWith('-') && Number(fixed) !== 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

const CAP_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CAP_UNITS = ['', '拾', '佰', '仟'];
const CAP_GROUPS = ['', '万', '亿', '万亿'];

function integerInCapitals(digits: string): string {
  let out = '';
  let zeroPending = false;
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const pos = digits.length - 1 - i;
    if (d === 0) {
      if (out !== '') zeroPending = true;
    } else {
      if (zeroPending) out += '零';
      zeroPending = false;
      groupHasDigit = true;
      out += CAP_DIGITS[d]! + CAP_UNITS[pos % 4]!;
    }
    if (pos % 4 === 0) {
      if (groupHasDigit) out += CAP_GROUPS[pos / 4]!;
      groupHasDigit = false;
    }
  }
  return out;
}

/**
 * 123.45 → 壹佰贰拾叁元肆角伍分; 100 → 壹佰元整; 1.05 → 壹元零伍分. The value is in 元;
 * pass unit "wan" when the data holds 万元.
 */
export function rmbUpper(value: unknown, unit: 'yuan' | 'wan' = 'yuan'): string {
  let n = toNumber(value);
  if (n === undefined) return value == null ? '' : String(value);
  if (unit === 'wan') n *= 10000;
  const negative = n < 0;
  const fen = Math.round(roundTo(Math.abs(n), 2) * 100);
  if (fen >= 1e16) throw new RangeError('rmbUpper: 金额过大');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let out = yuan > 0 ? `${integerInCapitals(String(yuan))}元` : '';
  if (jiao === 0 && cent === 0) {
    out = out === '' ? '零元整' : `${out}整`;
  } else {
    if (jiao > 0) out += `${CAP_DIGITS[jiao]}角`;
    else if (yuan > 0) out += '零';
    if (cent > 0) out += `${CAP_DIGITS[cent]}分`;
  }
  return negative ? `负${out}` : out;
}
