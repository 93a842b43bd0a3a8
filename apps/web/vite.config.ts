import { fileURLToPath } from 'node:url';
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

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), preloadMount()],
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
  },
});
