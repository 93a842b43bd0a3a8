// Chinese phone numbers in one printed form: mobiles as 11 digits, landlines as
// area code-number (0769-22223333), an extension after 转.

export function phone(value: unknown): string {
  if (value == null) return '';
  const raw = String(value).trim();
  let s = raw.replace(/[\s\-–—()（）]/g, '');
  let ext = '';
  const extMatch = /^(.*?)(?:转|ext\.?|x|#)(\d{1,6})$/i.exec(s);
  if (extMatch) {
    s = extMatch[1]!;
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
