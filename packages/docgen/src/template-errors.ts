// docxtemplater's MultiError (compile) and render errors flattened into TemplateProblem rows
// with Chinese messages. Only tags and positions are kept: docxtemplater's error objects can
// carry the offending data value, which must not reach a log.

import type { TemplateProblem } from './errors.js';

interface DxtErrorLike {
  name?: string;
  message?: string;
  properties?: {
    id?: string;
    xtag?: string;
    offset?: number | number[];
    file?: string;
    explanation?: string;
    errors?: DxtErrorLike[];
    rootError?: { message?: string };
  };
}

const MESSAGES: Record<string, (tag: string) => string> = {
  unclosed_tag: (t) => `标签“{${t}”缺少右括号“}”`,
  unopened_tag: (t) => `标签“${t}}”缺少左括号“{”`,
  unclosed_loop: (t) => `循环或条件“{#${t}}”没有对应的结束标签“{/${t}}”`,
  unopened_loop: (t) => `结束标签“{/${t}}”没有对应的开始标签`,
  closing_tag_does_not_match_opening_tag: (t) => `结束标签与开始标签不匹配：${t}`,
  duplicate_open_tag: (t) => `重复的左括号：${t}`,
  duplicate_close_tag: (t) => `重复的右括号：${t}`,
  unbalanced_loop_tags: (t) => `循环标签在段落或表格中不成对：${t}`,
  raw_xml_tag_should_be_only_text_in_paragraph: (t) => `原始 XML 标签必须独占一个段落：${t}`,
  invalid_xml_characters: (t) => `字段“${t}”含有 XML 不允许的字符`,
  malformed_xml: () => '模板中的 XML 格式错误',
  scopeparser_compilation_failed: (t) => `标签“{${t}}”无法解析`,
  scopeparser_execution_failed: (t) => `标签“{${t}}”取值失败`,
};

function offsetOf(o: number | number[] | undefined): number | undefined {
  return Array.isArray(o) ? o[0] : o;
}

export function templateProblems(error: unknown, template: string): TemplateProblem[] {
  const e = error as DxtErrorLike;
  const list = e?.properties?.errors ?? [e];
  return list.map((item): TemplateProblem => {
    const props = item?.properties ?? {};
    const id = props.id ?? 'unknown';
    const tag = props.xtag;
    const base = MESSAGES[id]?.(tag ?? '') ?? props.explanation ?? item?.message ?? String(item);
    const cause = props.rootError?.message;
    return {
      template,
      part: props.file,
      tag,
      offset: offsetOf(props.offset),
      id,
      message: cause && id.startsWith('scopeparser') ? `${base}：${cause}` : base,
    };
  });
}
