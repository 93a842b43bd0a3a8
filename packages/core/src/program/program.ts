import { mergeCalendars } from '../dates/calendar-merge';
import type { FormatDef } from '../formats';
import { BUILTIN_FORMATS } from '../formats';
import type { HolidayCalendar } from '../generated/calendar';
import type { ProgramManifest } from '../generated/program';
import { getPointer } from '../json-pointer';
import type { SchemaNode } from '../validation/schema-walk';
import { SchemaValidator, type ValidationResult } from '../validation/validator';
import { applyOverlays } from './overlay';

/** Programme files: paths relative to the programme's schema folder; templates under `templates/`. */
export type ProgramFiles = ReadonlyMap<string, string | Uint8Array>;

/** A fatal problem loading a programme: the message is zh-CN and names the file. */
export class ProgramLoadError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ProgramLoadError';
  }
}

export type ReferenceItem = Record<string, unknown>;

/** Which schema to validate against: a form (optionally for a year or explicit targets) or a file. */
export type SchemaRef = { form: string; year?: number; targets?: unknown } | { file: string };

const decoder = new TextDecoder();

export type CalendarFile = HolidayCalendar;

/**
 * Where the national holiday calendars sit in a programme's file map: `../calendar/<year>.json`,
 * the shared folder beside the programme folders. No path program.json names can start so.
 */
export const NATIONAL_CALENDAR_PREFIX = '../calendar/';

export class Program {
  readonly manifest: ProgramManifest;
  readonly validator: SchemaValidator;
  private readonly parsed = new Map<string, unknown>();
  private readonly yearSchemas = new Map<string, SchemaNode>();
  private readonly calendars = new Map<number, CalendarFile | undefined>();
  private readonly explicitTargetSchemas = new WeakMap<object, Map<string, SchemaNode>>();

  constructor(readonly files: ProgramFiles) {
    this.manifest = this.json('program.json') as ProgramManifest;
    if (!this.manifest || typeof this.manifest !== 'object' || Array.isArray(this.manifest))
      throw new ProgramLoadError('program.json 应为 JSON 对象', 'program.json');
    this.validator = new SchemaValidator({ ...BUILTIN_FORMATS, ...this.referenceFormats() });
  }

