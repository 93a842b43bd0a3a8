/**
 * What every answer to bad input must satisfy, whatever the case: a refusal is JSON with a
 * Chinese `message`; no body shows a stack trace, a file path or SQL; markup sent by the client
 * is never reflected into a refusal, and comes back only as JSON data.
 */
import type { HttpResponse } from './http';

const CJK = /[\u3400-\u9fff]/;

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat [^\s()]+ \([^)]*:\d+:\d+\)|\n\s+at\s/],
  [
    'a file path',
    /\/work\/|\/tmp\/|\/home\/|\/root\/|\/usr\/(?:lib|share)|node_modules|file:\/\/|\.[cm]?[tj]s:\d+/,
  ],
  [
    'SQL or a database error',
    /\b(?:SELECT\s+[\w*]+\s+FROM|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM)\b|duplicate key|violates \w+ constraint|syntax error at|relation "[^"]*" does not exist|invalid input syntax for|out of range for type|column "[^"]*" does not exist|postgres(?:ql)?:\/\//i,
  ],
  ['a JavaScript error name', /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|RuntimeError)\b/],
];

const MARKUP = /<\s*(?:script|img|svg|iframe|b\s|body|html)/i;

export function headerText(res: HttpResponse, name: string): string {
  const v = res.headers[name];
  return Array.isArray(v) ? v.join('\n') : (v ?? '');
}

/** Problems with an answer that hold for every case; empty when it is fine. */
export function universalProblems(res: HttpResponse): string[] {
  const problems: string[] = [];
  const isDownload = res.status < 300 && !headerText(res, 'content-type').includes('json');
  const text = isDownload ? '' : res.text;
  for (const [what, re] of LEAKS) {
    const m = re.exec(text);
    if (m) problems.push(`the body shows ${what}: …${text.slice(Math.max(0, m.index - 40), m.index + 80)}…`);
  }
  if (res.status >= 400) {
    if (!headerText(res, 'content-type').includes('application/json'))
      problems.push(`a refusal that is not JSON (${headerText(res, 'content-type') || 'no content type'})`);
    const body = res.json as { statusCode?: unknown; message?: unknown; code?: unknown } | undefined;
    if (typeof body?.message !== 'string') problems.push('a refusal without a message');
    else if (!CJK.test(body.message))
      problems.push(`a refusal whose message is not Chinese: ${body.message}`);
    if (body && body.statusCode !== res.status)
      problems.push(`statusCode ${String(body.statusCode)} in the body, ${res.status} on the wire`);
    if (MARKUP.test(res.text)) problems.push('a refusal reflects markup');
  } else if (MARKUP.test(res.text) && !headerText(res, 'content-type').includes('application/json')) {
    problems.push(`markup served as ${headerText(res, 'content-type')}`);
  }
  return problems;
}
