/**
 * 东莞市人工智能应用创新中心认定申请书 (第八条（一）): cover, 填报说明, sections 一…八 after 第六条, the
 * declaration with signature and seal, and the attachment list. Data: application.schema.json.
 */
import type { Document, FileChild } from 'docx';
import { applicantSignOff, gbDocument } from '../gongwen';
import { AlignmentType, blank, body, type CellSpec, h1, h2, para, SIZES, table, tagLine } from '../ooxml';

const yesNo = (path: string) => `{#${path}}是{/${path}}{^${path}}否{/${path}}`;
const label = (text: string): CellSpec => ({ content: text, header: true });
const value = (text: string): CellSpec => ({ content: text, align: 'left' });

function cover(): FileChild[] {
  const field = (name: string, tag: string): (CellSpec | string)[] => [
    { content: name, align: 'left', font: 'hei', size: SIZES.san },
    { content: tag, align: 'left', underline: true, size: SIZES.san },
  ];
  return [
    blank(),
    blank(),
    para(['东莞市人工智能应用创新中心'], {
      font: 'xiaobiaosong',
      size: SIZES.yi,
      align: AlignmentType.CENTER,
      latinInFont: true,
      spacing: { line: 900, lineRule: 'exact', before: 0, after: 0 },
    }),
    para(['认定申请书'], {
      font: 'xiaobiaosong',
      size: SIZES.yi,
      align: AlignmentType.CENTER,
      latinInFont: true,
      spacing: { line: 900, lineRule: 'exact', before: 0, after: 0 },
    }),
    blank(),
    blank(),
    table({
      widths: [3000, 5845],
      borderless: true,
      compact: false,
      rows: [
        field('创新中心名称', '{center.name}'),
        field('申报单位（盖章）', '{applicant.name}'),
        field('所在镇街（园区）', '{applicant.registeredTown | ref:"towns"}'),
        field('法定代表人', '{applicant.legalRepresentative}'),
        field('联系人', '{applicant.contact.name}'),
        field('联系电话', '{applicant.contact.mobile | phone}'),
        field('电子邮箱', '{applicant.contact.email | default:"无"}'),
        field('填报日期', '{declaration.date | cnDate}'),
      ],
    }),
    blank(),
    blank(),
    para(['东莞市工业和信息化局制'], { font: 'kai', align: AlignmentType.CENTER }),
  ];
}

function instructions(): FileChild[] {
  return [
    para(['填报说明'], { font: 'hei', align: AlignmentType.CENTER, pageBreakBefore: true }),
    blank(),
    body([
      '一、申报单位应当对照《东莞市工业和信息化局关于东莞市人工智能应用创新中心的认定管理办法（试行）》（东工信规〔2025〕5号）和本年度认定通知要求，如实填写本申请书，并对所填内容和所附材料的真实性负责。',
    ]),
    body(['二、本申请书各栏目均须填写，没有内容的填“无”。']),
    body(['三、金额单位为万元，数据口径除注明外为上一自然年度。']),
    body([
      '四、申请书及佐证材料按本申请书所列顺序编制目录和页码，用A4纸双面打印，加盖骑缝章后装订成册，按认定通知要求的份数报送。',
    ]),
  ];
}

function applicantSection(): FileChild[] {
  return [
    h1(['一、申报单位基本情况'], { pageBreakBefore: true }),
    table({
      widths: [2050, 2845, 2050, 1900],
      rows: [
        [label('单位名称'), { ...value('{applicant.name}'), columnSpan: 3 }],
        [
          label('统一社会信用代码'),
          { content: '{applicant.creditCode}', size: SIZES.wu },
          label('法定代表人'),
          '{applicant.legalRepresentative}',
        ],
        [
          label('成立日期'),
          '{applicant.foundedDate | cnDate}',
          label('注册资本（万元）'),
          '{applicant.registeredCapital | wan}',
        ],
        [
          label('注册地址'),
          value('{applicant.registeredAddress}'),
          label('注册地镇街（园区）'),
          '{applicant.registeredTown | ref:"towns"}',
        ],
        [
          label('实际经营地址'),
          value('{applicant.operatingAddress}'),
          label('经营地镇街（园区）'),
          '{applicant.operatingTown | ref:"towns"}',
        ],
        [
          label('主营行业代码'),
          '{applicant.industryCode} {applicant.industryCode | ref:"industries"}',
          label('职工总数（人）'),
          '{applicant.staffCount}',
        ],
        [label('经营范围'), { ...value('{applicant.businessScope}'), columnSpan: 3 }],
        [
          label('上年度营业收入（万元）'),
          '{applicant.lastYearRevenue | wan}',
          label('上年度软件和信息技术服务业收入（万元）'),
          '{applicant.lastYearSoftwareRevenue | wan}',
        ],
        [
          label('具有独立法人资格'),
          yesNo('applicant.independentLegalPerson'),
          label('列入严重失信主体名单'),
          yesNo('applicant.seriousDishonesty'),
        ],
        [
          label('财务管理制度健全规范'),
          yesNo('applicant.financeSystemSound'),
          label('财务管理制度说明'),
          value('{applicant.financeSystemNote | default:"无"}'),
        ],
        [label('联系人'), '{applicant.contact.name}', label('手机'), '{applicant.contact.mobile | phone}'],
        // An e-mail address gets a whole row, so that it never breaks.
        [
          label('办公电话'),
          { content: '{applicant.contact.phone | phone | default:"无"}', columnSpan: 3, align: 'left' },
        ],
        [label('电子邮箱'), { ...value('{applicant.contact.email | default:"无"}'), columnSpan: 3 }],
      ],
    }),
    blank(),
    h2(['（一）近三年行政处罚记录']),
    tagLine('{#applicant.penalties}'),
    body(['{$index}．{date | cnDate}，{authority}：{matter}{#amount}，罚款{amount | wan}万元{/amount}。']),
    tagLine('{/applicant.penalties}'),
    tagLine('{^applicant.penalties}'),
    body(['无']),
    tagLine('{/applicant.penalties}'),
  ];
}

