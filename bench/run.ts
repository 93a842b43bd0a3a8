/** `pnpm bench`: prints each benchmark as figures and ratios against a baseline measured in the same run. */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchValidation } from './validation.bench';

const root = join(import.meta.dirname, '..');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const v = await benchValidation(root, 100);
console.log('Validation of examples/application.json with 100 success cases (one core)');
console.log(`  ours (program.validate):  ${fmt(v.oursPerSecond)} applications/s`);
console.log(`  bare precompiled ajv:     ${fmt(v.barePerSecond)} applications/s`);
console.log(`  ratio ours/bare:          ${v.ratio.toFixed(3)}  (target ≥ 0.8, and ≥ 20,000/s)`);
console.log(
  `  bare ajv, formats off:    ${fmt(v.floorPerSecond)} applications/s  (the one big compiled function is the cost, not the formats)`,
);
console.log(`  load average:             ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);

const docgen = await import('./docgen.bench').catch(() => undefined);
if (docgen && typeof (docgen as Record<string, unknown>).runDocgenBench === 'function') {
  await (docgen as { runDocgenBench: (root: string) => Promise<void> }).runDocgenBench(root);
}

const { runStartupBench } = await import('./startup.bench');
await runStartupBench(root);

const { runServerBench } = await import('./server.bench');
await runServerBench(root);

const { runConsoleBench } = await import('./console.bench');
await runConsoleBench(root);

const { runConsoleBrowserBench } = await import('./console-browser.bench');
await runConsoleBrowserBench(root);

const { runBrowserBench } = await import('./browser.bench');
await runBrowserBench(root);
