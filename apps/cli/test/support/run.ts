import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../../test/support/programs';
import { runCli } from '../../src/cli';

export const MAIN = join(ROOT, 'apps', 'cli', 'src', 'main.ts');
export const tmp = mkdtempSync(join(tmpdir(), 'shenbao-cli-'));

/** The CLI in this process (fast); `spawned` below runs it as a real process. */
export async function shenbao(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.map((l) => `${l}\n`).join(''), err: err.map((l) => `${l}\n`).join('') };
  } finally {
    process.chdir(cwd);
  }
}

export function spawned(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export function tmpFile(name: string, content: string): string {
  const f = join(tmp, name);
  writeFileSync(f, content);
  return f;
}
