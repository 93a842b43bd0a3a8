import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Stock JSON Forms baseline page; built by bench/forms/build.ts with Vite's JS API. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
