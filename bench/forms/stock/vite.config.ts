import react from '@vitejs/plugin-react';

/**
 * Stock JSON Forms baseline page; built by bench/forms/build.ts with Vite's JS API.
 * A plain object rather than `defineConfig`: the root typecheck may see two copies of Vite 7's
 * types (one per @types/node the workspace resolves), and the plugin's type comes from either.
 */
export default {
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'warn' as const,
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
};
