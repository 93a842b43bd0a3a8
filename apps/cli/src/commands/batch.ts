import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { readProgramDir } from '@shenbao/core/node';
import type { WorkerReply } from '@shenbao/docgen/node';
import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT, parseYear } from '../context';

interface Options {
  dataDir: string;
  outDir: string;
  zip?: string;
  year?: string;
  program?: string;
  workers?: string;
  placeholder?: string;
}

function listInputs(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
    names = readdirSync(dir);
  } catch {
    throw new CliExit(EXIT.usage, `无法读取数据目录：${dir}`);
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.json'))
    .sort()
    .map((n) => join(dir, n));
}

/** A progress bar on a terminal; one plain line per document otherwise (CI logs, pipes). */
async function progressReporter(ctx: CliContext, total: number) {
  // Loaded when a batch runs, like docgen's render pool: other commands start without them.
  const { default: cliProgress } = await import('cli-progress');
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: '{bar} {value}/{total} 份 | {rate} 份/秒 | 预计剩余 {eta_formatted}',
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(total, 0, { rate: '0.0' });
  let done = 0;
  return {
    step(line: string, failed: boolean) {
      done++;
      const rate = (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1);
      if (bar) {
        if (failed) {
          // Keep the failure visible above the bar.
          bar.stop();
          ctx.err(line);
          bar.start(total, done, { rate });
        } else bar.update(done, { rate });
      } else (failed ? ctx.err : ctx.out)(`[${done}/${total}] ${line}`);
    },
    stop() {
      bar?.stop();
    },
  };
}

function describeFailure(file: string, reply: Extract<WorkerReply, { ok: false }>): string {
  const details = reply.errors?.map((e) => `${e.path || '/'} ${e.message}`).join('；');
  return `✘ ${basename(file)}：${reply.message}${details ? `（${details}）` : ''}`.replace(/\n/g, ' ');
}

export function register(cli: Command, ctx: CliContext): void {
  cli
    .command('batch')
    .description(
      '批量生成文书：目录中每个 JSON 生成一份 .docx / Generate one document per JSON file of a folder',
    )
    .argument('<doc-id>', '文书编号，见 templates list / document id')
    .requiredOption('-d, --data-dir <dir>', '数据目录（*.json）/ folder of JSON data files')
    .requiredOption('-o, --out-dir <dir>', '输出目录 / output folder')
    .option('-z, --zip <file>', '另把全部文书打包为一个 zip / also write all documents into one zip')
    .option('-y, --year <year>', '年度，按该年度目标校验 / year whose targets apply')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('-w, --workers <n>', '并行线程数（默认为 CPU 核数）/ worker threads (default: cores)')
    .option('--placeholder <text>', '可选字段缺失时打印的文字 / text for missing optional values')
    .action(async (docId: string, opts: Options) => {
      const programDir = ctx.programDir(opts.program);
      const program = ctx.program(opts.program);
      if (!(program.manifest.documents ?? []).some((d) => d.id === docId)) {
        const ids = (program.manifest.documents ?? []).map((d) => d.id).join('、');
        throw new CliExit(EXIT.usage, `未知的文书：${docId}（可选：${ids}）`);
      }
      const inputs = listInputs(resolve(opts.dataDir));
      if (inputs.length === 0) throw new CliExit(EXIT.usage, `数据目录中没有 .json 文件：${opts.dataDir}`);
      const workers = opts.workers === undefined ? availableParallelism() : Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1)
        throw new CliExit(EXIT.usage, `线程数无效：${opts.workers}`);
      const year = opts.year === undefined ? undefined : parseYear(opts.year, program.manifest.timezone);
      const outDir = resolve(opts.outDir);
      try {
        mkdirSync(outDir, { recursive: true });
      } catch {
        throw new CliExit(EXIT.usage, `无法创建输出目录：${outDir}`);
      }

      const { RenderPool, zipFiles } = await import('@shenbao/docgen/node');
      const pool = new RenderPool({
        files: readProgramDir(programDir),
        workers: Math.min(workers, inputs.length),
        year,
        placeholder: opts.placeholder,
      });
      const progress = await progressReporter(ctx, inputs.length);
      const zipped: { name: string; data: Uint8Array }[] = [];
      let failed = 0;
      try {
        await Promise.all(
          inputs.map(async (file) => {
            const name = `${basename(file, '.json')}.docx`;
            const reply = await pool.run({
              docId,
              input: { path: file },
              outPath: join(outDir, name),
              returnBytes: opts.zip !== undefined,
            });
            if (reply.ok) {
              if (reply.bytes) zipped.push({ name, data: reply.bytes });
              progress.step(`✔ ${basename(file)} → ${name}`, false);
            } else {
              failed++;
              progress.step(describeFailure(file, reply), true);
            }
          }),
        );
      } finally {
        progress.stop();
        await pool.close();
      }
      if (opts.zip) {
        zipped.sort((a, b) => a.name.localeCompare(b.name));
        try {
          await writeFile(opts.zip, zipFiles(zipped));
        } catch {
          throw new CliExit(EXIT.usage, `无法写入 zip：${opts.zip}`);
        }
      }
      ctx.out(
        `${failed ? '!' : '✔'} 完成：成功 ${inputs.length - failed} 份，失败 ${failed} 份，输出目录 ${outDir}${opts.zip ? `，zip ${opts.zip}` : ''}`,
      );
      process.exitCode = failed ? EXIT.problems : EXIT.ok;
    });
}
