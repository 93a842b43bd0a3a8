import type { Program } from '@shenbao/core';
import { loadSavedTargets, savedTargetYears } from './db';

/** Years with targets: the programme's files and those staff saved in this browser. */
export async function targetYears(program: Program): Promise<number[]> {
  const years = new Set([...program.targetYears(), ...(await savedTargetYears(program.id))]);
  return [...years].sort((a, b) => a - b);
}

/** A year's targets: what staff saved here, else the programme's file. */
export async function resolveTargets(
  program: Program,
  year: number,
): Promise<{ data: unknown; source: 'saved' | 'file' } | undefined> {
  const saved = await loadSavedTargets(program.id, year);
  if (saved) return { data: saved.data, source: 'saved' };
  const file = program.targets(year);
  return file === undefined ? undefined : { data: file, source: 'file' };
}
