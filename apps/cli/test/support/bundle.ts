import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { ROOT } from '../../../../test/support/programs';
// @ts-expect-error -- a plain ESM script (it runs before any TypeScript loader); no declarations
import { build, isStale } from '../../scripts/build.mjs';

/** The built CLI, as an operator runs it (`node apps/cli/bin/shenbao.mjs`). */
export const BIN = join(ROOT, 'apps', 'cli', 'bin', 'shenbao.mjs');

/** Runs the built CLI in its own process from the repository's root. */
export function bin(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** In a test file's set-up: builds the bundle when the sources changed since the last build. */
export function builtBeforeAll(): void {
  beforeAll(async () => {
    if (isStale()) await build();
  }, 120_000);
}
