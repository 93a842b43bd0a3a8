/** Production builds of the benchmark pages with Vite's JS API, into a scratch folder. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export interface BuiltPage {
  /** Folder holding index.html and assets. */
  dir: string;
  /** Build time in milliseconds. */
  ms: number;
}

async function viteBuild(root: string, configFile: string, outDir: string): Promise<BuiltPage> {
  const started = performance.now();
  await build({
    root,
    configFile,
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
  return { dir: outDir, ms: performance.now() - started };
}

/** The stock JSON Forms baseline page (bench/forms/stock). */
export function buildStock(repoRoot: string, outDir: string): Promise<BuiltPage> {
  const root = join(repoRoot, 'bench', 'forms', 'stock');
  return viteBuild(root, join(root, 'vite.config.ts'), outDir);
}

/**
 * The portal (apps/web) with its own Vite config and the benchmark fixture (`?fixture=bench`,
 * which only a build with VITE_SHENBAO_FIXTURES=1 carries); undefined when apps/web has no
 * config yet. The portal needs its server (apps/server) for the programme: see browser.bench.ts.
 */
export async function buildWeb(repoRoot: string, outDir: string): Promise<BuiltPage | undefined> {
  const root = join(repoRoot, 'apps', 'web');
  const configFile = ['vite.config.ts', 'vite.config.mts', 'vite.config.js']
    .map((name) => join(root, name))
    .find((path) => existsSync(path));
  if (!configFile || !existsSync(join(root, 'index.html'))) return undefined;
  const before = process.env.VITE_SHENBAO_FIXTURES;
  process.env.VITE_SHENBAO_FIXTURES = '1';
  try {
    return await viteBuild(root, configFile, outDir);
  } finally {
    if (before === undefined) delete process.env.VITE_SHENBAO_FIXTURES;
    else process.env.VITE_SHENBAO_FIXTURES = before;
  }
}
