/** 撤销公告 (第十四条, 第十五条): brand, operator, ground and re-application limit per centre. */
import type { Document } from 'docx';
import { bureauDocument, MEASURES } from '../gongwen';
import { AlignmentType, body, para, table } from '../ooxml';

const PROGRAMME = '东莞市人工智能应用创新中心';

export function revocationAnnouncement(): Document {
  return bureauDocument({
    meta: { title: '撤销创新中心称号公告', description: `撤销${PROGRAMME}称号的公告（第十五条）` },
    // Title lines break between words (GB/T 9704 7.3.1: 词意完整、排列对称).
    title: ['关于撤销部分东莞市', '人工智能应用创新中心称号的公告'],
    body: [
      body([
        `根据${MEASURES}第十四条、第十五条规定，经核实，下列创新中心存在第十四条所列情形，我局决定撤销其${PROGRAMME}称号。现将创新中心品牌、运营单位、撤销原因及重新申请限制公告如下：`,
      ]),
      para([''], { align: AlignmentType.LEFT }),
      table({
        size: 21,
        // Widths let an 18-character credit code stand on one line, the ban "两年内不得重新申请认定" on one
        // line with "（至2030年11月28日）" whole on the next, and no header leave a character alone; the code
        // sits under the operator it identifies. (LibreOffice breaks inside a date even between word
        // joiners, so only room keeps it whole.)
        widths: [600, 1500, 2600, 1585, 2560],
        header: [['序号', '创新中心品牌', '运营单位及统一社会信用代码', '撤销原因', '重新申请限制']],
        rows: [
          [
            '{#centers}{$index}',
            { content: '{brand}', align: 'left' },
            { content: ['{operator}', '{creditCode}'], align: 'left' },
            { content: '{groundText}（{groundArticle}）', align: 'left' },
            { content: '{banText | default:"无"}{/centers}', align: 'left' },
          ],
        ],
      }),
      para([''], { align: AlignmentType.LEFT }),
      body(['被撤销称号的单位自本公告发布之日起不得以东莞市人工智能应用创新中心名义开展宣传和业务活动。'], {
        keepNext: true,
      }),
      body(['特此公告。'], { keepNext: true }),
    ],
  });
}
