/**
 * The production build of the portal carries no programme (issue 12): programmes come from the
 * server at run time, so no id, title or wording of a test programme — nor of the shipped one, nor
 * the example data — may be found in the files users download.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, ROOT, readJson } from '../../support/programs';
import { buildPortal } from './server';

interface Manifest {
  id: string;
  title: string;
  authority: string;
  basis: { title: string; docNo: string };
  forms: Record<string, { title: string }>;
}

/** What names a programme: its id, title, authority, basis and form titles. */
function namesOf(dir: string): { id: string; titles: string[] } {
  const m = readJson<Manifest>(`${dir}/program.json`);
  return {
    id: m.id,
    titles: [
      m.title,
      m.authority,
      m.basis.title,
      m.basis.docNo,
      ...Object.values(m.forms).map((f) => f.title),
    ],
  };
}

/**
 * A programme's text carried as data is a whole string value of the script: quoted, as it is or
 * with its characters escaped.
 */
function carries(text: string, value: string): boolean {
  const escaped = JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return (
    [JSON.stringify(value), `'${value}'`, `\`${value}\``].some((q) => text.includes(q)) ||
    text.toLowerCase().includes(escaped.toLowerCase())
  );
}

/**
 * Titles that are also the portal's own words, so finding them says nothing: mini-grant calls its
 * targets form 年度要求, which is a column of the centre page (apps/web/src/centres/years.tsx).
 */
const PORTAL_WORDS = new Set(['年度要求']);

/** The names of the programme in `dir` that the build carries (a short list, not the whole build, when one fails). */
function carriedOf(dir: string): string[] {
  const { id, titles } = namesOf(dir);
  return [
    ...(text.includes(id) ? [id] : []),
    ...titles.filter((t) => !PORTAL_WORDS.has(t) && carries(text, t)),
  ];
}

const FIXTURES = 'test/fixtures/programs/schemas';
const fixtureProgrammes = readdirSync(join(ROOT, FIXTURES)).map((id) => `${FIXTURES}/${id}`);

const out = mkdtempSync(join(tmpdir(), 'shenbao-bundle-'));
let text = '';

beforeAll(() => {
  buildPortal(out);
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  text = files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('\n');
}, 600_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the production build of the portal', () => {
  it('was built (a script and a page)', () => {
    expect(text.includes('<div id="root">')).toBe(true);
    expect(text.length).toBeGreaterThan(100_000);
  });

  it.each(fixtureProgrammes)('carries nothing of the test programme %s', (dir) => {
    expect(carriedOf(dir)).toEqual([]);
    expect(text.includes('test/fixtures')).toBe(false);
  });

  it('carries neither the shipped programme nor the example data', () => {
    expect(carriedOf('schemas/ai-innovation-center')).toEqual([]);
    // The example application (behind `?fixture=bench` only in the benchmark's build).
    const data = example<{ applicant: { name: string }; capability: { cases: { client: string }[] } }>(
      'application.json',
    );
    const values = [data.applicant.name, ...data.capability.cases.map((c) => c.client)];
    expect(values.filter((v) => text.includes(v))).toEqual([]);
  });

  it('starts with a small script and the portal preloaded, the form renderers only on demand', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]* src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const preload = /<link rel="modulepreload"[^>]* href="\.\/(assets\/mount-[^"]+\.js)"/.exec(html)?.[1];
    if (!entry || !preload) throw new Error(`entry or preload missing in index.html:\n${html}`);
    // The first script only asks the first questions and loads the rest (React is in it: 60 KB).
    expect(readFileSync(join(out, entry)).length).toBeLessThan(60_000);
    // What every page evaluates at start carries neither JSON Forms (its action types) nor lodash.
    const start = readFileSync(join(out, entry), 'utf8') + readFileSync(join(out, preload), 'utf8');
    expect(start.includes('jsonforms/INIT')).toBe(false);
    expect(start.includes('__lodash_hash_undefined__')).toBe(false);
    expect(text.includes('jsonforms/INIT')).toBe(true); // …which the build does carry, on demand
  });
});
