import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** A programme file under any `schemas/<id>/` folder, loaded raw. */
const PROGRAMME_FILE = /\/schemas\/([^/]+)\/[^?]+\.json\?raw$/;

// The programmes (schemas/, templates/) live at the repository root and reach the
// browser through import.meta.glob; nothing of them is compiled into the app's code.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  server: { fs: { allow: [repoRoot] } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // A programme's JSON files travel as one chunk: the form needs them all before it can
        // render, and twenty small requests cost the first paint ~150 ms on two cores.
        manualChunks(id: string): string | undefined {
          const m = PROGRAMME_FILE.exec(id);
          return m ? `programme-${m[1]}` : undefined;
        },
      },
    },
  },
});
