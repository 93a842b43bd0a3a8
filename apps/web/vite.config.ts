import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Programmes are not part of the build: the portal fetches them from the server (/api/programs).
// A build with VITE_SHENBAO_FIXTURES=1 (benchmark, browser tests) also carries the example data
// behind `?fixture=bench`; the normal build has none of it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
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
