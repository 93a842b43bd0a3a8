/**
 * Document generation throughput, all in one run on this machine:
 * - our render() (validation included) against bare docxtemplater + pizzip with a new
 *   instance per document and DEFLATE output, same template, same data, same tag parser;
 * - a 公示 with 500 centres;
 * - batch of 1,000 application books on 2 worker threads against 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { RenderPool, render } from '@shenbao/docgen/node';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { compileTemplate } from '../packages/docgen/src/compiled-template';
import { deflateEngine } from '../packages/docgen/src/deflate';
import type { DocgenProgram } from '../packages/docgen/src/program';
import { createTagParser } from '../packages/docgen/src/tag-parser';
import { makeDocx, p, rowLoop } from '../packages/docgen/test/fixtures';

export interface DocgenBenchResult {
  template: 'shipped' | 'synthetic';
  oursPerSecond: number;
  barePerSecond: number;
  ratio: number;
  notice500Ms: number;
  batch1PerSecond: number;
  batch2PerSecond: number;
  batchRatio: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs `fn` for about `ms` after a warm-up; returns calls per second. */
function throughput(fn: () => unknown, ms = 2000): number {
  for (let i = 0; i < 30; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    n++;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/** Stand-in for the application book while the shipped template has no tags yet. */
function syntheticBook(): Uint8Array {
  let body = p('东莞市人工智能应用创新中心认定申请书') + p('申报单位：{applicant.name}');
  body += p('统一社会信用代码：{applicant.creditCode}') + p('法定代表人：{applicant.legalRepresentative}');
  body += p('注册地址：{applicant.registeredAddress}（{applicant.registeredTown | ref:"towns"}）');
  body +=
    p('成立日期：{applicant.foundedDate | cnDate}') +
    p('上年度营业收入：{applicant.lastYearRevenue | wan}万元');
  body +=
    p('联系人：{applicant.contact.name} {applicant.contact.mobile | phone}') + p('创新中心：{center.name}');
  for (let i = 0; i < 12; i++)
    body += p('填报说明：请如实填写各项内容，所填数据须与佐证材料一致。'.repeat(3));
  body += p('建设定位：{center.positioning}') + p('服务方向：{center.serviceDirections}');
  body += rowLoop('capability.cases', [
    '{$index}',
    '{client}',
    '{clientTown | ref:"towns"}',
    '{content}',
    '{amount | wan}',
    '{startDate | cnDate}',
  ]);
  body += rowLoop('team.members', ['{$index}', '{name}', '{role}', '{education}']);
  body += p('承诺：软件和信息技术服务业收入不低于{commitments.softwareRevenue | wan}万元');
  body += p('{#hall.status | eq:"committed"}') + p('展厅承诺建设') + p('{/}');
  body += p('签字：{declaration.signatory}  日期：{declaration.date | cnDate}');
  return makeDocx(body, { stylePadding: 600 });
}

/** Measures and prints; the figures are also returned. */
export async function benchDocgen(root: string, log = console.log): Promise<DocgenBenchResult> {
  const files = new Map(readProgramDir(join(root, 'schemas', 'ai-innovation-center')));
  let template: DocgenBenchResult['template'] = 'shipped';
  const shipped = files.get('templates/application-book.docx');
  if (!(shipped instanceof Uint8Array) || compileTemplate(shipped, 'probe').taggedParts.length === 0) {
    files.set('templates/application-book.docx', syntheticBook());
    template = 'synthetic';
  }
  const program = loadProgram(files) as unknown as DocgenProgram;
  const book = files.get('templates/application-book.docx') as Uint8Array;

  const app = JSON.parse(readFileSync(join(root, 'examples', 'application.json'), 'utf8'));
  const c0 = app.capability.cases[0];
  app.capability.cases = Array.from({ length: 20 }, (_, i) => ({ ...c0, client: `${c0.client}${i + 1}` }));
  render(program, 'application-book', app, { year: 2026 }); // throws if the data is not valid

  const base = {
    reference: (n: string) => program.reference(n),
    enumTitles: () => undefined,
    timeZone: 'Asia/Shanghai',
  };
  const bare = () => {
    const doc = new Docxtemplater(new PizZip(book), {
      parser: createTagParser(() => base),
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      nullGetter: () => '',
    });
    doc.render(app);
    return doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
  };
  const ours = () => render(program, 'application-book', app, { year: 2026 });
  const barePerSecond = throughput(bare);
  const oursPerSecond = throughput(ours);

  const notice = JSON.parse(readFileSync(join(root, 'examples', 'publicity-notice.json'), 'utf8'));
  const n0 = notice.centers[0];
  notice.centers = Array.from({ length: 500 }, (_, i) => ({
    ...n0,
    brand: `${n0.brand}${i + 1}`,
    operator: `${n0.operator}${i + 1}`,
  }));
  render(program, 'publicity-notice', notice);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    render(program, 'publicity-notice', notice);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const notice500Ms = times[Math.floor(times.length / 2)]!;

  const batch = async (workers: number) => {
    const pool = new RenderPool({ files, workers, year: 2026 });
    try {
      // Warm-up: start every worker and compile the template in each.
      await Promise.all(
        Array.from({ length: workers * 4 }, () =>
          pool.run({ docId: 'application-book', input: { data: app } }),
        ),
      );
      const start = performance.now();
      const replies = await Promise.all(
        Array.from({ length: 1000 }, () => pool.run({ docId: 'application-book', input: { data: app } })),
      );
      if (replies.some((r) => !r.ok)) throw new Error('batch render failed');
      return 1000 / ((performance.now() - start) / 1000);
    } finally {
      await pool.close();
    }
  };
  const batch1PerSecond = await batch(1);
  const batch2PerSecond = await batch(2);

  const result: DocgenBenchResult = {
    template,
    oursPerSecond,
    barePerSecond,
    ratio: oursPerSecond / barePerSecond,
    notice500Ms,
    batch1PerSecond,
    batch2PerSecond,
    batchRatio: batch2PerSecond / batch1PerSecond,
  };
  log(
    `Document generation: application-book (${template} template), 20 success cases, one core, zip: ${deflateEngine}`,
  );
  log(`  ours (render, validation included):        ${fmt(oursPerSecond)} documents/s`);
  log(`  bare docxtemplater + pizzip (DEFLATE):      ${fmt(barePerSecond)} documents/s`);
  log(`  ratio ours/bare:                            ${result.ratio.toFixed(2)}  (target ≥ 3)`);
  log(
    `  公示 with 500 centres:                      ${notice500Ms.toFixed(1)} ms (median of 15; target ≤ 200)`,
  );
  log(`  batch 1,000 books, 1 worker:                ${fmt(batch1PerSecond)} documents/s`);
  log(`  batch 1,000 books, 2 workers:               ${fmt(batch2PerSecond)} documents/s`);
  log(`  batch ratio 2/1:                            ${result.batchRatio.toFixed(2)}  (target ≥ 1.7)`);
  return result;
}

/** Entry point bench/run.ts calls. */
export async function runDocgenBench(root: string): Promise<void> {
  await benchDocgen(root);
}
