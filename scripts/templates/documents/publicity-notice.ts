/** 关于…拟认定名单的公示 (第九条（四）): basis, procedure, 公示时间, objection clause, list of centers. */
import type { Document } from 'docx';
import { bureauDocument, MEASURES } from '../gongwen';
import { body, tagLine } from '../ooxml';
import { centersTable } from './centers-table';

const PROGRAMME = '东莞市人工智能应用创新中心';

export function publicityNotice(): Document {
  return bureauDocument({
    meta: { title: '拟认定名单公示', description: `${PROGRAMME}拟认定名单公示（第九条（四））` },
    title: [`关于{year}年${PROGRAMME}`, '拟认定名单的公示'],
    body: [
      body([
        `根据${MEASURES}`,
        '{#call}和《{title}》{/call}',
        `要求，我局组织开展了{year}年${PROGRAMME}认定工作。经企业申报、镇街（园区）推荐、形式审查、征求部门意见、专家评审和局务会议审议等程序，拟认定附件所列单位为{year}年${PROGRAMME}，现予以公示。`,
      ]),
      body(['公示时间：{publicity.startDate | cnDate}至{publicity.endDate | cnDate}。']),
      body([
        '公示期间，任何单位和个人对公示名单有异议的，可在公示期内以书面方式向受理单位提出。以个人名义提出异议的，应当签署真实姓名并注明联系方式；以单位名义提出异议的，应当加盖本单位公章并注明联系人和联系方式。异议应当写明具体事项并提供必要的证明材料。匿名、冒用他人名义或者逾期提出的异议，不予受理。',
      ]),
      body(['受理单位：{objection.unit}']),
      body(['地址：{objection.address}']),
      // The last lines keep with the sign-off (the e-mail line is optional).
      body(['电话：{objection.phone | phone}'], { keepNext: true }),
      tagLine('{#objection.email}'),
      body(['电子邮箱：{objection.email}'], { keepNext: true }),
      tagLine('{/objection.email}'),
    ],
    attachmentNote: [`附件：{year}年${PROGRAMME}拟认定名单`],
    attachment: {
      title: [`{year}年${PROGRAMME}`, '拟认定名单'],
      content: [centersTable()],
    },
  });
}
