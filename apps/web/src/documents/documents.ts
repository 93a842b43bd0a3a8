import { documentApplies, type Program } from '@shenbao/core';
import { programmeFilesWithTemplates } from '../programmes';

let worker: Worker | undefined;
const loaded = new Set<string>();
const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
let seq = 0;

function docWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./docgen.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; bytes?: Uint8Array; error?: string }>) => {
      const w = waiting.get(e.data.id);
      if (!w) return;
      waiting.delete(e.data.id);
      if (e.data.bytes) w.resolve(e.data.bytes);
      else w.reject(new Error(e.data.error ?? '生成失败'));
    };
  }
  return worker;
}

export interface ApplicantDocument {
  id: string;
  title: string;
}

/** Documents an applicant can download for this form and data (e.g. 承诺书 only when committed). */
export function applicantDocuments(program: Program, form: string, data: unknown): ApplicantDocument[] {
  const schemaFile = program.manifest.forms[form]?.schema;
  return (program.manifest.documents ?? [])
    .filter(
      (d) =>
        d.audience === 'applicant' && d.dataSchema === schemaFile && documentApplies(program, d.id, data),
    )
    .map((d) => ({ id: d.id, title: d.title }));
}

/** Renders a document from the current draft in the worker (docgen), as a .docx Blob. */
export async function generateDocument(
  programId: string,
  docId: string,
  data: unknown,
  opts: { year?: number; placeholder?: string },
): Promise<Blob> {
  const w = docWorker();
  if (!loaded.has(programId)) {
    const files = await programmeFilesWithTemplates(programId);
    w.postMessage({ type: 'load', programId, files });
    loaded.add(programId);
  }
  const id = ++seq;
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({
      type: 'render',
      id,
      programId,
      docId,
      data,
      year: opts.year,
      placeholder: opts.placeholder,
    });
  });
  return new Blob([bytes as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
