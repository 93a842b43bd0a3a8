import { documentApplies, type Program } from '@shenbao/core';
import { download, seg } from '../api/client';

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

/**
 * A Word document of an application, rendered by the server from the data it holds (save
 * first). A document that does not apply is refused with the server's reason (ApiError).
 */
export function applicationDocument(applicationId: string, docId: string): Promise<Blob> {
  return download(`/api/applications/${seg(applicationId)}/documents/${seg(docId)}?format=docx`);
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

export function downloadJson(value: unknown, name: string): void {
  downloadBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), name);
}