function centerSection(): FileChild[] {
  return [
    h1(['二、创新中心建设方案']),
    body(['创新中心名称（品牌）：{center.name}']),
    h2(['（一）建设定位与运营机制']),
    body(['{center.positioning}']),
    h2(['（二）面向制造业的服务方向']),
    body(['{center.serviceDirections}']),
    h2(['（三）三年建设计划']),
    body(['{center.plan | default:"无"}']),
  ];
}

function teamSection(): FileChild[] {
  return [
    h1(['三、运营团队']),
    body([
      '运营团队总人数{team.total}人，其中本地运营团队{team.localCount}人。团队负责人{team.leader.name}，{team.leader.position}。{team.leader.profile}',
    ]),
    table({
      widths: [600, 1000, 1500, 700, 1600, 2445, 1000],
      size: SIZES.wu,
      header: [['序号', '姓名', '岗位', '学历', '专业或职称', '劳动合同期限', '在东莞缴纳社保']],
      rows: [
        [
          '{#team.members}{$index}',
          '{name}',
          value('{role}'),
          '{education}',
          value('{major | default:"无"}'),
          // One date a line: a date never breaks inside.
          { content: ['{contractStart | cnDate}至', '{contractEnd | cnDate | default:"无固定期限"}'] },
          `${yesNo('localSocialInsurance')}{/team.members}`,
        ],
      ],
    }),
    blank(),
  ];
}

function hallSection(): FileChild[] {
  return [
    h1(['四、人工智能赋能业务体验展厅']),
    table({
      widths: [2050, 2845, 2050, 1900],
      rows: [
        [
          label('展厅状态'),
          '{hall.status | label:"hall.status"}',
          label('展厅面积（平方米）'),
          '{hall.area}',
        ],
        [label('展厅地址'), value('{hall.address}'), label('所在镇街（园区）'), '{hall.town | ref:"towns"}'],
        [
          label('展厅功能'),
          { ...value('{hall.functions | label:"hall.functions" | join:"、"}'), columnSpan: 3 },
        ],
        [
          label('{#hall.status | eq:"built"}建成日期{/}{#hall.status | eq:"committed"}承诺建成日期{/}'),
          '{hall.completedDate | cnDate}{hall.plannedDate | cnDate}',
          label('场地权属'),
          '{hall.tenure | label:"hall.tenure" | default:"—"}',
        ],
        [label('开放安排'), { ...value('{hall.openingArrangement | default:"无"}'), columnSpan: 3 }],
      ],
    }),
    blank(),
    tagLine('{#hall.status | eq:"committed"}'),
    body(['展厅尚未建成，随本申请书提交《人工智能赋能业务体验展厅建设承诺书》。'], { size: SIZES.xiaosi }),
    tagLine('{/}'),
  ];
}

