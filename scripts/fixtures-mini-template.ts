/** Writes the one-page certificate template of the second (test) programme. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';

const out = join(
  import.meta.dirname,
  '..',
  'test',
  'fixtures',
  'programs',
  'templates',
  'mini-grant',
  'certificate.docx',
);
const run = (text: string) =>
  new TextRun({ text, font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 });
const doc = new Document({
  sections: [
    {
      children: [
        new Paragraph({ children: [run('绿色工厂认定证书')] }),
        new Paragraph({ children: [run('{company.name}（统一社会信用代码：{company.creditCode}）')] }),
        new Paragraph({
          children: [run('所在区：{company.district | ref:"districts"}；单位产值能耗下降{energySaving}%。')],
        }),
      ],
    },
  ],
});
writeFileSync(out, await Packer.toBuffer(doc));
console.log(`wrote ${out}`);
