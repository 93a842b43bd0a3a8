/**
 * The programmes the server serves, loaded from disk once at start (SHENBAO_PROGRAMS): a
 * programme folder that was not in the repository when the portal was built works without a
 * rebuild, because the portal fetches programmes from the server.
 */
import { loadProgram, type Program, type ProgramFiles } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';

export interface LoadedProgram {
  program: Program;
  /** The programme's schema folder on disk. */
  dir: string;
  /** Every file of the programme (templates under `templates/`). */
  files: ProgramFiles;
}

export type ProgramRegistry = ReadonlyMap<string, LoadedProgram>;

/** Loads each folder; two folders with the same programme id are refused (the message names both). */
export function loadPrograms(dirs: readonly string[]): Map<string, LoadedProgram> {
  const out = new Map<string, LoadedProgram>();
  for (const dir of dirs) {
    const files = readProgramDir(dir);
    const program = loadProgram(files);
    const earlier = out.get(program.id);
    if (earlier)
      throw new Error(
        `项目 ${program.id} 出现了两次：${earlier.dir} 与 ${dir}（请在 SHENBAO_PROGRAMS 中只保留一个）`,
      );
    out.set(program.id, { program, dir, files });
  }
  return out;
}

/**
 * The time zone of dates shown to people outside any one programme (the unlock time of an
 * account): the first programme's, so no zone is written in code.
 */
export function displayTimeZone(programs: ProgramRegistry): string {
  for (const { program } of programs.values()) return program.manifest.timezone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
