import { type ConditionResult, eligibility } from '@shenbao/core';
import type { Command } from 'commander';
import { type CliContext, EXIT, parseYear, resolveTargets } from '../context';

interface Options {
  year?: string;
  program?: string;
  targets?: string;
  json?: boolean;
}

function printGroup(ctx: CliContext, heading: string, results: ConditionResult[]): void {
  ctx.out(heading);
  for (const r of results) {
    ctx.out(`  ${r.met ? '✔ 满足  ' : '✘ 不满足'} ${r.article} ${r.title}`);
    for (const reason of r.reasons) ctx.out(`            · ${reason}`);
  }
}

export function register(cli: Command, ctx: CliContext): void {
  cli
    .command('check')
    .description(
      '检查申请书是否满足基本条件和材料要求 / Check an application against the basic conditions and materials',
    )
    .argument('<application>', '申请书 JSON 文件 / application JSON file')
    .option('-y, --year <year>', '年度（默认为当前年度）/ year of the call (default: this year)')
    .option('-t, --targets <file>', '使用指定的年度目标文件 / use this targets file instead of the year’s')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 输出结果 / print the result as JSON')
    .action((file: string, opts: Options) => {
      const program = ctx.program(opts.program);
      const requested = parseYear(opts.year, program.manifest.timezone);
      const targets = resolveTargets(ctx, program, requested, opts.targets);
      // A targets file given with --targets names its own year.
      const own = (targets as { year?: unknown } | null)?.year;
      const year = opts.targets && opts.year === undefined && typeof own === 'number' ? own : requested;
      const application = ctx.readJson(file);
      const validation = program.validate({ form: program.manifest.eligibility.form, targets }, application);
      const result = eligibility(program, application, targets);
      const ok = result.met && validation.valid;
      if (opts.json) {
        ctx.out(JSON.stringify({ year, ...result, met: ok, validationErrors: validation.errors }, null, 2));
      } else {
        ctx.out(`${year}年度 ${program.manifest.title} — 条件检查：${file}`);
        printGroup(ctx, '基本条件', result.conditions);
        printGroup(ctx, '申报材料', result.materials);
        if (!validation.valid) {
          ctx.out(`表单校验：${validation.errors.length} 处错误（用 shenbao validate 查看详情）`);
        }
        const unmet = [...result.conditions, ...result.materials].filter((r) => !r.met).length;
        ctx.out(
          ok
            ? '结论：全部条件和材料均满足'
            : `结论：${unmet} 项不满足${validation.valid ? '' : '，且表单有错误'}`,
        );
      }
      process.exitCode = ok ? EXIT.ok : EXIT.problems;
    });
}
