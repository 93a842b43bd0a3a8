/**
 * What a user waits for before anything happens (issue 13, "PDF without the wait"):
 * - the PDF of the application book through the warm LibreOffice: the first (office start-up
 *   included) and the steady state, against the cold path (`soffice --convert-to` per PDF);
 * - the `shenbao` command: `--help` and one `generate` (.docx) through the bundle
 *   (apps/cli/bin/shenbao.mjs) — with its caches of compiled validators and template parts warm,
 *   on its first run, and without them (SHENBAO_CACHE_DIR=off) — against the sources through tsx.
 * Wall time is what a user sees and suffers from a busy machine; the CPU time of the office and of
 * the command (read from /proc and from /usr/bin/time) holds when the machine is loaded.
 * Run alone: `npx tsx bench/startup.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { fontsConfOf, readProgramDir } from '@shenbao/core/node';
import { docxToPdf, render, stopPdfConverters, warmConverterFor } from '@shenbao/docgen/node';
// @ts-expect-error -- a plain ESM script (it runs before any TypeScript loader); no declarations
import { build, isStale } from '../apps/cli/scripts/build.mjs';

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = () => `load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`;

/** User+system CPU (ms) of a process, from /proc (Linux); 0 when it is gone. */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

export interface PdfBenchResult {
  firstMs: number;
  steadyMs: number;
  steadyOfficeCpuMs: number;
  coldMs: number | undefined;
}

export async function benchPdf(root: string, runs = 5, log = console.log): Promise<PdfBenchResult> {
  const programDir = join(root, 'schemas', 'ai-innovation-center');
  const program = loadProgram(new Map(readProgramDir(programDir)));
  const fontsConf = fontsConfOf(programDir, root);
  const example = JSON.parse(readFileSync(join(root, 'examples', 'application.json'), 'utf8'));
  const docx = render(program, 'application-book', example);
  stopPdfConverters();
  const converter = warmConverterFor({ fontsConf });
  if (!converter)
    log('  (python3-uno missing: the warm converter is not available, figures are the cold path)');
  let t = performance.now();
  await docxToPdf(docx, { fontsConf });
  const firstMs = performance.now() - t;
  const steady: number[] = [];
  const office: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = cpuMs(converter?.officePid);
    t = performance.now();
    await docxToPdf(docx, { fontsConf });
    steady.push(performance.now() - t);
    office.push(cpuMs(converter?.officePid) - before);
  }
  stopPdfConverters();
  let coldMs: number | undefined;
  if (process.env.SHENBAO_BENCH_PDF_COLD !== '0') {
    t = performance.now();
    await docxToPdf(docx, { fontsConf, warm: false });
    coldMs = performance.now() - t;
  }
  return { firstMs, steadyMs: median(steady), steadyOfficeCpuMs: median(office), coldMs };
}

interface Timed {
  wallMs: number;
  cpuMs: number | undefined;
}

/** Runs a command; wall time, and user+system CPU when /usr/bin/time is there. */
function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Timed {
  const useTime = existsSync('/usr/bin/time');
  const options = { cwd, encoding: 'utf8' as const, env: { ...process.env, ...env } };
  const t = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...args], options)
    : spawnSync(cmd, args, options);
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined };
}

function medianTimed(runs: number, f: () => Timed): Timed {
  const all = Array.from({ length: runs }, f);
  const cpu = all.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
  return { wallMs: median(all.map((x) => x.wallMs)), cpuMs: cpu.length ? median(cpu) : undefined };
}

export interface CliBenchResult {
  help: Timed;
  /** With the caches the command keeps (apps/cli/src/caches.ts) filled by a first run. */
  generate: Timed;
  /** The first run, with an empty cache folder: it compiles and writes the caches. */
  generateFirst: Timed;
  /** With SHENBAO_CACHE_DIR=off: the schema and the template compiled on every run. */
  generateNoCache: Timed;
  helpTsx: Timed;
  generateTsx: Timed;
}

export async function benchCli(root: string, runs = 5): Promise<CliBenchResult> {
  if (isStale()) await build();
  const bin = join(root, 'apps', 'cli', 'bin', 'shenbao.mjs');
  const src = join(root, 'apps', 'cli', 'src', 'main.ts');
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-bench-cli-'));
  const out = join(dir, 'book.docx');
  const gen = ['generate', 'application-book', '-d', 'examples/application.json', '-o', out];
  const cache = { SHENBAO_CACHE_DIR: join(dir, 'cache') };
  const generateFirst = timed(process.execPath, [bin, ...gen], root, cache);
  return {
    help: medianTimed(runs, () => timed(process.execPath, [bin, '--help'], root)),
    generateFirst,
    generate: medianTimed(runs, () => timed(process.execPath, [bin, ...gen], root, cache)),
    generateNoCache: medianTimed(runs, () =>
      timed(process.execPath, [bin, ...gen], root, { SHENBAO_CACHE_DIR: 'off' }),
    ),
    helpTsx: medianTimed(1, () => timed(process.execPath, ['--import', 'tsx', src, '--help'], root)),
    generateTsx: medianTimed(1, () => timed(process.execPath, ['--import', 'tsx', src, ...gen], root)),
  };
}

const show = (t: Timed) => `${ms(t.wallMs)} wall${t.cpuMs === undefined ? '' : `, ${ms(t.cpuMs)} CPU`}`;

export async function runStartupBench(root: string): Promise<void> {
  console.log('PDF of the application book (申请书), LibreOffice');
  const pdf = await benchPdf(root);
  console.log(`  first (office start-up included): ${ms(pdf.firstMs)}`);
  console.log(
    `  steady state, median of 5:        ${ms(pdf.steadyMs)}  (office CPU ${ms(pdf.steadyOfficeCpuMs)}; target ≤ 1,000 ms)`,
  );
  if (pdf.coldMs !== undefined) console.log(`  cold path (soffice per PDF):       ${ms(pdf.coldMs)}`);
  console.log(`  ${load()}`);
  console.log('The shenbao command (bundle in apps/cli/dist, median of 5; generate with its caches warm)');
  const cli = await benchCli(root);
  console.log(`  shenbao --help:                   ${show(cli.help)}  (target ≤ 500 ms)`);
  console.log(`  shenbao generate (.docx):         ${show(cli.generate)}  (target ≤ 500 ms)`);
  console.log(`  … first run (caches written):     ${show(cli.generateFirst)}`);
  console.log(`  … without caches (every run):     ${show(cli.generateNoCache)}`);
  console.log(`  through tsx, --help / generate:   ${show(cli.helpTsx)} / ${show(cli.generateTsx)}`);
  console.log(`  ${load()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runStartupBench(join(import.meta.dirname, '..'));
}
