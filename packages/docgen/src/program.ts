// What docgen needs from a loaded programme. @shenbao/core's Program satisfies it
// structurally; keeping the surface this small lets tests pass a fake.

import { documentApplies, Program } from '@shenbao/core';
import { DocgenError, DocgenNotApplicableError, type ValidationIssue } from './errors.js';

export type { DocumentEntry } from '@shenbao/core';

import type { DocumentEntry } from '@shenbao/core';

export type ValidateRef = { form: string; year?: number } | { file: string };

export interface DocgenProgram {
  readonly manifest: {
    id: string;
    timezone?: string;
    forms?: { [form: string]: { schema: string; yearly?: boolean } | undefined };
    documents?: readonly DocumentEntry[];
  };
  json(path: string): unknown;
  reference(name: string): readonly Record<string, unknown>[];
  validate(ref: ValidateRef, data: unknown): { valid: boolean; errors: readonly ValidationIssue[] };
  /** The programme's file map (docs/contracts.md); templates live under `templates/`. */
  readonly files?: ReadonlyMap<string, string | Uint8Array>;
  file?(path: string): string | Uint8Array | undefined;
}

export function documentEntry(program: DocgenProgram, docId: string): DocumentEntry | undefined {
  return program.manifest.documents?.find((d) => d.id === docId);
}

export function programFile(program: DocgenProgram, path: string): string | Uint8Array | undefined {
  const direct = program.files?.get(path);
  if (direct !== undefined || !program.file) return direct;
  try {
    return program.file(path);
  } catch {
    // core's Program.file throws for a missing file; here missing is an ordinary answer.
    return undefined;
  }
}

/**
 * Refuses a document whose `appliesIf` (program.json) does not hold for the data. Every way of making a
 * document (render, renderHtml, batches, so the CLI and the server too) goes through here, so no path
 * prints, say, a promise to build a hall that is already built.
 */
export function assertApplies(program: DocgenProgram, entry: DocumentEntry, data: unknown): void {
  if (!entry.appliesIf) return;
  // The check language (paths, formats, references to targets) is core's; a programme that is not a
  // core Program cannot evaluate it, and guessing "applies" would defeat the condition.
  if (!(program instanceof Program)) {
    throw new DocgenError(
      `${program.manifest.id}/${entry.id}: appliesIf needs a @shenbao/core Program (loadProgram) to be evaluated`,
    );
  }
  if (!documentApplies(program, entry.id, data)) throw new DocgenNotApplicableError(entry.id, entry);
}

/** A document whose data schema is a form's schema is validated as that form (with the year's targets). */
export function validateRef(program: DocgenProgram, entry: DocumentEntry, year?: number): ValidateRef {
  for (const [form, def] of Object.entries(program.manifest.forms ?? {})) {
    if (def?.schema === entry.dataSchema) return year === undefined ? { form } : { form, year };
  }
  return { file: entry.dataSchema };
}
