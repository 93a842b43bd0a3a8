/** 创新中心年度绩效自评报告 (第十二条（一）): the centre's own report against its yearly targets. */
import type { Document } from 'docx';
import { applicantSignOff, gbDocument } from '../gongwen';
import { AlignmentType, blank, body, h1, para, SIZES, table, tagLine, title } from '../ooxml';

const PROGRAMME = '东莞市人工智能应用创新中心';

export function selfAssessmentReport(): Document {
  const label = (text: string) => ({ content: text, header: true });
  return gbDocument(
    { title: '年度绩效自评报告', description: `${PROGRAMME}年度绩效自评报告（第十二条（一））` },
    [
      title([`{assessmentYear}年度${PROGRAMME}`]),
      title(['绩效自评报告']),
      blank(),
      para(['东莞市工业和信息化局：'], { align: AlignmentType.LEFT }),
      body([
        '根据《东莞市工业和信息化局关于东莞市人工智能应用创新中心的认定管理办法（试行）》（东工信规〔2025〕5号）第十一条、第十二条规定，本中心对照{assessmentYear}年度绩效目标进行了自评，现将有关情况报告如下。',
      ]),
      h1(['一、基本情况']),
      table({
        widths: [2050, 2845, 2050, 1900],
        rows: [
          [
            label('创新中心品牌'),
            { content: '{center.brand}', align: 'left' },
            label('运营单位'),
            { content: '{center.operator}', align: 'left' },
          ],
          [
            label('统一社会信用代码'),
            { content: '{center.creditCode}', size: SIZES.wu },
            label('所在镇街（园区）'),
            '{center.town | ref:"towns"}',
          ],
          [label('认定年度'), '{recognitionYear}年', label('考核年度'), '{assessmentYear}年'],
          [label('联系人'), '{contact.name}', label('联系电话'), '{contact.phone | phone}'],
        ],
      }),
      blank(),
      h1(['二、绩效指标完成情况']),
      table({
        widths: [600, 2385, 760, 1100, 1000, 1000, 1000, 1000],
        size: 21,
        header: [['序号', '指标', '单位', '年度目标', '承诺值', '实际完成', '完成率（%）', '是否达标']],
        rows: [
          [
            '{#indicators}{$index}',
            { content: '{title}', align: 'left' },
            '{unit}',
            '{target}',
            '{commitment}',
            '{actual}',
            '{rate | default:"—"}',
            '{#met}达标{/met}{^met}未达标{/met}{/indicators}',
          ],
        ],
      }),
      body(['注：完成率为实际完成值与考核标准（年度目标与承诺值中的较高者）之比。'], {
        size: 24,
        indentChars: 0,
      }),
      blank(),
      h1(['三、自评结论']),
      tagLine('{#overallMet}'),
      body(['经自评，本中心{assessmentYear}年度各项绩效指标均达到考核标准。']),
      tagLine('{/overallMet}'),
      tagLine('{^overallMet}'),
      body([
        '经自评，本中心{assessmentYear}年度部分绩效指标未达到考核标准，未达标原因及整改措施见第五部分。',
      ]),
      tagLine('{/overallMet}'),
      h1(['四、年度工作开展情况']),
      body(['{summary}']),
      h1(['五、未达标原因及整改措施']),
      body(['{shortfall | default:"无"}']),
      h1(['六、下一年度工作计划']),
      body(['{nextYearPlan}']),
      h1(['七、重大事项变化情况']),
      body([
        '{majorChanges | default:"本年度未发生更名、重组或者将运营主体资质授权转让等须按《办法》第十六条告知的重大调整。"}',
      ]),
      h1(['八、佐证材料清单']),
      tagLine('{#evidence}'),
      body(['{$index}．{.}']),
      tagLine('{/evidence}'),
      tagLine('{^evidence}'),
      body(['无']),
      tagLine('{/evidence}'),
      h1(['九、真实性承诺']),
      body(
        [
          '本单位承诺本报告所填数据和所附佐证材料真实、准确、完整。如有虚假，愿按《办法》第十四条第（五）项和第十五条的规定承担相应责任。',
        ],
        { keepNext: true },
      ),
      ...applicantSignOff('运营单位（盖章）：{center.operator}', '{date | cnDate}'),
    ],
  );
}
