import { loadProgram, type Program, type ProgramFiles } from '@shenbao/core';
import { api } from './api/client';
import { programmeBundlePath } from './api/paths';
import type { ProgrammeBundle, ProgrammeSummary } from './api/types';

// Programmes come from the server (its SHENBAO_PROGRAMS setting): a programme folder added there
// appears here without rebuilding the portal, and nothing of any programme is in the app's code.

let summaries: Promise<ProgrammeSummary[]> | undefined;

/** Title and forms of every programme the server serves, for the list page. */
export function programmeSummaries(): Promise<ProgrammeSummary[]> {
  summaries ??= api.get<ProgrammeSummary[]>('/api/programs').catch((e: Error) => {
    summaries = undefined;
    throw e;
  });
  return summaries;
}

const programmes = new Map<string, Promise<{ program: Program; files: ProgramFiles }>>();

/** A programme loaded with core's loadProgram from its JSON files, fetched once as one bundle. */
export function loadProgramme(id: string): Promise<{ program: Program; files: ProgramFiles }> {
  let p = programmes.get(id);
  if (!p) {
    p = (async () => {
      const bundle = await api.get<ProgrammeBundle>(programmeBundlePath(id));
      const files: ProgramFiles = new Map(Object.entries(bundle.files));
      return { program: loadProgram(files), files };
    })();
    p.catch(() => programmes.delete(id));
    programmes.set(id, p);
  }
  return p;
}
