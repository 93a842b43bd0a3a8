import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TemplateFinding } from '@shenbao/docgen/node';
import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT } from '../context';

interface Options {
  program?: string;
  json?: boolean;
}

interface CheckOptions extends Options {
  xsd?: string;
}

const CHECK_LABEL: Record<TemplateFinding['check'], string> = {
  tags: '标签',
  ooxml: 'OOXML',
  gongwen: '公文格式',
};

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
    .action(async (opts: Options) => {
      const { lintTemplates } = await import('@shenbao/docgen');
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

  templates
    .command('check [files...]')
    .description(
      '检查模板：标签与数据结构、OOXML 结构与架构（Word、WPS 能否打开）、公文版式（GB/T 9704）/ Check templates: tags, OOXML validity, GB/T 9704 layout',
    )
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option(
      '--xsd <dir>',
      'OOXML 架构文件夹（默认环境变量 SHENBAO_OOXML_XSD，或仓库旁的 ../shared/data/ooxml-xsd）/ ISO/IEC 29500 schema folder',
    )
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (files: string[], opts: CheckOptions) => {
      const { checkTemplates, findOoxmlXsd, xmllintValidator } = await import('@shenbao/docgen/node');
      const program = ctx.program(opts.program);
      const given = files.map((f) => {
        const path = resolve(f);
        if (!existsSync(path)) throw new CliExit(EXIT.usage, `找不到文件：${f}`);
        return { path: f, bytes: new Uint8Array(readFileSync(path)) };
      });
      if (opts.xsd && !findOoxmlXsd(opts.xsd, ctx.root))
        throw new CliExit(EXIT.usage, `--xsd ${opts.xsd} 中没有 OOXML 架构文件（wml-wordorder.xsd）`);
      const { validate, skipped } = xmllintValidator(findOoxmlXsd(opts.xsd, ctx.root));
      const result = await checkTemplates(program, { files: files.length ? given : undefined, validate });
      const errors = result.findings.filter((f) => f.severity === 'error');
      const warnings = result.findings.length - errors.length;
      if (opts.json) ctx.out(JSON.stringify({ ...result, schemaSkipped: skipped ?? null }, null, 2));
      else {
        for (const f of result.findings) {
          const where = [
            f.template,
            f.part && `${f.part}${f.line ? `:${f.line}` : ''}`,
            f.offset !== undefined ? `@${f.offset}` : '',
          ]
            .filter(Boolean)
            .join(' ');
          ctx.out(
            `${f.severity === 'error' ? '✘ 错误' : '! 提示'}  ${where}  [${CHECK_LABEL[f.check]}] ${f.message}`,
          );
        }
        if (skipped) ctx.out(`! 跳过  ${skipped}`);
        ctx.out(
          errors.length === 0
            ? `✔ 模板检查通过（${result.checked.length} 个模板，${warnings} 条提示${skipped ? '，未做架构校验' : ''}）`
            : `共 ${errors.length} 个错误，${warnings} 条提示（${result.checked.length} 个模板）`,
        );
      }
      process.exitCode = errors.length ? EXIT.problems : EXIT.ok;
    });
}
