/** The list of centres both the 公示 and the 认定名单 attach: brand, operator, credit code, town. */
import { SIZES, table } from '../ooxml';

export function centersTable() {
  return table({
    widths: [640, 2100, 2105, 2800, 1200],
    header: [['序号', '创新中心品牌', '运营单位', '统一社会信用代码', '所在镇街（园区）']],
    rows: [
      [
        '{#centers}{$index}',
        { content: '{brand}', align: 'left' },
        { content: '{operator}', align: 'left' },
        // Credit codes in 五号, so that 18 characters never break across lines.
        { content: '{creditCode}', size: SIZES.wu },
        '{town | ref:"towns"}{/centers}',
      ],
    ],
  });
}
