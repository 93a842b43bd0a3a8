import { lintTemplates } from '@shenbao/docgen';
import type { Command } from 'commander';
import { type CliContext, EXIT } from '../context';

interface Options {
  program?: string;
  json?: boolean;
}

export function register(cli: Command, ctx: CliContext): void {
  const templates = cli.command('templates').description('文书模板 / document templates');

  templates
    .command('list')
    .description('列出项目的文书及其模板 / List the programme’s documents and templates')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 输出 / print JSON')
    .action((opts: Options) => {
      const program = ctx.program(opts.program);
      const docs = program.manifest.documents ?? [];
      if (opts.json) {
        ctx.out(JSON.stringify(docs, null, 2));
        return;
      }
      for (const d of docs) {
        const present = program.has(d.template) ? '' : '（模板缺失）';
        const html = d.html ? ` + ${d.html}` : '';
        ctx.out(`${d.id}\t${d.title}\t${d.template}${html}${present}\t数据：${d.dataSchema}`);
      }
    });

  templates
    .command('lint')
    .description('检查模板标签与数据结构是否一致 / Check every template tag against its data schema')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 输出 / print JSON')
    .action((opts: Options) => {
      const program = ctx.program(opts.program);
      const issues = lintTemplates(program);
      const errors = issues.filter((i) => i.severity === 'error');
      if (opts.json) ctx.out(JSON.stringify(issues, null, 2));
      else {
        for (const i of issues) {
          const where = [i.template, i.part, i.offset !== undefined ? `@${i.offset}` : '']
            .filter(Boolean)
            .join(' ');
          ctx.out(`${i.severity === 'error' ? '✘ 错误' : '! 提示'}  ${where}  ${i.message}`);
        }
        const warnings = issues.length - errors.length;
        ctx.out(
          errors.length === 0
            ? `✔ 模板检查通过（${program.manifest.documents?.length ?? 0} 份文书，${warnings} 条提示）`
            : `共 ${errors.length} 个错误，${warnings} 条提示`,
        );
      }
      process.exitCode = errors.length ? EXIT.problems : EXIT.ok;
    });
}
