import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/support/programs';
// @ts-expect-error -- a plain ESM script (it runs before any TypeScript loader); no declarations
import { BUNDLE, isStale } from '../scripts/build.mjs';
import { bin, builtBeforeAll } from './support/bundle';
import { tmp } from './support/run';

builtBeforeAll();

describe('shenbao, built', () => {
  it('the bundle is up to date with the sources and loads no TypeScript', () => {
    expect(isStale()).toBe(false);
    const code = readFileSync(BUNDLE as string, 'utf8');
    expect(code).not.toMatch(/from ["'][^"']*\.ts["']/);
    expect(statSync(join(ROOT, 'apps', 'cli', 'dist', 'batch-worker.js')).isFile()).toBe(true);
  }, 180_000);

  it('--help answers in Chinese', () => {
    const r = bin(['--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('申报 Shenbao');
  }, 180_000);

  it('generate writes the application book', () => {
    const out = join(tmp, 'bundle-book.docx');
    const r = bin(['generate', 'application-book', '-d', 'examples/application.json', '-o', out]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 180_000);

  it('batch runs its worker threads from the bundle', () => {
    const data = join(tmp, 'bundle-batch-data');
    const out = join(tmp, 'bundle-batch-out');
    mkdirSync(data, { recursive: true });
    for (const name of ['a', 'b', 'c'])
      copyFileSync(join(ROOT, 'examples', 'application.json'), join(data, `${name}.json`));
    const r = bin(['batch', 'application-book', '-d', data, '-o', out, '-w', '2']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a.docx', 'b.docx', 'c.docx']);
  }, 180_000);

  it('db migrate finds the SQL migrations and PGlite beside the bundle', () => {
    const r = bin(['db', 'migrate'], { SHENBAO_DATA_DIR: join(tmp, 'bundle-db'), DATABASE_URL: '' });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/已应用迁移/);
  }, 180_000);
});
