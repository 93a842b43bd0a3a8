/** Mainland China phone numbers. */

const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
// 区号 (010, 02x, 0xxx) + 7–8 digit local number (first digit 2–9), optional extension.
const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3}-?)[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$/;
const SERVICE = /^(?:0\d{2,3}-?)?(?:12345|1[01]\d{3})$|^[48]00-?\d{3}-?\d{4}$/;

const compact = (s: string): string => s.replace(/[\s]/g, '');

export const isMobile = (s: string): boolean => MOBILE.test(compact(s).replace(/-/g, ''));
export const isLandline = (s: string): boolean => LANDLINE.test(compact(s)) || SERVICE.test(compact(s));
export const isPhone = (s: string): boolean => isMobile(s) || isLandline(s);

/**
 * One printed form for every package: mobiles as 11 digits, landlines as area code-number
 * (0769-22223333), an extension after 转. Anything else is returned as written (trimmed).
 */
export function normalizePhone(value: unknown): string {
  if (value == null) return '';
  const raw = String(value).trim();
  let s = raw.replace(/[\s\-–—()（）]/g, '');
  let ext = '';
  const extMatch = /^(.*?)(?:转|ext\.?|x|#)(\d{1,6})$/i.exec(s);
  if (extMatch) {
    s = extMatch[1] as string;
    ext = `转${extMatch[2]}`;
  }
  s = s.replace(/^(?:\+|00)86/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s + ext;
  // Area codes: 010 and 02x have three digits, the others four (0769).
  const three = /^(010|02\d)(\d{7,8})$/.exec(s);
  if (three) return `${three[1]}-${three[2]}${ext}`;
  const four = /^(0[3-9]\d{2})(\d{7,8})$/.exec(s);
  if (four) return `${four[1]}-${four[2]}${ext}`;
  return raw;
}
