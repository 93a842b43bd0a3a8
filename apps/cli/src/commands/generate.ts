import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fontsConfOf } from '@shenbao/core/node';
import type { Command } from 'commander';
import { cacheDir, diskCompiledPartsStore } from '../caches';
import { type CliContext, CliExit, EXIT, parseYear } from '../context';
import { docgenExit } from './doc-errors';

interface Options {
  data: string;
  out: string;
  year?: string;
  program?: string;
  placeholder?: string;
}

export function register(cli: Command, ctx: CliContext): void {
  cli
    .command('generate')
    .description('按模板生成文书（.docx、.pdf 或 .html）/ Generate a document from its template')
    .argument('<doc-id>', '文书编号，见 templates list / document id (see templates list)')
    .requiredOption('-d, --data <file>', '文书数据 JSON 文件 / document data (JSON)')
    .requiredOption('-o, --out <file>', '输出文件：.docx、.pdf 或 .html / output file')
    .option('-y, --year <year>', '年度，按该年度目标校验 / year whose targets apply')
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--placeholder <text>', '可选字段缺失时打印的文字（默认留空）/ text for missing optional values')
    .action(async (docId: string, opts: Options) => {
      const format = extname(opts.out).toLowerCase();
      if (!['.docx', '.pdf', '.html'].includes(format)) {
        throw new CliExit(EXIT.usage, `不支持的输出格式：${opts.out}（应为 .docx、.pdf 或 .html）`);
      }
      const programDir = ctx.programDir(opts.program);
      const program = ctx.program(opts.program);
      const data = ctx.readJson(opts.data);
      const year = opts.year === undefined ? undefined : parseYear(opts.year, program.manifest.timezone);
      // docgen (docxtemplater, Handlebars; for a PDF the LibreOffice bridge) is loaded by the commands
      // that use it, so that the others start without it.
      const docgen = await import('@shenbao/docgen');
      const { render, renderHtml } = docgen;
      // Compiled template parts kept between runs (caches.ts): a command does not lex the template again.
      const cache = cacheDir(ctx.root);
      if (cache) docgen.useCompiledPartsStore(diskCompiledPartsStore(join(cache, 'templates')));
      try {
        let output: Uint8Array | string;
        if (format === '.html') output = renderHtml(program, docId, data, { year });
        else {
          const docx = render(program, docId, data, { year, placeholder: opts.placeholder });
          if (format === '.pdf') {
            const { docxToPdf } = await import('@shenbao/docgen/node');
            output = await docxToPdf(docx, { fontsConf: fontsConfOf(programDir, ctx.root) });
          } else output = docx;
        }
        await writeFile(opts.out, output);
      } catch (e) {
        docgenExit(docgen, e, opts.data);
      }
      ctx.out(`✔ 已生成 ${opts.out}`);
    });
}
