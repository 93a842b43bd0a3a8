/** 首年绩效考核不达标 通告 (第十三条). */
import type { Document } from 'docx';
import { bureauDocument, MEASURES } from '../gongwen';
import { AlignmentType, body, para, SIZES, table } from '../ooxml';

const PROGRAMME = '东莞市人工智能应用创新中心';

export function failureNotice(): Document {
  return bureauDocument({
    meta: {
      title: '首年绩效考核不达标通告',
      description: `${PROGRAMME}首年绩效考核不达标情况通告（第十三条）`,
    },
    title: [`关于{year}年度${PROGRAMME}`, '首年绩效考核不达标情况的通告'],
    body: [
      body([
        `根据${MEASURES}第十一条至第十三条规定，我局组织开展了{year}年度${PROGRAMME}绩效考核。经创新中心自评、{assessor}考核，下列创新中心首年绩效考核不达标，现予通告：`,
      ]),
      para([''], { align: AlignmentType.LEFT }),
      table({
        size: 21,
        widths: [600, 1650, 1700, 2500, 2395],
        header: [['序号', '创新中心品牌', '运营单位', '统一社会信用代码', '未达标指标']],
        rows: [
          [
            '{#centers}{$index}',
            { content: '{brand}', align: 'left' },
            { content: '{operator}', align: 'left' },
            { content: '{creditCode}', size: SIZES.wu },
            {
              // Loops must nest and the row loop closes in the last cell, so the indicators run inline.
              content:
                '{#failedIndicators}{title}：目标{target}{unit}，实际完成{actual}{unit}。{/failedIndicators}{/centers}',
              align: 'left',
            },
          ],
        ],
      }),
      para([''], { align: AlignmentType.LEFT }),
      body(
        [
          '请上述创新中心运营单位对照年度绩效目标，认真分析原因，落实整改措施。根据《办法》第十四条第（三）项和第十五条规定，连续两年绩效考核不达标的，撤销其创新中心称号，且不得重新申请认定。',
        ],
        { keepNext: true },
      ),
      body(['特此通告。'], { keepNext: true }),
    ],
  });
}
