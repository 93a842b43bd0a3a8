/**
 * Renders a document of the shipped programme through @shenbao/docgen (schema validation included),
 * from its example input or from given data.
 */
import { join } from 'node:path';
import { render } from '@shenbao/docgen';
import PizZip from 'pizzip';
import { exampleOf } from '../../support/document-examples';
import { programAt, ROOT, SHIPPED_DIR } from '../../support/programs';

export { ROOT };
export const TEMPLATE_DIR = join(ROOT, 'templates', 'ai-innovation-center');

export const program = () => programAt(SHIPPED_DIR);

/** Year of the application examples (the application form is yearly). */
export const APPLICATION_YEAR = 2026;

export function documentIds(): string[] {
  return (program().manifest.documents ?? []).map((d) => d.id);
}

/** Example input of a document (the applicant documents share the application examples). */
export function exampleData(id: string): Record<string, unknown> {
  return exampleOf(`${program().manifest.id}/${id}`).data;
}

export function renderDocument(id: string, data: unknown = exampleData(id)): Uint8Array {
  return render(program(), id, data, { year: APPLICATION_YEAR });
}

/** A part of a .docx as text. */
export function part(docx: Uint8Array, name: string): string {
  const file = new PizZip(docx).file(name);
  if (!file) throw new Error(`${name} not in the package`);
  return file.asText();
}

/** The visible text of document.xml, one line per paragraph. */
export function paragraphsText(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}