function capabilitySection(): FileChild[] {
  return [
    h1(['五、赋能业务能力']),
    h2(['（一）人工智能核心产品和技术']),
    table({
      // 上线时间 1900: a date on one line.
      widths: [640, 1900, 800, 1900, 1900, 1705],
      size: SIZES.wu,
      header: [['序号', '产品或技术名称', '类别', '知识产权', '上线时间', '简介']],
      rows: [
        [
          '{#capability.products}{$index}',
          value('{name}'),
          '{category}',
          value('{ip | default:"无"}'),
          '{launchDate | cnDate | default:"—"}',
          value('{description}{/capability.products}'),
        ],
      ],
    }),
    blank(),
    h2(['（二）人工智能赋能制造业解决方案']),
    table({
      widths: [640, 2400, 2400, 3405],
      size: SIZES.wu,
      header: [['序号', '解决方案名称', '适用制造业大类', '方案简介']],
      rows: [
        [
          '{#capability.solutions}{$index}',
          value('{name}'),
          value('{industries | ref:"manufacturing" | join:"；"}'),
          value('{description}{/capability.solutions}'),
        ],
      ],
    }),
    blank(),
    h2(['（三）服务流程']),
    body(['{capability.serviceProcess}']),
    h2(['（四）人工智能应用项目成功案例']),
    table({
      // Two rows a case: the facts, then 项目内容 and 应用成效 with room to read (seven columns left
      // 应用成效 four characters wide and broke the dates of 实施周期).
      widths: [600, 2900, 1800, 1300, 2245],
      size: SIZES.wu,
      header: [
        ['序号', '客户名称及统一社会信用代码', '所属行业及镇街', '合同金额（万元）', '实施周期'],
        ['', { content: '项目内容', columnSpan: 2 }, { content: '应用成效', columnSpan: 2 }],
      ],
      rows: [
        [
          '{#capability.cases}{$index}',
          { content: ['{client}', '{clientCreditCode}'], align: 'left' },
          {
            content: [
              'C{clientIndustry} {clientIndustry | ref:"manufacturing"}',
              '{clientTown | ref:"towns"}',
            ],
            align: 'left',
          },
          '{amount | wan}',
          { content: ['{startDate | cnDate}至', '{endDate | cnDate}'] },
        ],
        [
          '',
          { ...value('{content}'), columnSpan: 2 },
          { ...value('{outcome}{/capability.cases}'), columnSpan: 2 },
        ],
      ],
    }),
    blank(),
  ];
}

function ecosystemSection(): FileChild[] {
  return [
    h1(['六、生态聚合能力']),
    table({
      // 2600: an 18-character credit code on one line.
      widths: [600, 2600, 1400, 2100, 2145],
      size: SIZES.wu,
      header: [['序号', '技术支撑单位', '合作方式', '具备的能力（第六条（六））', '授权文件、范围及期限']],
      rows: [
        [
          '{#ecosystem.supportUnits}{$index}',
          { content: ['{name}', '{creditCode}', '{country}'], align: 'left' },
          value('{cooperation}'),
          value('{capabilities | label:"ecosystem.supportUnits.capabilities" | join:"；"}'),
          {
            content: [
              '《{authorization.document}》',
              '{authorization.scope}',
              '{authorization.validFrom | cnDate}至{authorization.validTo | cnDate}{/ecosystem.supportUnits}',
            ],
            align: 'left',
          },
        ],
      ],
    }),
    blank(),
  ];
}

function commitmentSection(): FileChild[] {
  const row = (n: string, name: string, unit: string, tag: string | CellSpec) => [n, value(name), unit, tag];
  return [
    h1(['七、年度绩效承诺']),
    table({
      widths: [700, 4445, 1400, 2300],
      header: [['序号', '指标（第六条（七））', '单位', '承诺值']],
      rows: [
        row('1', '运营单位全年软件和信息技术服务业收入', '万元', '{commitments.softwareRevenue | wan}'),
        row('2', '服务本地制造业企业数量', '家', '{commitments.localManufacturersServed}'),
        row('3', '本地服务团队人数', '人', '{commitments.localTeamSize}'),
        row('4', '人工智能赋能业务体验展厅面积', '平方米', '{commitments.hallArea}'),
        row(
          '5',
          '人工智能赋能业务体验展厅功能',
          '—',
          value('{commitments.hallFunctions | label:"commitments.hallFunctions" | join:"、"}'),
        ),
        row('6', '人工智能赋能业务供需对接活动', '场', '{commitments.matchmakingEvents}'),
        row('7', '人才培训', '场', '{commitments.trainingSessions}'),
      ],
    }),
    blank(),
  ];
}

function declarationSection(): FileChild[] {
  return [
    h1(['八、申报单位承诺']),
    body(
      [
        '本单位承诺：本申请书所填报内容和提交的全部材料真实、准确、完整，不存在伪造资料、弄虚作假等情形；同意市工业和信息化局及其委托的第三方机构对申报材料进行核查；获得认定后按规定参加年度绩效考核，发生更名、重组或者将运营主体资质授权转让等重大调整的，在办理相关手续前30日告知市工业和信息化局。如有虚假，愿承担相应法律责任，并接受撤销创新中心称号等处理。',
      ],
      { keepNext: true },
    ),
    ...applicantSignOff('申报单位（盖章）：{applicant.name}', '{declaration.date | cnDate}'),
  ];
}

function attachmentList(): FileChild[] {
  return [
    blank(),
    h1(['附件材料清单']),
    tagLine('{#attachments}'),
    body(['{$index}．{category | label:"attachments.category"}：{name}']),
    tagLine('{/attachments}'),
    tagLine('{^attachments}'),
    body(['无']),
    tagLine('{/attachments}'),
  ];
}

export function applicationBook(): Document {
  return gbDocument(
    { title: '东莞市人工智能应用创新中心认定申请书', description: '申请书（第八条（一））', coverPage: true },
    [
      ...cover(),
      ...instructions(),
      ...applicantSection(),
      ...centerSection(),
      ...teamSection(),
      ...hallSection(),
      ...capabilitySection(),
      ...ecosystemSection(),
      ...commitmentSection(),
      ...declarationSection(),
      ...attachmentList(),
    ],
  );
}
