// A programme object with the shape docgen reads from @shenbao/core's Program.

import type { DocgenProgram, DocumentEntry } from '../src/program.js';

export interface FakeProgramInit {
  id?: string;
  documents: DocumentEntry[];
  files: Record<string, string | Uint8Array | object>;
  reference?: Record<string, Record<string, unknown>[]>;
  /** Returns zh errors for invalid data; valid when empty. */
  validate?: (ref: unknown, data: unknown) => { path: string; keyword: string; message: string }[];
  forms?: Record<string, { schema: string }>;
}

export function fakeProgram(init: FakeProgramInit): DocgenProgram & { validated: unknown[] } {
  const files = new Map<string, string | Uint8Array>();
  const json = new Map<string, unknown>();
  for (const [k, v] of Object.entries(init.files)) {
    if (v instanceof Uint8Array || typeof v === 'string') files.set(k, v);
    else json.set(k, v);
  }
  const validated: unknown[] = [];
  return {
    validated,
    manifest: {
      id: init.id ?? 'test-programme',
      timezone: 'Asia/Shanghai',
      forms: init.forms,
      documents: init.documents,
    },
    files,
    json: (path) => json.get(path),
    reference: (name) => {
      const rows = init.reference?.[name];
      if (!rows) throw new Error(`no reference ${name}`);
      return rows;
    },
    validate: (ref, data) => {
      validated.push(ref);
      const errors = init.validate?.(ref, data) ?? [];
      return { valid: errors.length === 0, errors };
    },
  };
}
