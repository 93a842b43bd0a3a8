/**
 * Which application states are the applicant's workspace. They come from the programme's
 * procedure (`editable: true` states: 填报中, 已撤回, 退回补正 …): editable by the applicant, and
 * not shown to the bureau. The one state the server names itself is the initial one a new
 * application is created in (the store's default), and `FALLBACK_EDITABLE` is used only for
 * an application whose programme is not loaded.
 */
import type { Program } from '@shenbao/core';
import type { ProgramRegistry } from './program-registry';

/** Editable states when the programme is unknown (not loaded by this server). */
export const FALLBACK_EDITABLE: readonly string[] = ['draft'];

const cache = new WeakMap<Program, readonly string[]>();

/** The programme's editable states. */
export function editableStates(program: Program): readonly string[] {
  let states = cache.get(program);
  if (!states) {
    states = program.manifest.procedure.states.filter((s) => s.editable === true).map((s) => s.id);
    cache.set(program, states);
  }
  return states;
}

/** The editable states of the application's programme (or the fallback when it is not loaded). */
export function editableStatesOf(programs: ProgramRegistry, programId: string): readonly string[] {
  const lp = programs.get(programId);
  return lp ? editableStates(lp.program) : FALLBACK_EDITABLE;
}

/** Whether an application of `programId` in `state` is the applicant's workspace. */
export function isEditableIn(
  programs: ProgramRegistry,
  record: { programId: string; state: string },
): boolean {
  return editableStatesOf(programs, record.programId).includes(record.state);
}

/** Every loaded programme's editable states: what the bureau's lists leave out. */
export function allEditableStates(programs: ProgramRegistry): string[] {
  const out = new Set<string>(FALLBACK_EDITABLE);
  for (const { program } of programs.values()) for (const s of editableStates(program)) out.add(s);
  return [...out];
}