  get id(): string {
    return this.manifest.id;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Raw bytes or text of a file (templates are bytes). */
  file(path: string): string | Uint8Array {
    const f = this.files.get(path);
    if (f === undefined) throw new ProgramLoadError(`项目文件不存在：${path}`, path);
    return f;
  }

  /** Parsed JSON of a file, cached. */
  json(path: string): unknown {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const raw = this.file(path);
    let value: unknown;
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : decoder.decode(raw));
    } catch (e) {
      throw new ProgramLoadError(`${path} 不是合法的 JSON：${(e as Error).message}`, path);
    }
    this.parsed.set(path, value);
    return value;
  }

  /** Items of a reference data file: a JSON array or `{ items: [...] }`. */
  reference(name: string): ReferenceItem[] {
    const path = this.manifest.reference[name];
    if (!path) throw new ProgramLoadError(`program.json 未定义参考数据“${name}”`, 'program.json');
    const data = this.json(path);
    const items = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) throw new ProgramLoadError(`${path} 应为数组或含 items 数组的对象`, path);
    return items as ReferenceItem[];
  }

  /** Values of one column of a reference file. */
  referenceColumn(name: string, key: string): unknown[] {
    return this.reference(name).map((item) => item[key]);
  }

  targetYears(): number[] {
    return Object.keys(this.manifest.targets.files)
      .map(Number)
      .sort((a, b) => a - b);
  }

  targets(year: number): unknown {
    const path = this.manifest.targets.files[String(year)];
    return path === undefined ? undefined : this.json(path);
  }

  /**
   * The holiday calendar of a year: the national file with the programme's own file (program.json
   * `calendars`) on top of it; lint reports where the two disagree.
   */
  calendar(year: number): CalendarFile | undefined {
    if (!this.calendars.has(year))
      this.calendars.set(year, mergeCalendars(this.nationalCalendar(year), this.ownCalendar(year)));
    return this.calendars.get(year);
  }

  /** The national calendar of a year, when the shared folder has one. */
  nationalCalendar(year: number): CalendarFile | undefined {
    const path = `${NATIONAL_CALENDAR_PREFIX}${year}.json`;
    return this.files.has(path) ? (this.json(path) as CalendarFile) : undefined;
  }

  /** The programme's own calendar file of a year (program.json `calendars`). */
  ownCalendar(year: number): CalendarFile | undefined {
    const path = this.manifest.calendars?.[String(year)];
    return path === undefined ? undefined : (this.json(path) as CalendarFile);
  }

  /** Years the national folder has a calendar for. */
  nationalCalendarYears(): number[] {
    const years: number[] = [];
    for (const path of this.files.keys()) {
      const m = /^(\d{4})\.json$/.exec(
        path.startsWith(NATIONAL_CALENDAR_PREFIX) ? path.slice(NATIONAL_CALENDAR_PREFIX.length) : '',
      );
      if (m) years.push(Number(m[1]));
    }
    return years.sort((a, b) => a - b);
  }

  formSchema(form: string): SchemaNode {
    const entry = this.manifest.forms[form];
    if (!entry)
      throw new ProgramLoadError(
        `未知的表单“${form}”（可选：${Object.keys(this.manifest.forms).join('、')}）`,
        'program.json',
      );
    return this.json(entry.schema) as SchemaNode;
  }

  uiSchema(form: string): unknown {
    const entry = this.manifest.forms[form];
    return entry?.uischema ? this.json(entry.uischema) : undefined;
  }

  /**
   * The schema of a form for a year: the base schema with that year's targets applied.
   * Explicit `targets` (a draft the staff are editing) take the place of the year's file.
   */
  schemaFor(ref: SchemaRef): SchemaNode {
    if ('file' in ref) return this.json(ref.file) as SchemaNode;
    const base = this.formSchema(ref.form);
    const overlays = this.manifest.targets.overlays ?? [];
    if (!overlays.some((o) => o.form === ref.form)) return base;
    if (ref.targets !== undefined && ref.targets !== null && typeof ref.targets === 'object') {
      let byForm = this.explicitTargetSchemas.get(ref.targets);
      if (!byForm) {
        byForm = new Map();
        this.explicitTargetSchemas.set(ref.targets, byForm);
      }
      let schema = byForm.get(ref.form);
      if (!schema) {
        schema = applyOverlays(base, ref.form, overlays, ref.targets).schema;
        byForm.set(ref.form, schema);
      }
      return schema;
    }
    if (ref.year === undefined) return base;
    const key = `${ref.form}@${ref.year}`;
    let schema = this.yearSchemas.get(key);
    if (!schema) {
      const targets = this.targets(ref.year);
      if (targets === undefined)
        throw new ProgramLoadError(`${ref.year} 年度没有年度目标文件`, 'program.json');
      schema = applyOverlays(base, ref.form, overlays, targets).schema;
      this.yearSchemas.set(key, schema);
    }
    return schema;
  }

  validate(ref: SchemaRef, data: unknown): ValidationResult {
    return this.validator.validate(this.schemaFor(ref), data);
  }

  /** Formats backed by reference data, declared in program.json. */
  private referenceFormats(): Record<string, FormatDef> {
    const out: Record<string, FormatDef> = {};
    for (const [name, def] of Object.entries(this.manifest.formats ?? {})) {
      if (!def) continue;
      let allowed: Set<string> | undefined;
      const values = (): Set<string> => {
        allowed ??= new Set(this.referenceColumn(def.reference, def.key).map(String));
        return allowed;
      };
      out[name] = { validate: (v) => values().has(v), message: () => def.message };
    }
    return out;
  }

  /** Value a check or overlay refers to: `targets:/p`, `reference:name#key`, `program:/p`. */
  resolveRef(ref: string, targets: unknown): unknown {
    if (ref.startsWith('targets:')) return getPointer(targets, ref.slice('targets:'.length));
    if (ref.startsWith('program:')) return getPointer(this.manifest, ref.slice('program:'.length));
    if (ref.startsWith('reference:')) {
      const [name, key] = ref.slice('reference:'.length).split('#') as [string, string | undefined];
      return key ? this.referenceColumn(name, key) : this.reference(name);
    }
    return undefined;
  }
}

/** Loads a programme from its file map. Only a missing or unreadable program.json is fatal. */
export function loadProgram(files: ProgramFiles): Program {
  if (!files.has('program.json')) throw new ProgramLoadError('缺少 program.json', 'program.json');
  return new Program(files);
}
