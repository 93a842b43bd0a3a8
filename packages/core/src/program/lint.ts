import { Ajv, type ValidateFunction } from 'ajv';
import calendarSchema from '../../../../schemas/calendar.schema.json';
import programSchema from '../../../../schemas/program.schema.json';
import { calendarConflicts } from '../dates/calendar-merge';
import type { Check, ProgramManifest } from '../generated/program';
import { isJsonObject } from '../json-object';
import { getPointer, parsePointer } from '../json-pointer';
import { lintNotices } from '../notices/lint';
import { lintProcedure } from '../procedure/lint';
import { childSchema, resolveSchemaPointer, type SchemaNode } from '../validation/schema-walk';
import { applyOverlays } from './overlay';
import { NATIONAL_CALENDAR_PREFIX, type Program, ProgramLoadError } from './program';

export interface LintProblem {
  /** Programme file the problem is in. */
  file: string;
  /** JSON pointer inside that file. */
  path: string;
  message: string;
}

/**
 * The meta validators, compiled on first lint rather than when the module loads: the portal
 * imports core but never lints, and compiling these costs ~170 ms of its first paint.
 */
let meta: { manifest: ValidateFunction; calendar: ValidateFunction } | undefined;
function metaValidators(): { manifest: ValidateFunction; calendar: ValidateFunction } {
  if (!meta) {
    const metaAjv = new Ajv({ allErrors: true, strict: false, messages: true });
    meta = { manifest: metaAjv.compile(programSchema), calendar: metaAjv.compile(calendarSchema) };
  }
  return meta;
}

/** Does a data pointer (`/a/b`, array items as any index or `-`) name a property of the schema? */
export function schemaHasPath(root: SchemaNode, dataPointer: string): boolean {
  let node: SchemaNode | undefined = root;
  for (const token of parsePointer(dataPointer)) {
    node = node ? childSchema(root, node, token === '-' ? '0' : token) : undefined;
    if (!node) return false;
  }
  return true;
}

