/** 申报材料真实性承诺书: submitted with the application book (第六条（一）, 第十四条（五）). */
import type { Document } from 'docx';
import { applicantSignOff, gbDocument } from '../gongwen';
import { AlignmentType, blank, body, para, title } from '../ooxml';

export function truthfulnessDeclaration(): Document {
  return gbDocument({ title: '申报材料真实性承诺书', description: '随申请书提交的真实性承诺书' }, [
    title(['申报材料真实性承诺书']),
    blank(),
    para(['东莞市工业和信息化局：'], { align: AlignmentType.LEFT }),
    body([
      '我单位{applicant.name}（统一社会信用代码：{applicant.creditCode}）自愿申报东莞市人工智能应用创新中心（{center.name}）认定，现郑重承诺：',
    ]),
    body([
      '一、本单位在东莞市行政区域内注册，具有独立法人资格，遵守国家法律法规，认真履行社会责任，财务管理制度健全规范，未被列入严重失信主体名单。',
    ]),
    body([
      '二、所提交的申请书及全部佐证材料真实、准确、完整，复印件与原件一致，不存在伪造资料、弄虚作假等情形。',
    ]),
    body(['三、同意市工业和信息化局及其委托的专家或第三方机构对申报材料进行核查，并如实提供相关材料。']),
    body([
      '四、获得认定后，按规定参加年度绩效考核；发生更名、重组或者将运营主体资质授权转让等重大调整的，在办理相关手续前30日将有关情况告知市工业和信息化局。',
    ]),
    body(
      [
        '五、如违反上述承诺，自愿承担相应法律责任，并同意按《东莞市工业和信息化局关于东莞市人工智能应用创新中心的认定管理办法（试行）》第十四条第（五）项撤销创新中心称号，且不再重新申请认定。',
      ],
      { keepNext: true },
    ),
    ...applicantSignOff('申报单位（盖章）：{applicant.name}', '{declaration.date | cnDate}'),
  ]);
}
