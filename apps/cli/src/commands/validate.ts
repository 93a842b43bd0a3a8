import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT, parseYear, resolveTargets } from '../context';

interface Options {
  form: string;
  year?: string;
  program?: string;
  targets?: string;
  json?: boolean;
}

export function register(cli: Command, ctx: CliContext): void {
  cli
    .command('validate')
    .description('按表单结构校验数据文件 / Validate a data file against a form schema')
    .argument('<file>', '要校验的 JSON 文件 / JSON file to validate')
    .requiredOption('-f, --form <form>', '表单：application、self-assessment、targets、review / form id')
    .option('-y, --year <year>', '年度，按该年度目标生成表单结构 / year whose targets apply')
    .option('-t, --targets <file>', '使用指定的年度目标文件 / use this targets file instead of the year’s')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 数组输出错误 / print errors as a JSON array')
    .action((file: string, opts: Options) => {
      const program = ctx.program(opts.program);
      if (!program.manifest.forms[opts.form])
        throw new CliExit(
          EXIT.usage,
          `未知的表单：${opts.form}（可选：${Object.keys(program.manifest.forms).join('、')}）`,
        );
      const data = ctx.readJson(file);
      const yearly = program.manifest.forms[opts.form]?.yearly === true;
      const targets = yearly
        ? resolveTargets(ctx, program, parseYear(opts.year, program.manifest.timezone), opts.targets)
        : undefined;
      const result = program.validate({ form: opts.form, targets }, data);
      if (opts.json) ctx.out(JSON.stringify(result.errors, null, 2));
      else if (result.valid) ctx.out(`✔ ${file} 符合“${program.manifest.forms[opts.form]?.title}”的要求`);
      else for (const e of result.errors) ctx.out(`${e.path || '/'}  ${e.message}`);
      process.exitCode = result.valid ? EXIT.ok : EXIT.problems;
    });
}
