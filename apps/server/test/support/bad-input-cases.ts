/**
 * The bad-input corpus (test/fixtures/bad-input/*.json): what a case says, and how it becomes
 * bytes on the wire. Large payloads (6 MiB, 10,000 levels) are described, not stored: a
 * `generate` body is prefix + open×times + middle + close×times + suffix.
 *
 * Placeholders `{{name}}` in the url, headers and bodies are filled in by the player: `appId`
 * and `otherAppId` (the attacker's and a normal user's application), `version` (the attacker's
 * application's current version; inside a `json` body write `"{{version}}"` to get a number),
 * `uscc`/`mobile` (fresh valid ones), and any value captured by an earlier case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Multipart {
  /** Form field name of the file part (default `file`). */
  field?: string;
  /** File name sent in `filename="…"` (UTF-8 bytes). */
  filename?: string;
  /** File name sent as RFC 5987 `filename*=` (already percent-encoded, e.g. `UTF-8''a%0D%0Ab.pdf`). */
  filenameStar?: string;
  contentType?: string;
  /** The file's bytes, base64. */
  base64?: string;
  /** A small valid PDF whose body carries this text (distinct bytes per case: uploads dedupe). */
  pdf?: string;
  /** Text fields sent before the file part. */
  fields?: Record<string, string>;
  /** Leave the file part out altogether. */
  noFile?: boolean;
}

export interface Generated {
  prefix?: string;
  open: string;
  times: number;
  middle?: string;
  close?: string;
  suffix?: string;
}

/** Text pieces (placeholders filled) and raw bytes in hex, joined: for bytes that are not UTF-8. */
export type Segment = string | { hex: string };

export type BodySpec =
  | string
  | { json: unknown }
  | { segments: Segment[] }
  | { generate: Generated }
  | { multipart: Multipart };

export interface Expectation {
  /** The status the server must answer with. */
  status: number;
  /** A substring of the answer's Chinese `message`. */
  message?: string;
  /** The answer's `code`. */
  code?: string;
  /** Top-level fields the JSON answer must have, with these values (deep equality). */
  json?: Record<string, unknown>;
  /** Substrings a top-level string field of the answer must not contain. */
  fieldExcludes?: Record<string, string[]>;
  /** Upper bound on the length (in characters) of a top-level string field. */
  fieldMaxLength?: Record<string, number>;
  /** Substrings the raw body must contain (a stored value returned as data). */
  bodyIncludes?: string[];
  /** Substrings the raw body must not contain. */
  bodyExcludes?: string[];
  /** Response headers that must contain these substrings (names in lower case). */
  headers?: Record<string, string>;
  /** Response headers that must not contain these substrings. */
  headerExcludes?: Record<string, string[]>;
  /** For a list answer: an upper bound on `items.length`. */
  maxItems?: number;
}

export interface BadInputCase {
  name: string;
  /** Why the case is in the corpus, for whoever reads a failure. */
  why?: string;
  /** Who sends it: the attacking applicant (default), an anonymous tab (with the anonymous CSRF token), or nobody at all (no cookie, no token). */
  as?: 'applicant' | 'anonymous' | 'none';
  /** The CSRF header: the tab's own token (default), none, or a wrong one. */
  csrf?: 'own' | 'none' | 'wrong';
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: BodySpec;
  /** Send the body with Transfer-Encoding: chunked. */
  chunked?: boolean;
  /**
   * Send only this many bytes of the body (0: the headers alone) and wait for the answer, as a
   * client watching for an early refusal does (see `send` in support/http.ts for why).
   */
  sendBytes?: number;
  /** The whole HTTP request as text, written to the socket as is (for what node:http refuses to send). */
  raw?: string;
  expect: Expectation;
  /** Placeholder name → top-level field of the JSON answer, for later cases. */
  capture?: Record<string, string>;
}

export interface CorpusFile {
  $comment?: string;
  cases: BadInputCase[];
}

export const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'bad-input');

/** Every case of every corpus file, in file order, each named `file › case`. */
export function loadCorpus(dir = CORPUS_DIR): (BadInputCase & { file: string })[] {
  const out: (BadInputCase & { file: string })[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CorpusFile;
    for (const c of file.cases) out.push({ ...c, file: f.replace(/\.json$/, '') });
  }
  return out;
}

/** Placeholders that stand for numbers: inside a `json` body, `"{{version}}"` becomes the bare number. */
const NUMERIC = new Set(['version']);

/** Replaces `{{name}}` by its value (and, inside JSON text, a quoted numeric placeholder by the bare number). */
export function fill(text: string, vars: Record<string, string>, json = false): string {
  let s = text;
  if (json)
    s = s.replace(/"\{\{(\w+)\}\}"/g, (m, k: string) =>
      NUMERIC.has(k) && k in vars ? (vars[k] as string) : m,
    );
  return s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? (vars[k] as string) : m));
}

/** The placeholders a case uses (so the player fetches only what it needs). */
export function placeholdersOf(c: BadInputCase): Set<string> {
  const text = JSON.stringify([c.url, c.headers, c.body, c.raw]);
  return new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string));
}

/** A minimal well-formed PDF carrying `text`, so that file-type sees `%PDF-` and each case has its own bytes. */
export function tinyPdf(text: string): Buffer {
  const safe = text.replace(/[()\\]/g, '');
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
      `% ${safe}`,
      'trailer <</Root 1 0 R>>',
      '%%EOF',
      '',
    ].join('\n'),
    'utf8',
  );
}

function multipartBody(m: Multipart, vars: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = '----shenbao-bad-input-7d1f3a';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(m.fields ?? {}))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${fill(v, vars)}\r\n`),
    );
  if (!m.noFile) {
    let disposition = `form-data; name="${m.field ?? 'file'}"`;
    if (m.filename !== undefined) disposition += `; filename="${m.filename}"`;
    if (m.filenameStar !== undefined) disposition += `; filename*=${m.filenameStar}`;
    const bytes = m.pdf !== undefined ? tinyPdf(m.pdf) : Buffer.from(m.base64 ?? '', 'base64');
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${m.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The body bytes of a case and the content type it implies (when the case does not set one). */
export function bodyOf(
  spec: BodySpec | undefined,
  vars: Record<string, string>,
): { body?: Buffer; contentType?: string } {
  if (spec === undefined) return {};
  if (typeof spec === 'string')
    return { body: Buffer.from(fill(spec, vars), 'utf8'), contentType: 'application/json' };
  if ('json' in spec)
    return {
      body: Buffer.from(fill(JSON.stringify(spec.json), vars, true), 'utf8'),
      contentType: 'application/json',
    };
  if ('segments' in spec)
    return {
      body: Buffer.concat(
        spec.segments.map((x) =>
          typeof x === 'string' ? Buffer.from(fill(x, vars), 'utf8') : Buffer.from(x.hex, 'hex'),
        ),
      ),
      contentType: 'application/json',
    };
  if ('generate' in spec) {
    const g = spec.generate;
    const text =
      fill(g.prefix ?? '', vars) +
      g.open.repeat(g.times) +
      (g.middle ?? '') +
      (g.close ?? '').repeat(g.times) +
      fill(g.suffix ?? '', vars);
    return { body: Buffer.from(text, 'utf8'), contentType: 'application/json' };
  }
  return multipartBody(spec.multipart, vars);
}
