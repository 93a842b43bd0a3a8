/**
 * Renders a document of the shipped programme through @shenbao/docgen (schema validation included),
 * from its example input or from given data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '@shenbao/docgen';
import PizZip from 'pizzip';
import { programAt, ROOT, SHIPPED_DIR } from '../../support/programs';

export { ROOT };
export const TEMPLATE_DIR = join(ROOT, 'templates', 'ai-innovation-center');

export const program = () => programAt(SHIPPED_DIR);

/** Example input of each document (the applicant documents share the application examples). */
export const EXAMPLES: Readonly<Record<string, string>> = {
  'application-book': 'application.json',
  'hall-commitment': 'application-hall-committed.json',
  'truthfulness-declaration': 'application.json',
  'publicity-notice': 'publicity-notice.json',
  'recognition-notice': 'recognition-notice.json',
  'self-assessment-report': 'self-assessment-report.json',
  'failure-notice': 'failure-notice.json',
  'revocation-announcement': 'revocation-announcement.json',
};

/** Year of the application examples (the application form is yearly). */
export const APPLICATION_YEAR = 2026;

export function documentIds(): string[] {
  return (program().manifest.documents ?? []).map((d) => d.id);
}

export function exampleData(id: string): Record<string, unknown> {
  const file = EXAMPLES[id];
  if (!file) throw new Error(`no example for document "${id}"`);
  return JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as Record<string, unknown>;
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
