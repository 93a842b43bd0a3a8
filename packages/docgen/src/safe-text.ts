// User values on their way into WordprocessingML. Escaping & < > " ' happens in text-module.ts;
// what it does not do is drop characters XML 1.0 forbids (a lone surrogate or U+FFFF makes
// Word refuse the file) and decide how non-strings print.

// C0 controls except tab/LF/CR, the two non-characters, and surrogates without a partner.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/\r\n?/g, '\n');
}

/**
 * How a value prints. Missing values are `undefined` so that the caller's placeholder applies;
 * nothing ever prints as "undefined", "null", "NaN" or "[object Object]".
 */
export function toText(value: unknown): string | undefined {
  if (value == null) return undefined;
  switch (typeof value) {
    case 'string':
      return stripInvalidXml(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? '是' : '否';
    case 'object': {
      if (Array.isArray(value)) {
        const parts = value.map(toText).filter((p): p is string => p !== undefined && p !== '');
        return parts.length ? parts.join('、') : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
