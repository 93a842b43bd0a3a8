import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT, parseYear, resolveTargets } from '../context';

interface Options {
  year?: string;
  program?: string;
  targets?: string;
}

export function register(cli: Command, ctx: CliContext): void {
  cli
    .command('schema')
    .description('输出某年度的表单结构（JSON Schema）/ Print a form’s JSON Schema for a year')
    .argument('<form>', '表单 / form id')
    .option('-y, --year <year>', '年度（默认为当前年度）/ year (default: this year)')
    .option('-t, --targets <file>', '使用指定的年度目标文件 / use this targets file')
    .option('-p, --program <dir>', '项目目录 / programme folder')
    .action((form: string, opts: Options) => {
      const program = ctx.program(opts.program);
      const entry = program.manifest.forms[form];
      if (!entry)
        throw new CliExit(
          EXIT.usage,
          `未知的表单：${form}（可选：${Object.keys(program.manifest.forms).join('、')}）`,
        );
      const targets = entry.yearly
        ? resolveTargets(ctx, program, parseYear(opts.year, program.manifest.timezone), opts.targets)
        : undefined;
      ctx.out(JSON.stringify(program.schemaFor({ form, targets }), null, 2));
    });
}