/** Every problem of a loaded programme, in one list. */
export function lintProgram(program: Program): LintProblem[] {
  const problems: LintProblem[] = [];
  const add = (file: string, path: string, message: string) => problems.push({ file, path, message });
  const m = program.manifest;
  const { manifest: validateManifest, calendar: validateCalendar } = metaValidators();

  if (!validateManifest(m)) {
    for (const e of validateManifest.errors ?? [])
      add('program.json', e.instancePath, `清单结构错误：${e.message ?? e.keyword}`);
    return problems; // the rest assumes a well-formed manifest
  }

  const named = namedFiles(m);
  for (const [path, where] of named)
    if (!program.has(path)) add('program.json', where, `引用的文件不存在：${path}`);

  const readJson = (path: string): unknown => {
    try {
      return program.json(path);
    } catch (e) {
      if (e instanceof ProgramLoadError && program.has(path)) add(path, '', e.message);
      return undefined;
    }
  };

  // Schemas: meta-valid and compilable with the programme's formats (strict mode catches typos).
  const schemaFiles = new Set<string>();
  for (const f of Object.values(m.forms)) if (f) schemaFiles.add(f.schema);
  for (const d of m.documents ?? []) schemaFiles.add(d.dataSchema);
  for (const file of schemaFiles) {
    const schema = readJson(file);
    if (!isJsonObject(schema)) continue;
    if (!program.validator.ajv.validateSchema(schema)) {
      for (const e of program.validator.ajv.errors ?? [])
        add(file, e.instancePath, `不是合法的 JSON Schema：${e.message}`);
      continue;
    }
    try {
      program.validator.compile(schema);
    } catch (e) {
      add(file, '', `无法编译：${(e as Error).message}`);
    }
  }

  // UI schemas: every scope points at a real property.
  for (const [form, entry] of Object.entries(m.forms)) {
    if (!entry?.uischema) continue;
    const ui = readJson(entry.uischema);
    const schema = readJson(entry.schema);
    if (!isJsonObject(schema) || ui === undefined) continue;
    for (const { scope, at } of uiScopes(ui, '')) {
      const pointer = scope.startsWith('#') ? scope.slice(1) : scope;
      if (pointer !== '' && resolveSchemaPointer(schema, pointer) === undefined)
        add(entry.uischema, at, `表单“${form}”的界面定义引用了不存在的字段：${scope}`);
    }
  }

  // Targets: each year's file valid against the targets form; overlays apply cleanly.
  const targetSchema = m.forms[m.targets.form];
  if (!targetSchema) add('program.json', '/targets/form', `targets.form 指向未定义的表单“${m.targets.form}”`);
  for (const [year, file] of Object.entries(m.targets.files)) {
    if (!file || !program.has(file)) continue;
    const data = readJson(file);
    if (data === undefined || !targetSchema || !program.has(targetSchema.schema)) continue;
    try {
      const result = program.validate({ form: m.targets.form }, data);
      for (const e of result.errors) add(file, e.path, e.message);
    } catch (e) {
      add(file, '', (e as Error).message);
    }
    if (isJsonObject(data) && data.year !== undefined && String(data.year) !== year)
      add(file, '/year', `文件登记为${year}年度，但 year 为${String(data.year)}`);
    for (const overlay of m.targets.overlays ?? []) {
      const form = m.forms[overlay.form];
      const base = form ? readJson(form.schema) : undefined;
      if (!form || !isJsonObject(base)) {
        add('program.json', '/targets/overlays', `覆盖规则引用了未定义的表单“${overlay.form}”`);
        continue;
      }
      for (const p of applyOverlays(base, overlay.form, [overlay], data).problems)
        add(file, overlay.from, p.message);
    }
  }

  // Rule paths: every check names a field of its form and every reference resolves.
  const years = Object.keys(m.targets.files).map(Number);
  const eligibilityForm = m.forms[m.eligibility.form];
  const eligibilitySchema = eligibilityForm ? readJson(eligibilityForm.schema) : undefined;
  if (!eligibilityForm)
    add('program.json', '/eligibility/form', `eligibility.form 指向未定义的表单“${m.eligibility.form}”`);
  if (isJsonObject(eligibilitySchema)) {
    (['conditions', 'materials'] as const).forEach((group) => {
      m.eligibility[group].forEach((c, i) => {
        c.checks.forEach((check, j) => {
          lintCheck(
            program,
            eligibilitySchema,
            check,
            '',
            `/eligibility/${group}/${i}/checks/${j}`,
            years,
            add,
          );
        });
      });
    });
  }

  // Assessment indicators exist in the self-assessment form and the targets (when the programme assesses).
  const assessment = m.assessment;
  if (assessment) {
    const assessForm = m.forms[assessment.form];
    const assessSchema = assessForm ? readJson(assessForm.schema) : undefined;
    if (!assessForm)
      add('program.json', '/assessment/form', `assessment.form 指向未定义的表单“${assessment.form}”`);
    assessment.indicators.forEach((ind, i) => {
      const at = `/assessment/indicators/${i}`;
      if (
        isJsonObject(assessSchema) &&
        !schemaHasPath(assessSchema, `${assessment.indicatorsPath ?? ''}/${ind.id}/actual`)
      )
        add('program.json', at, `自评表中没有指标“${ind.id}”的实际完成值字段`);
      for (const y of years) {
        const t = program.targets(y);
        if (t !== undefined && getPointer(t, ind.targetFrom) === undefined)
          add('program.json', `${at}/targetFrom`, `${y}年度目标中不存在 ${ind.targetFrom}`);
      }
    });
  }

  // Procedure: ground ids unique, consequences name existing grounds, bans complete.
  const grounds = m.procedure.revocation.grounds;
  const ids = new Set<number>();
  grounds.forEach((g, i) => {
    if (ids.has(g.id))
      add('program.json', `/procedure/revocation/grounds/${i}/id`, `撤销情形编号重复：${g.id}`);
    ids.add(g.id);
    const at = `/procedure/revocation/grounds/${i}/ban`;
    if (g.ban.kind === 'years' && !g.ban.years) add('program.json', at, '限制类型为 years 时须填写 years');
    if (g.ban.kind === 'months' && !g.ban.months)
      add('program.json', at, '限制类型为 months 时须填写 months');
    if (g.ban.kind === 'until' && !g.ban.until) add('program.json', at, '限制类型为 until 时须填写 until');
    if (g.ban.text?.includes('{until}') && !['years', 'months', 'until'].includes(g.ban.kind))
      add('program.json', `${at}/text`, `限制类型为 ${g.ban.kind} 时没有截止日期，表述中不能含 {until}`);
  });
  const c = m.procedure.consequences;
  if (c && !assessment)
    add(
      'program.json',
      '/procedure/consequences',
      '本项目不设年度考核（没有 assessment），不应填写考核后果 consequences',
    );
  for (const [key, ground] of [
    ['consecutiveFailures', c?.consecutiveFailures?.ground],
    ['missedAssessment', c?.missedAssessment?.ground],
    ['firstYearFailure', c?.firstYearFailure?.ground],
  ] as const) {
    if (ground !== undefined && !ids.has(ground))
      add('program.json', `/procedure/consequences/${key}/ground`, `引用了不存在的撤销情形：${ground}`);
  }
  if (m.validity.from > m.validity.to) add('program.json', '/validity', '有效期起始日期晚于截止日期');
  lintProcedure(
    program,
    (path, message) => add('program.json', path, message),
    (schema, check, base, at) => lintCheck(program, schema, check, base, at, years, add),
  );
  lintNotices(program, (path, message) => add('program.json', path, message));

  // Calendars are well-formed (the national ones and the programme's own), and the programme's own
  // agree with the national ones except on the dates they list in `overrides`.
  const calendarOk = (file: string, year: number): boolean => {
    const cal = readJson(file);
    if (cal === undefined) return false;
    if (!validateCalendar(cal)) {
      for (const e of validateCalendar.errors ?? []) add(file, e.instancePath, `日历格式错误：${e.message}`);
      return false;
    }
    if ((cal as { year: number }).year !== year) {
      add(file, '/year', `文件登记为${year}年，但 year 不一致`);
      return false;
    }
    return true;
  };
  const nationalOk = new Set(
    program.nationalCalendarYears().filter((y) => calendarOk(`${NATIONAL_CALENDAR_PREFIX}${y}.json`, y)),
  );
  for (const [year, file] of Object.entries(m.calendars ?? {})) {
    if (!file || !program.has(file) || !calendarOk(file, Number(year))) continue;
    const national = nationalOk.has(Number(year)) ? program.nationalCalendar(Number(year)) : undefined;
    const own = program.ownCalendar(Number(year));
    if (!national || !own) continue;
    for (const conflict of calendarConflicts(national, own))
      add(file, conflict.date ? '' : '/official', `与全国日历冲突：${conflict.message}`);
  }
  for (const name of Object.keys(m.reference)) {
    try {
      program.reference(name);
    } catch (e) {
      add(m.reference[name] ?? 'program.json', '', (e as Error).message);
    }
  }
  for (const [name, def] of Object.entries(m.formats ?? {})) {
    if (def && !m.reference[def.reference])
      add('program.json', `/formats/${name}`, `格式引用了未定义的参考数据“${def.reference}”`);
  }
  return problems;
}

