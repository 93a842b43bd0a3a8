import type { Program } from '@shenbao/core';
import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT, parseYear, resolveTargets } from '../context';

interface Options {
  form?: string;
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
    // The forms are the programme's (its program.json `forms`), so the help names none of them.
    .option(
      '-f, --form <form>',
      '表单编号，取自项目清单 program.json 的 forms（`shenbao program forms` 列出）/ form id from the programme',
    )
    .option('-y, --year <year>', '年度，按该年度目标生成表单结构 / year whose targets apply')
    .option('-t, --targets <file>', '使用指定的年度目标文件 / use this targets file instead of the year’s')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 数组输出错误 / print errors as a JSON array')
    .action((file: string, opts: Options) => {
      const program = ctx.program(opts.program);
      const form = opts.form;
      if (form === undefined)
        throw new CliExit(EXIT.usage, `用法错误 / usage error: 缺少 --form（${formChoices(program)}）`);
      if (!program.manifest.forms[form])
        throw new CliExit(EXIT.usage, `未知的表单：${form}（${formChoices(program)}）`);
      const data = ctx.readJson(file);
      const yearly = program.manifest.forms[form]?.yearly === true;
      const targets = yearly
        ? resolveTargets(ctx, program, parseYear(opts.year, program.manifest.timezone), opts.targets)
        : undefined;
      const result = program.validate({ form, targets }, data);
      if (opts.json) ctx.out(JSON.stringify(result.errors, null, 2));
      else if (result.valid) ctx.out(`✔ ${file} 符合“${program.manifest.forms[form]?.title}”的要求`);
      else for (const e of result.errors) ctx.out(`${e.path || '/'}  ${e.message}`);
      process.exitCode = result.valid ? EXIT.ok : EXIT.problems;
    });
}

/** The forms of the programme given, for a usage message: `本项目的表单：application、review`. */
export function formChoices(program: Program): string {
  return `本项目的表单：${Object.keys(program.manifest.forms).join('、')}`;
}
