/** 关于公布…认定名单的通知 (第九条（五）). */
import type { Document } from 'docx';
import { bureauDocument, MEASURES } from '../gongwen';
import { body, h1, run, tagLine } from '../ooxml';
import { centersTable } from './centers-table';

const PROGRAMME = '东莞市人工智能应用创新中心';

export function recognitionNotice(): Document {
  return bureauDocument({
    meta: { title: '认定名单通知', description: `公布${PROGRAMME}认定名单的通知（第九条（五））` },
    // Title lines break between words (GB/T 9704 7.3.1: 词意完整、排列对称).
    title: ['关于公布{year}年东莞市', '人工智能应用创新中心', '认定名单的通知'],
    addressee: '各园区、镇（街）工业和信息化主管部门，各有关单位：',
    body: [
      body([
        `根据${MEASURES}`,
        '{#call}和《{title}》{/call}',
        `，经企业自愿申报、镇街（园区）推荐、形式审查、征求部门意见、专家评审、局务会议审议和社会公示（{publicity.startDate | cnDate}至{publicity.endDate | cnDate}）等程序，并报请市人民政府同意，认定附件所列单位为{year}年${PROGRAMME}，现予以公布。`,
      ]),
      h1(['一、加强运营管理']),
      body([
        '各创新中心运营单位要按照申报时作出的承诺，整合算力、算法、数据等要素，完善人工智能赋能业务体验展厅的应用案例展示、产品体验和人员培训功能，积极开展供需对接活动和人才培训，为本地制造业企业智能化、数字化转型提供服务。',
      ]),
      h1(['二、按时参加绩效考核']),
      body([
        run('（一）按年度开展自评。', { font: 'kai' }),
        '市工业和信息化局对创新中心实施分类动态管理，每年进行绩效考核。各创新中心应当按照年度绩效目标进行自评，并按时报送自评材料。',
      ]),
      body([
        run('（二）考核结果运用。', { font: 'kai' }),
        '首年绩效考核不达标的创新中心予以通告；未按规定参加绩效考核或者连续两年绩效考核不达标的，撤销其创新中心称号。',
      ]),
      h1(['三、及时报告重大调整']),
      body(
        [
          '创新中心运营单位发生更名、重组或者将运营主体资质授权转让等重大调整的，应当在办理相关手续前30日将有关情况告知市工业和信息化局。各园区、镇（街）工业和信息化主管部门要加强对辖区内创新中心的指导和服务。',
        ],
        { keepNext: true },
      ),
    ],
    attachmentNote: [`附件：{year}年${PROGRAMME}认定名单`],
    afterDate: [
      tagLine('{#contact}'),
      body(['（联系人：{name}，联系电话：{phone | phone}）']),
      tagLine('{/contact}'),
    ],
    attachment: {
      title: [`{year}年${PROGRAMME}`, '认定名单'],
      content: [centersTable()],
    },
  });
}
