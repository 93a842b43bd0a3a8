/**
 * `pnpm test`: every check and test suite, each run even when an earlier one fails,
 * then one plain line with the totals: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });

function step(name: string, cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(ok ? `✔ ${name}` : `✘ ${name} (exit ${r.status ?? r.signal})`);
  return ok;
}

let passed = 0;
let failed = 0;
const count = (ok: boolean) => (ok ? passed++ : failed++);

count(
  step('system packages (LibreOffice, CJK fonts, poppler)', 'bash', [
    join(root, 'scripts', 'system-deps.sh'),
  ]),
);
count(step('lint and format (Biome)', bin('biome'), ['check', '.']));
count(step('typecheck (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
count(step('generated types up to date', bin('tsx'), [join(root, 'scripts', 'gen-types.ts'), '--check']));

const report = join(out, 'vitest.json');
const vitestOk = step('unit, CLI and document tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
  };
  passed += r.numPassedTests;
  failed += r.numFailedTests + (vitestOk || r.numFailedTests > 0 ? 0 : Math.max(1, r.numFailedTestSuites));
} else if (!vitestOk) failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
