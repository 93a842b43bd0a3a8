import { lintProgram } from '@shenbao/core';
import type { Command } from 'commander';
import { type CliContext, EXIT } from '../context';

export function register(cli: Command, ctx: CliContext): void {
  const group = cli.command('program').description('项目（programme）管理 / Programme tools');
  group
    .command('lint')
    .description('检查项目数据：结构、引用文件、界面定义、年度目标、规则路径 / Lint a programme folder')
    .argument('[dir]', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 输出问题 / print problems as JSON')
    .action((dir: string | undefined, opts: { json?: boolean }) => {
      const program = ctx.program(dir);
      const problems = lintProgram(program);
      if (opts.json) ctx.out(JSON.stringify(problems, null, 2));
      else if (problems.length === 0) ctx.out(`✔ 项目“${program.manifest.title}”检查通过`);
      else {
        for (const p of problems) ctx.out(`${p.file}${p.path ? `#${p.path}` : ''}  ${p.message}`);
        ctx.out(`共 ${problems.length} 个问题`);
      }
      process.exitCode = problems.length === 0 ? EXIT.ok : EXIT.problems;
    });
  group
    .command('forms')
    .description('列出项目的表单（program.json 的 forms）/ List the forms of a programme')
    .argument('[dir]', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 输出 / print as JSON')
    .action((dir: string | undefined, opts: { json?: boolean }) => {
      const { forms } = ctx.program(dir).manifest;
      const rows = Object.entries(forms).map(([id, f]) => ({
        id,
        title: f?.title ?? id,
        yearly: f?.yearly === true,
      }));
      const width = Math.max(0, ...rows.map((r) => r.id.length));
      if (opts.json) ctx.out(JSON.stringify(rows, null, 2));
      else
        for (const r of rows) ctx.out(`${r.id.padEnd(width)}  ${r.title}${r.yearly ? '（按年度目标）' : ''}`);
    });
}
