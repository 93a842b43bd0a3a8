// The batch worker started from the TypeScript sources (development, tests): on Node 20 a
// worker does not inherit the loader hooks tsx installed in the main thread, so this plain
// module registers tsx's API in the worker's own thread, then loads the worker proper.
// The CLI bundle starts its compiled batch-worker.js instead (see batch.ts).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// require.resolve finds the CommonJS build; its ESM twin sits beside it.
const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
const esm = cjs.replace(/\.cjs$/, '.mjs');
const tsx = await import(pathToFileURL(existsSync(esm) ? esm : cjs).href);
tsx.register();
const worker = await import(new URL('./batch-worker.ts', import.meta.url).href);

export const announceStart = worker.announceStart;
export default worker.default;
