import type { NoticeItemSource } from '../generated/program';
import { schemaHasPath } from '../program/lint';
import type { Program } from '../program/program';
import type { SchemaNode } from '../validation/schema-walk';
import { CENTRE_NOTICE_VIEW_SCHEMA } from './centres';

type Add = (path: string, message: string) => void;

/**
 * Notices (`documents[].notice`): the pointers into the notice's data name fields of its data
 * schema, the item pointers name fields of the application form (or of the recorded form of
 * `entries.record`), states, transitions and reference data exist, and the period's state has
 * a deadline entered by the named transition. A list of centres (`from: "centres"`) says which
 * centres (`select`) and its item pointers name fields of the centre view.
 */
export function lintNotices(program: Program, add: Add): void {
  const m = program.manifest;
  const proc = m.procedure;
  const states = new Set(proc.states.map((s) => s.id));
  const schemaOf = (file: string): SchemaNode | undefined => {
    try {
      const s = program.json(file);
      return typeof s === 'object' && s !== null ? (s as SchemaNode) : undefined;
    } catch {
      return undefined; // reported by the manifest lint
    }
  };
  const formSchema = (form: string | undefined): SchemaNode | undefined => {
    const f = form ? m.forms[form] : undefined;
    return f ? schemaOf(f.schema) : undefined;
  };
  const applicationSchema = formSchema(m.submission?.form ?? m.eligibility.form);

  (m.documents ?? []).forEach((d, i) => {
    const spec = d.notice;
    if (!spec) return;
    const at = `/documents/${i}/notice`;
    const data = schemaOf(d.dataSchema);
    const inData = (pointer: string | undefined, where: string, what: string) => {
      if (pointer !== undefined && data && !schemaHasPath(data, pointer))
        add(`${at}/${where}`, `文书“${d.title}”的${what}指向数据结构中不存在的字段：${pointer}`);
    };
    inData(spec.year, 'year', '年度');
    inData(spec.docNo, 'docNo', '发文字号');
    inData(spec.date, 'date', '成文日期');
    inData(spec.entries.path, 'entries/path', '名单');

    const e = spec.entries;
    (e.states ?? []).forEach((s, j) => {
      if (!states.has(s))
        add(`${at}/entries/states/${j}`, `文书“${d.title}”的名单引用了不存在的状态「${s}」`);
    });
    let recordSchema: SchemaNode | undefined;
    if (e.record) {
      const t = proc.transitions.find((x) => x.id === e.record);
      if (!t) add(`${at}/entries/record`, `文书“${d.title}”的名单引用了不存在的办理事项「${e.record}」`);
      else if (!t.record) add(`${at}/entries/record`, `办理事项「${t.title}」不登记表单，名单无法读取其记录`);
      else recordSchema = formSchema(t.record);
    }
    const centres = e.from === 'centres';
    if (centres) {
      if (!e.select)
        add(`${at}/entries/select`, `文书“${d.title}”的名单取自创新中心，须用 select 指明取哪些创新中心`);
      if (e.states) add(`${at}/entries/states`, `文书“${d.title}”的名单取自创新中心，不按申报状态选取`);
      if (e.record) add(`${at}/entries/record`, `文书“${d.title}”的名单取自创新中心，没有办理事项的登记记录`);
      if (spec.period) add(`${at}/period`, `文书“${d.title}”的名单取自创新中心，不能从公示记录计算期间`);
    } else if (e.select) {
      add(`${at}/entries/select`, `文书“${d.title}”的名单取自申报，select 只用于取自创新中心的名单`);
    }
    for (const [field, def] of Object.entries(e.item)) {
      if (def === undefined) continue;
      const src: NoticeItemSource = typeof def === 'string' ? { path: def } : def;
      const where = `${at}/entries/item/${field}`;
      inData(`${e.path}/0/${field}`, `entries/item/${field}`, '名单字段');
      if (centres) {
        if (src.path && !schemaHasPath(CENTRE_NOTICE_VIEW_SCHEMA, src.path))
          add(where, `名单字段“${field}”引用了创新中心视图中不存在的字段：${src.path}`);
        if (src.record) add(where, `名单字段“${field}”取自创新中心，不能读取登记记录（record）`);
        if (!src.path) add(where, `名单字段“${field}”未指定取值位置（path）`);
        if (src.reference && !m.reference[src.reference])
          add(where, `名单字段“${field}”引用了未定义的参考数据“${src.reference}”`);
        continue;
      }
      if (src.path && applicationSchema && !schemaHasPath(applicationSchema, src.path))
        add(where, `名单字段“${field}”引用了申报表中不存在的字段：${src.path}`);
      if (src.record && !e.record)
        add(where, `名单字段“${field}”读取登记记录，但 entries.record 未指定办理事项`);
      if (src.record && recordSchema && !schemaHasPath(recordSchema, src.record))
        add(where, `名单字段“${field}”引用了登记表单中不存在的字段：${src.record}`);
      if (!src.path && !src.record) add(where, `名单字段“${field}”未指定取值位置（path 或 record）`);
      if (src.reference && !m.reference[src.reference])
        add(where, `名单字段“${field}”引用了未定义的参考数据“${src.reference}”`);
    }

    const p = spec.period;
    if (p && !centres) {
      inData(`${p.path}/startDate`, 'period/path', '期间开始日期');
      inData(`${p.path}/endDate`, 'period/path', '期间截止日期');
      const state = proc.states.find((s) => s.id === p.state);
      if (!state) add(`${at}/period/state`, `文书“${d.title}”的期间引用了不存在的状态「${p.state}」`);
      else if (!state.deadline) add(`${at}/period/state`, `状态「${state.title}」没有设置期限，无法计算期间`);
      const t = proc.transitions.find((x) => x.id === p.transition);
      if (!t)
        add(`${at}/period/transition`, `文书“${d.title}”的期间引用了不存在的办理事项「${p.transition}」`);
      else if (t.to !== p.state)
        add(`${at}/period/transition`, `办理事项「${t.title}」不进入状态「${p.state}」，不能作为期间的起点`);
    }
  });
}
