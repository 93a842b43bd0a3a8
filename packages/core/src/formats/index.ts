import { isIsoDate, isNotFuture } from './date';
import { isLandline, isMobile, isPhone } from './phone';
import { USCC_PROBLEM_TEXT, usccProblem } from './uscc';

/** A string format: a test and the zh-CN text that follows the field's title when it fails. */
export interface FormatDef {
  validate: (value: string) => boolean;
  /** Message after 「title」, e.g. "不是有效的手机号码"; may depend on the value. */
  message: (value: string) => string;
}

/** Said of a bad date in the way date fields show and accept them (年月日, or ISO). */
const DATE_MESSAGE = '不是有效日期，请按“2026年3月1日”或“2026-03-01”填写';

/** Formats every programme gets. Reference-data formats are added per programme. */
export const BUILTIN_FORMATS: Readonly<Record<string, FormatDef>> = {
  uscc: {
    validate: (v) => usccProblem(v) === undefined,
    message: (v) => {
      const p = usccProblem(v);
      return p ? USCC_PROBLEM_TEXT[p] : '';
    },
  },
  mobile: { validate: isMobile, message: () => '不是有效的手机号码' },
  landline: { validate: isLandline, message: () => '不是有效的固定电话号码（如 0769-22228101）' },
  phone: { validate: isPhone, message: () => '不是有效的电话号码' },
  date: { validate: isIsoDate, message: () => DATE_MESSAGE },
  /** Past events (成立日期 …): used next to `date`, e.g. `"allOf": [{"format": "not-future"}]`. */
  'not-future': { validate: (v) => isNotFuture(v), message: () => '不能晚于今天' },
};

/** Messages for the formats ajv-formats provides. */
export const STANDARD_FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  date: DATE_MESSAGE,
  'date-time': '不是有效的日期时间（格式为 YYYY-MM-DDTHH:mm:ss+08:00）',
  email: '不是有效的电子邮箱地址',
  uri: '不是有效的网址',
};
