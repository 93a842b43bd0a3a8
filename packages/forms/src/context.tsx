import type { Program } from '@shenbao/core';
import { createContext, useContext } from 'react';
import type { SchemaNode } from './schema';
import type { FormStore } from './store/form-store';
import type { FormController } from './validation/form-controller';
import type { StepInfo } from './validation/steps';

/**
 * Where attachment bytes go: the portal uploads them to its server (apps/web's server-files.ts);
 * a refusal (wrong type, too large, quota) rejects `put` with the server's Chinese message.
 */
export interface FileStore {
  /** Stores the bytes; throws `FileRefusedError` when the store refuses the file (its message is shown as is). */
  put(sha256: string, blob: Blob, meta: { name: string; type: string }): Promise<void>;
  get(sha256: string): Promise<Blob | undefined>;
  /** Where files go, said under the drop zone (e.g. 文件上传到服务器). */
  where?: string;
}

/** A file the store would not take, with the reason to show the applicant (zh-CN). */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError';
}

export interface FormContextValue {
  program: Program;
  form: string;
  /** The schema in force (a yearly form: base schema plus that year's targets). */
  schema: SchemaNode;
  uischema: unknown;
  store: FormStore;
  controller: FormController;
  files: FileStore;
  readonly: boolean;
  timeZone: string;
  steps: StepInfo[];
  /** Called with the data once every step is valid. */
  onSubmit?: (data: unknown) => void;
  submitLabel?: string;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const ctx = useContext(FormContext);
  if (!ctx) throw new Error('Shenbao form controls must be rendered inside <ShenbaoForm>');
  return ctx;
}

/** An in-memory file store, for tests and for forms that do not keep files. */
export function memoryFileStore(): FileStore {
  const blobs = new Map<string, Blob>();
  return {
    put: async (sha, blob) => {
      blobs.set(sha, blob);
    },
    get: async (sha) => blobs.get(sha),
  };
}
