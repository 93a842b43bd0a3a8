import { isIsoDate } from './date';
import { isLandline, isMobile, isPhone } from './phone';
import { USCC_PROBLEM_TEXT, usccProblem } from './uscc';

/** A string format: a test and the zh-CN text that follows the field's title when it fails. */
export interface FormatDef {
  validate: (value: string) => boolean;
  /** Message after 「title」, e.g. "不是有效的手机号码"; may depend on the value. */
  message: (value: string) => string;
}

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
  date: { validate: isIsoDate, message: () => '不是有效日期（格式为 YYYY-MM-DD）' },
};

/** Messages for the formats ajv-formats provides. */
export const STANDARD_FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  date: '不是有效日期（格式为 YYYY-MM-DD）',
  'date-time': '不是有效的日期时间（格式为 YYYY-MM-DDTHH:mm:ss+08:00）',
  email: '不是有效的电子邮箱地址',
  uri: '不是有效的网址',
};
