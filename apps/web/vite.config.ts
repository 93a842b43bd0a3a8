import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Programmes are not part of the build: the portal fetches them from the server (/api/programs).
// A build with VITE_SHENBAO_FIXTURES=1 (benchmark, browser tests) also carries the example data
// behind `?fixture=bench`; the normal build has none of it.

/** The chunk holding the module whose path ends with `suffix`, and every chunk it imports. */
function chunkWithImports(bundle: Rollup.OutputBundle, suffix: string): Rollup.OutputChunk[] {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const root = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(suffix)));
  if (!root) throw new Error(`the chunk of ${suffix} is missing from the build`);
  const out = new Map<string, Rollup.OutputChunk>();
  const visit = (c: Rollup.OutputChunk): void => {
    if (out.has(c.fileName)) return;
    out.set(c.fileName, c);
    for (const name of c.imports) {
      const next = chunks.find((x) => x.fileName === name);
      if (next) visit(next);
    }
  };
  visit(root);
  return [...out.values()];
}

/**
 * main.tsx loads the portal's code (src/mount.tsx) only after starting the page's first requests;
 * a modulepreload link lets the browser fetch that chunk at once, alongside the small first script.
 * A form page also needs the form renderers (src/pages/form-page.tsx, loaded by the router once
 * the portal runs): their chunks are named in a meta tag, which main.tsx turns into modulepreload
 * links on a form page only — other pages fetch nothing more.
 */
function preloadMount(): Plugin {
  return {
    name: 'shenbao-preload-mount',
    apply: 'build',
    transformIndexHtml(_html, ctx) {
      const bundle = ctx.bundle ?? {};
      const start = chunkWithImports(bundle, '/src/mount.tsx');
      const before = new Set(start.map((c) => c.fileName));
      const form = chunkWithImports(bundle, '/src/pages/form-page.tsx')
        .map((c) => c.fileName)
        .filter((name) => !before.has(name));
      return [
        {
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: '', href: `./${start[0]?.fileName}` },
          injectTo: 'head',
        },
        { tag: 'meta', attrs: { name: 'shenbao-form-chunks', content: form.join(' ') }, injectTo: 'head' },
      ];
    },
  };
}

/**
 * Each script, style sheet and page of 1 KiB or more also written as .br (brotli, best) and .gz (gzip,
 * best) beside it: the server sends the one the browser accepts (@fastify/static preCompressed), so
 * nothing is compressed per request and the portal's ~1.2 MB of code travels as ~0.3 MB.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'shenbao-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      await Promise.all(
        Object.values(bundle)
          .filter((f) => /\.(js|css|html|svg|json)$/.test(f.fileName))
          .map(async (f) => {
            const data = Buffer.from(f.type === 'chunk' ? f.code : f.source);
            if (data.length < 1024) return;
            const path = join(dir, f.fileName);
            await Promise.all([
              br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).then((b) =>
                writeFile(`${path}.br`, b),
              ),
              gz(data, { level: 9 }).then((b) => writeFile(`${path}.gz`, b)),
            ]);
          }),
      );
    },
  };
}

/** Chunks named after the part they carry, which merging would otherwise name after a small module it took in. */
const CHUNK_ANCHORS: readonly [RegExp, string][] = [
  [/\/src\/mount\.tsx$/, 'mount'],
  [/\/packages\/forms\/src\/shenbao-form\.tsx$/, 'shenbao-form'],
  [/\/packages\/forms\/src\/fields\/kinds\.ts$/, 'kinds'],
];

function chunkFileName(chunk: Rollup.PreRenderedChunk): string {
  const anchor = CHUNK_ANCHORS.find(([re]) => chunk.moduleIds.some((id) => re.test(id)));
  return `assets/${anchor ? anchor[1] : '[name]'}-[hash].js`;
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), preloadMount(), precompress()],
  server: {
    fs: { allow: [repoRoot] },
    // `vite` (development, on the next free port): the API of a server started with apps/server.
    proxy: { '/api': process.env.SHENBAO_API_URL ?? 'http://127.0.0.1:5173' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // Chunks under ~20 KB are merged into the chunks that load them (Rollup does so only where
        // no page's side effects change): a form page fetched 8 chunks of its own, six of them under
        // 10 KB, each a request over HTTP/1.1's six connections; it now fetches 5 (bench/forms).
        experimentalMinChunkSize: 20_000,
        chunkFileNames: chunkFileName,
      },
    },
  },
});
