/** Mainland China phone numbers. */

const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
// 区号 (010, 02x, 0xxx) + 7–8 digit local number (first digit 2–9), optional extension.
const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3}-?)[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$/;
const SERVICE = /^(?:0\d{2,3}-?)?(?:12345|1[01]\d{3})$|^[48]00-?\d{3}-?\d{4}$/;

const compact = (s: string): string => s.replace(/[\s]/g, '');

export const isMobile = (s: string): boolean => MOBILE.test(compact(s).replace(/-/g, ''));
export const isLandline = (s: string): boolean => LANDLINE.test(compact(s)) || SERVICE.test(compact(s));
export const isPhone = (s: string): boolean => isMobile(s) || isLandline(s);

/** 11-digit mobile, or the landline as typed without spaces. */
export function normalizePhone(s: string): string {
  const c = compact(s);
  if (isMobile(c)) return c.replace(/-/g, '').slice(-11);
  return c;
}
