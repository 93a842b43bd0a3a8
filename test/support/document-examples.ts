// The one map of example inputs for the document tests (docgen's, test/documents', the CLI's).
// Every programme in the repository (the shipped ones under schemas/, the test programmes under
// test/fixtures/programs/schemas/) with the example each of its documents renders from.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram, type Program } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';

export const ROOT = join(import.meta.dirname, '..', '..');
const PROGRAMME_ROOTS = [join(ROOT, 'schemas'), join(ROOT, 'test', 'fixtures', 'programs', 'schemas')];

/** The example each document renders from (programme id/document id), with the year of a yearly form. */
export const EXAMPLES: Readonly<Record<string, { file: string; year?: number }>> = {
  'ai-innovation-center/application-book': { file: 'examples/application.json', year: 2026 },
  'ai-innovation-center/hall-commitment': { file: 'examples/application-hall-committed.json', year: 2026 },
  'ai-innovation-center/truthfulness-declaration': { file: 'examples/application.json', year: 2026 },
  'ai-innovation-center/publicity-notice': { file: 'examples/publicity-notice.json' },
  'ai-innovation-center/recognition-notice': { file: 'examples/recognition-notice.json' },
  'ai-innovation-center/self-assessment-report': { file: 'examples/self-assessment-report.json' },
  'ai-innovation-center/failure-notice': { file: 'examples/failure-notice.json' },
  'ai-innovation-center/revocation-announcement': { file: 'examples/revocation-announcement.json' },
  'mini-grant/certificate': { file: 'test/fixtures/programs/mini-grant-application.json', year: 2025 },
  'design-centre/certificate': { file: 'test/fixtures/programs/design-centre/certificate.json' },
};

export const programmes: Program[] = PROGRAMME_ROOTS.flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'program.json')))
    .map((d) => loadProgram(readProgramDir(join(dir, d.name)))),
);

export const documents = programmes.flatMap((program) =>
  (program.manifest.documents ?? []).map((entry) => ({
    name: `${program.manifest.id}/${entry.id}`,
    program,
    entry,
  })),
);

export function exampleOf(name: string): { data: Record<string, unknown>; year?: number } {
  const ex = EXAMPLES[name];
  if (!ex) throw new Error(`no example for ${name}: add it to EXAMPLES`);
  return {
    data: JSON.parse(readFileSync(join(ROOT, ex.file), 'utf8')) as Record<string, unknown>,
    year: ex.year,
  };
}
