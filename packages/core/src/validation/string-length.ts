import { _, type CodeKeywordDefinition, type KeywordCxt, str } from 'ajv';

/** Unicode code points in a string (JSON Schema counts characters, not UTF-16 units). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * minLength/maxLength with the same meaning as ajv's, but counting code points only when the
 * UTF-16 length cannot decide: a string of at most N units has at most N characters, and one of
 * at least 2N units has at least N. ajv counts every string twice; forms are mostly short text.
 */
export function lengthKeyword(keyword: 'minLength' | 'maxLength'): CodeKeywordDefinition {
  const max = keyword === 'maxLength';
  return {
    keyword,
    type: 'string',
    schemaType: 'number',
    error: {
      message: ({ schemaCode }) => str`must NOT have ${max ? 'more' : 'fewer'} than ${schemaCode} characters`,
      params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schemaCode } = cxt;
      // `code` names it in standalone validators (node/validator-cache.ts passes `runtime`).
      const count = gen.scopeValue('func', { ref: codePoints, code: _`runtime.codePoints` });
      cxt.fail$data(
        max
          ? _`${data}.length > ${schemaCode} && ${count}(${data}) > ${schemaCode}`
          : _`${data}.length < 2 * ${schemaCode} && ${count}(${data}) < ${schemaCode}`,
      );
    },
  };
}
