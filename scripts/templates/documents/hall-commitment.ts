/** 人工智能赋能业务体验展厅建设承诺书 (第六条（四）, 第八条（三）): when the hall is committed, not built. */
import type { Document } from 'docx';
import { applicantSignOff, gbDocument } from '../gongwen';
import { AlignmentType, blank, body, para, title } from '../ooxml';

export function hallCommitment(): Document {
  return gbDocument(
    { title: '人工智能赋能业务体验展厅建设承诺书', description: '展厅建设承诺书（第八条（三））' },
    [
      title(['人工智能赋能业务体验展厅']),
      title(['建设承诺书']),
      blank(),
      para(['东莞市工业和信息化局：'], { align: AlignmentType.LEFT }),
      body([
        '我单位{applicant.name}（统一社会信用代码：{applicant.creditCode}）申报东莞市人工智能应用创新中心（{center.name}）认定。根据《东莞市工业和信息化局关于东莞市人工智能应用创新中心的认定管理办法（试行）》（东工信规〔2025〕5号）第六条第（四）项和第八条第（三）项，我单位尚未建成人工智能赋能业务体验展厅，现郑重承诺：',
      ]),
      body([
        '一、于{hall.plannedDate | cnDate}前，在{hall.address}（{hall.town | ref:"towns"}）建成面积不少于{hall.area}平方米的人工智能赋能业务体验展厅。',
      ]),
      body([
        '二、展厅具备{hall.functions | label:"hall.functions" | join:"、"}等功能，并面向本地制造业企业开放。',
      ]),
      body([
        '三、展厅建成后{hall.evidenceDueDays | default:"30"}日内，向市工业和信息化局报送产权证明或租赁合同、平面图、实景照片等佐证材料，接受核查。',
      ]),
      body([
        '四、未按期建成展厅的，同意作为年度绩效考核不达标处理；所提交材料如有虚假，同意按本办法第十四条第（五）项撤销创新中心称号，且不再重新申请认定。',
      ]),
      body(['五、本承诺书同意向社会公开。'], { keepNext: true }),
      ...applicantSignOff('申报单位（盖章）：{applicant.name}', '{declaration.date | cnDate}'),
    ],
  );
}