function lintCheck(
  program: Program,
  schema: SchemaNode,
  check: Check,
  base: string,
  at: string,
  years: number[],
  add: (file: string, path: string, message: string) => void,
): void {
  const path = base + (check.path ?? '');
  if (check.path && !schemaHasPath(schema, path))
    add('program.json', `${at}/path`, `检查引用了表单中不存在的字段：${path}`);
  for (const ref of [check.valueFrom, check.from, check.to]) {
    if (ref === undefined) continue;
    if (ref.startsWith('targets:')) {
      for (const y of years) {
        const t = program.targets(y);
        if (t !== undefined && program.resolveRef(ref, t) === undefined)
          add('program.json', at, `${y}年度目标中不存在 ${ref}`);
      }
    } else {
      try {
        if (program.resolveRef(ref, undefined) === undefined) add('program.json', at, `无法解析引用 ${ref}`);
      } catch (e) {
        add('program.json', at, (e as Error).message);
      }
    }
  }
  if (check.type === 'format' && check.format && !program.validator.formats[check.format])
    add('program.json', at, `未知的格式“${check.format}”`);
  if (check.type === 'pattern' && check.pattern) {
    try {
      new RegExp(check.pattern);
    } catch {
      add('program.json', at, `正则表达式无效：${check.pattern}`);
    }
  }
  const itemBase = `${path}/0`;
  const nested: [Check, string, string][] = [
    ...(check.where ?? []).map((c, i): [Check, string, string] => [c, itemBase, `${at}/where/${i}`]),
    ...(check.type === 'each' || check.type === 'anyOf' ? (check.checks ?? []) : []).map(
      (c, i): [Check, string, string] => [c, check.type === 'each' ? itemBase : base, `${at}/checks/${i}`],
    ),
    ...(check.if ? [[check.if, base, `${at}/if`] as [Check, string, string]] : []),
    ...(check.then ?? []).map((c, i): [Check, string, string] => [c, base, `${at}/then/${i}`]),
    ...(check.else ?? []).map((c, i): [Check, string, string] => [c, base, `${at}/else/${i}`]),
  ];
  for (const [c, b, where] of nested) lintCheck(program, schema, c, b, where, years, add);
}

/** Every file the manifest names, with where it is named. */
function namedFiles(m: ProgramManifest): [string, string][] {
  const out: [string, string][] = [];
  for (const [id, f] of Object.entries(m.forms)) {
    if (!f) continue;
    out.push([f.schema, `/forms/${id}/schema`]);
    if (f.uischema) out.push([f.uischema, `/forms/${id}/uischema`]);
  }
  (m.documents ?? []).forEach((d, i) => {
    out.push([d.template, `/documents/${i}/template`], [d.dataSchema, `/documents/${i}/dataSchema`]);
    if (d.html) out.push([d.html, `/documents/${i}/html`]);
  });
  for (const [y, f] of Object.entries(m.targets.files)) if (f) out.push([f, `/targets/files/${y}`]);
  for (const [n, f] of Object.entries(m.reference)) if (f) out.push([f, `/reference/${n}`]);
  for (const [y, f] of Object.entries(m.calendars ?? {})) if (f) out.push([f, `/calendars/${y}`]);
  return out;
}

/** Scopes in a UI schema (elements and rule conditions), with their JSON pointer in the file. */
function* uiScopes(node: unknown, at: string): Generator<{ scope: string; at: string }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* uiScopes(node[i], `${at}/${i}`);
    return;
  }
  if (!isJsonObject(node)) return;
  if (typeof node.scope === 'string') yield { scope: node.scope, at: `${at}/scope` };
  for (const [k, v] of Object.entries(node))
    if (k !== 'scope' && typeof v === 'object') yield* uiScopes(v, `${at}/${k}`);
}
