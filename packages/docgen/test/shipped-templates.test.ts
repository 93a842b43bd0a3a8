// The shipped programme through the real core: every document renders from its example,
// and the compiled-template fast path gives the same document.xml as a fresh docxtemplater
// instance with the same options.

import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../../test/support/document-examples.js';
import { lintTemplates } from '../src/lint.js';
import { docxToPdf, findSoffice } from '../src/pdf.js';
import type { DocgenProgram } from '../src/program.js';
import { filterBase, render } from '../src/render.js';
import { createTagParser } from '../src/tag-parser.js';
import { TextModule } from '../src/text-module.js';
import { unzipText } from './fixtures.js';

const root = join(import.meta.dirname, '..', '..', '..');
const programDir = join(root, 'schemas', 'ai-innovation-center');

const program = loadProgram(readProgramDir(programDir)) as unknown as DocgenProgram;
/** Each shipped document with a template, and the example it renders from (document-examples.ts). */
const available = (program.manifest.documents ?? [])
  .map((d) => d.id)
  .filter((doc) => program.files?.has(`templates/${doc}.docx`))
  .map((doc) => [doc, `ai-innovation-center/${doc}`] as const);
const example = (name: string) => exampleOf(name).data;

/** Empty preserved text elements are collapsed by docxtemplater only when it can see them. */
const normalise = (xml: string) => xml.replace(/<w:t xml:space="preserve"><\/w:t>/g, '<w:t/>');

describe('shipped templates', () => {
  it('every template passes lint', () => {
    expect(lintTemplates(program).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each(available)('%s renders the same document.xml as a fresh docxtemplater instance', (doc, ex) => {
    const data = example(ex);
    const entry = program.manifest.documents!.find((d) => d.id === doc)!;
    const ours = unzipText(render(program, doc, data, { year: 2026 }));
    const bare = new Docxtemplater(new PizZip(program.files!.get(entry.template) as Uint8Array), {
      modules: [new TextModule()],
      parser: createTagParser(() => filterBase(program, entry.dataSchema)),
      paragraphLoop: true,
      errorLogging: false,
      nullGetter: () => '',
    });
    bare.render(data);
    const expected = bare.getZip().files['word/document.xml']!.asText();
    expect(normalise(ours['word/document.xml']!)).toBe(normalise(expected));
    expect(ours['word/document.xml']).not.toMatch(/undefined|\[object Object\]|NaN/);
  });

  it.runIf(findSoffice() !== undefined && available.some(([d]) => d === 'publicity-notice'))(
    'the 公示 converts to PDF with its dates',
    async () => {
      const pdf = await docxToPdf(
        render(program, 'publicity-notice', example('ai-innovation-center/publicity-notice')),
        {
          fontsConf: join(root, 'templates', 'fonts', 'fonts.conf'),
        },
      );
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    },
  );
});
