// What one-shot commands keep between runs (src/caches.ts): compiled template parts give the same
// document, byte for byte, as compiling the template; a changed template is a new entry; a damaged
// entry is ignored. And the built `generate` with its caches writes the same .docx as without them.

import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { clearTemplateCache, type DocgenProgram, render, useCompiledPartsStore } from '@shenbao/docgen';
import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { documentIds, exampleData } from '../../../test/documents/helpers/render';
import { ROOT, SHIPPED_DIR, shipped } from '../../../test/support/programs';
import { cacheDir, diskCompiledPartsStore } from '../src/caches';
import { bin, builtBeforeAll } from './support/bundle';

const program = () => shipped() as unknown as DocgenProgram;

/** Renders with the in-memory cache empty, so the template is compiled (or read from the store). */
function renderFresh(doc: string, data: unknown, p: DocgenProgram = program()) {
  clearTemplateCache();
  return Buffer.from(render(p, doc, data, { year: 2026 }));
}

afterEach(() => {
  useCompiledPartsStore(undefined);
  clearTemplateCache();
});

describe('compiled template parts on disk', () => {
  it.each(documentIds())('%s: the stored parts render the same bytes', async (doc) => {
    const data = exampleData(doc);
    const compiled = renderFresh(doc, data);
    const store = diskCompiledPartsStore(await mkdtemp(join(tmpdir(), 'shenbao-parts-')));
    useCompiledPartsStore(store);
    expect(renderFresh(doc, data).equals(compiled)).toBe(true); // miss: compiled, stored
    expect(renderFresh(doc, data).equals(compiled)).toBe(true); // hit: read back
    expect(store.cache.stats).toMatchObject({ misses: 1, saved: 1, hits: 1, rejected: 0 });
  });

  it('a changed template is a new entry; a damaged entry is ignored and written again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shenbao-parts-'));
    const store = diskCompiledPartsStore(dir);
    useCompiledPartsStore(store);
    const data = exampleData('publicity-notice');
    renderFresh('publicity-notice', data);
    // The template edited (a word of its body changed): its own entry, and the edit shows.
    const p = program();
    const path = p.manifest.documents!.find((d) => d.id === 'publicity-notice')!.template;
    const zip = new PizZip(p.file!(path) as Uint8Array);
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml).toContain('公示');
    zip.file('word/document.xml', xml.replace('公示', '公布'));
    const edited = zip.generate({ type: 'uint8array' });
    const files = new Map(readProgramDir(SHIPPED_DIR));
    files.set(path, edited);
    const editedProgram = loadProgram(files) as unknown as DocgenProgram;
    const out = renderFresh('publicity-notice', data, editedProgram);
    expect(store.cache.stats).toMatchObject({ misses: 2, saved: 2, hits: 0 });
    expect(new PizZip(out).file('word/document.xml')!.asText()).toContain('公布');
    expect(await readdir(dir)).toHaveLength(2);

    // Each entry damaged: ignored, the template compiled again, the output unchanged.
    const expected = renderFresh('publicity-notice', data);
    for (const name of await readdir(dir)) writeFileSync(join(dir, name), '// 00\n{"taggedParts": 1}');
    expect(renderFresh('publicity-notice', data).equals(expected)).toBe(true);
    expect(store.cache.stats.rejected).toBe(1);
    expect(renderFresh('publicity-notice', data).equals(expected)).toBe(true);
    expect(store.cache.stats.hits).toBeGreaterThanOrEqual(2);
  });

  it('cacheDir: SHENBAO_CACHE_DIR, off, or node_modules/.cache in the repository', () => {
    expect(cacheDir(ROOT, { SHENBAO_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(cacheDir(ROOT, { SHENBAO_CACHE_DIR: 'off' })).toBeUndefined();
    expect(cacheDir(ROOT, {})).toBe(join(ROOT, 'node_modules', '.cache', 'shenbao'));
    expect(cacheDir('/nonexistent', { XDG_CACHE_HOME: '/c' })).toBe('/c/shenbao');
  });
});

describe('shenbao generate with its caches', () => {
  builtBeforeAll();

  it('writes the same .docx cold, warm and without caches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shenbao-gen-'));
    const cache = join(dir, 'cache');
    const run = (out: string, env: Record<string, string>) =>
      bin(['generate', 'application-book', '-d', 'examples/application.json', '-o', join(dir, out)], env);
    for (const [out, env] of [
      ['off.docx', { SHENBAO_CACHE_DIR: 'off' }],
      ['cold.docx', { SHENBAO_CACHE_DIR: cache }],
      ['warm.docx', { SHENBAO_CACHE_DIR: cache }],
    ] as const) {
      const r = run(out, env);
      expect(r.code, r.err).toBe(0);
    }
    expect((await readdir(join(cache, 'validators'))).length).toBe(1);
    expect((await readdir(join(cache, 'templates'))).length).toBe(1);
    const off = readFileSync(join(dir, 'off.docx'));
    expect(readFileSync(join(dir, 'cold.docx')).equals(off)).toBe(true);
    expect(readFileSync(join(dir, 'warm.docx')).equals(off)).toBe(true);
  });

  it('refuses invalid data with the same messages from a stored validator', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shenbao-gen-'));
    const data = exampleData('application-book') as { applicant: { creditCode: string } };
    data.applicant.creditCode = 'x';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(data));
    const env = { SHENBAO_CACHE_DIR: join(dir, 'cache') };
    const args = ['generate', 'application-book', '-d', file, '-o', join(dir, 'x.docx')];
    const off = bin(args, { SHENBAO_CACHE_DIR: 'off' });
    expect(off.code).toBe(1);
    expect(off.err).toContain('统一社会信用代码');
    bin(['generate', 'application-book', '-d', 'examples/application.json', '-o', join(dir, 'ok.docx')], env);
    const warm = bin(args, env);
    expect(warm.code).toBe(1);
    expect(warm.err).toBe(off.err);
  });
});
