import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadProgram, type Program, ProgramLoadError } from '@shenbao/core';
import { type DiskValidatorStore, diskValidatorStore, readProgramDir } from '@shenbao/core/node';
import { cacheDir } from './caches';

/** Exit codes: 0 ok, 1 the data or programme has problems, 2 usage or I/O error. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A deliberate stop with a one-line zh-CN message (no stack trace). */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_DATA_BYTES = 20 * 1024 * 1024;

/** Repository root: the nearest folder up from here with shenbao.config.json. */
export function findRoot(start = dirname(new URL(import.meta.url).pathname)): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'shenbao.config.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export interface CliContext {
  root: string;
  out: (line: string) => void;
  err: (line: string) => void;
  program: (dir?: string) => Program;
  readJson: (file: string) => unknown;
  programDir: (dir?: string) => string;
}

export function createContext(
  out: (line: string) => void = (l) => {
    process.stdout.write(`${l}\n`);
  },
  err: (line: string) => void = (l) => {
    process.stderr.write(`${l}\n`);
  },
): CliContext {
  const root = findRoot();
  const cache = new Map<string, Program>();
  const cacheFolder = cacheDir(root);
  let store: DiskValidatorStore | undefined;
  const programDir = (dir?: string): string => {
    if (dir) return resolve(dir);
    const config = JSON.parse(readFileSync(join(root, 'shenbao.config.json'), 'utf8')) as {
      defaultProgram: string;
    };
    return resolve(root, config.defaultProgram);
  };
  return {
    root,
    out,
    err,
    programDir,
    program(dir) {
      const path = programDir(dir);
      const hit = cache.get(path);
      if (hit) return hit;
      if (!existsSync(join(path, 'program.json')))
        throw new CliExit(EXIT.usage, `找不到项目：${path} 中没有 program.json`);
      try {
        const program = loadProgram(readProgramDir(path));
        // Compiled validators kept between runs (caches.ts): a command does not compile the schema again.
        if (cacheFolder) {
          store ??= diskValidatorStore(join(cacheFolder, 'validators'));
          program.validator.useStore(store);
        }
        cache.set(path, program);
        return program;
      } catch (e) {
        if (e instanceof ProgramLoadError) throw new CliExit(EXIT.usage, `项目加载失败：${e.message}`);
        throw e;
      }
    },
    readJson(file) {
      return readJsonFile(file);
    },
  };
}

/** Reads a JSON data file, refusing what cannot be read with a one-line message. */
export function readJsonFile(file: string): unknown {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliExit(EXIT.usage, `无法读取文件：${file}（文件不存在或无权限）`);
  }
  if (size > MAX_DATA_BYTES)
    throw new CliExit(
      EXIT.usage,
      `文件过大：${file}（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_DATA_BYTES / 1048576} MB）`,
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliExit(EXIT.usage, `无法读取文件：${file}`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof RangeError ? '嵌套层级过深' : (e as Error).message;
    throw new CliExit(EXIT.usage, `不是合法的 JSON：${file}（${detail}）`);
  }
}

/** `--year` as a number, or the current year in the programme's time zone. */
export function parseYear(value: string | undefined, timezone: string): number {
  if (value === undefined) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric' }).format(
      new Date(),
    );
    return Number(parts);
  }
  if (!/^\d{4}$/.test(value))
    throw new CliExit(EXIT.usage, `年度格式错误：${value}（应为四位数字，如 2026）`);
  return Number(value);
}

/** The targets to use: an explicit file, or the year's file of the programme. */
export function resolveTargets(
  ctx: CliContext,
  program: Program,
  year: number,
  targetsFile?: string,
): unknown {
  if (targetsFile) {
    const targets = ctx.readJson(targetsFile);
    const result = program.validate({ form: program.manifest.targets.form }, targets);
    if (!result.valid)
      throw new CliExit(
        EXIT.problems,
        [
          `年度目标文件无效：${targetsFile}`,
          ...result.errors.map((e) => `${e.path || '/'}  ${e.message}`),
        ].join('\n'),
      );
    return targets;
  }
  const targets = program.targets(year);
  if (targets === undefined) {
    const years = program.targetYears().join('、') || '无';
    throw new CliExit(EXIT.usage, `${year}年度没有年度目标（已有：${years}）；可用 --targets 指定目标文件`);
  }
  return targets;
}
