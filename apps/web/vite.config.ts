import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Programmes are not part of the build: the portal fetches them from the server (/api/programs).
// A build with VITE_SHENBAO_FIXTURES=1 (benchmark, browser tests) also carries the example data
// behind `?fixture=bench`; the normal build has none of it.
/**
 * main.tsx loads the portal's code (src/mount.tsx) only after starting the page's first requests;
 * a modulepreload link lets the browser fetch that chunk at once, alongside the small first script.
 */
function preloadMount(): Plugin {
  return {
    name: 'shenbao-preload-mount',
    apply: 'build',
    transformIndexHtml(_html, ctx) {
      const chunk = Object.values(ctx.bundle ?? {}).find(
        (c) => c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith('/src/mount.tsx')),
      );
      if (!chunk) throw new Error('the mount chunk is missing from the build');
      return [
        {
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: '', href: `./${chunk.fileName}` },
          injectTo: 'head',
        },
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
