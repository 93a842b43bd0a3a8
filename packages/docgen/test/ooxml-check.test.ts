/**
 * `templates check`, OOXML part (issue 13): every shipped template and every document generated from
 * every example is a package Word and WPS open — parts typed, relationships resolved, and every
 * WordprocessingML part valid against the ISO/IEC 29500 Transitional schemas with Word's order of run
 * properties (../shared/data/ooxml-xsd, read in place) once the mc:Ignorable markup is dropped.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documents, exampleOf, ROOT } from '../../../test/support/document-examples.js';
import { checkOoxml, type PackageFinding, prepareForSchema } from '../src/ooxml-check.js';
import { findOoxmlXsd, hasXmllint, xmllintValidator } from '../src/ooxml-xsd.js';
import { imprintOnEvenPage } from '../src/print-layout.js';
import type { DocgenProgram } from '../src/program.js';
import { programFile } from '../src/program.js';
import { render } from '../src/render.js';

const XSD = findOoxmlXsd(undefined, ROOT);
// Missing schemas are a failure, except where the runner says the shared folder is not provided
// (.ci/run sets SHENBAO_SHARED_DATA_OPTIONAL=1 and prints that it is absent).
if (!XSD && process.env.SHENBAO_SHARED_DATA_OPTIONAL !== '1')
  throw new Error(
    'OOXML schemas not found (../shared/data/ooxml-xsd beside the repository, SHENBAO_SHARED_DATA or SHENBAO_OOXML_XSD): ' +
      'they are read in place, never copied into the project',
  );
if (XSD && !hasXmllint()) throw new Error('xmllint is missing: run scripts/system-deps.sh (libxml2-utils)');
const { validate } = xmllintValidator(XSD);
const schemaIt = XSD ? it : it.skip;

const errors = (findings: readonly PackageFinding[]) => findings.filter((f) => f.severity === 'error');
const template = (name: string) => {
  const doc = documents.find((d) => d.name === name)!;
  return programFile(doc.program as unknown as DocgenProgram, doc.entry.template) as Uint8Array;
};

/** A template with some parts changed, the way a clerk's editor (or a bug) would leave it. */
function edited(bytes: Uint8Array, change: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(bytes);
  change(parts);
  return zipSync(parts);
}
const editXml = (parts: Record<string, Uint8Array>, name: string, f: (xml: string) => string) => {
  const before = strFromU8(parts[name]!);
  const after = f(before);
  expect(after, `${name} unchanged by the edit`).not.toBe(before);
  parts[name] = strToU8(after);
};

describe('templates check: OOXML', () => {
  describe.each(documents.map((d) => [d.name, d] as const))('%s', (name, { program, entry }) => {
    schemaIt(
      'the template is valid OOXML',
      async () => {
        const bytes = programFile(program as unknown as DocgenProgram, entry.template) as Uint8Array;
        expect(await checkOoxml(bytes, { validate })).toEqual([]);
      },
      60_000,
    );

    schemaIt(
      'the document generated from its example is valid OOXML',
      async () => {
        const { data, year } = exampleOf(name);
        const bytes = render(program as unknown as DocgenProgram, entry.id, data, { year });
        expect(await checkOoxml(bytes, { validate })).toEqual([]);
        // The print pass (print-layout.ts) moves a 版记 to a last section of its own: still valid.
        const moved = imprintOnEvenPage(bytes);
        if (moved) expect(await checkOoxml(moved, { validate })).toEqual([]);
      },
      60_000,
    );
  });

  schemaIt(
    'hostile text in the data (markup characters, control characters) still gives a valid document',
    async () => {
      const { data } = exampleOf('ai-innovation-center/publicity-notice');
      const hostile = `<w:p>&amp; "引号" '单引号' <![CDATA[x]]> \u0001\u0007\u000b\u001f\ufffe 结束`;
      const centres = data.centers as Record<string, unknown>[];
      centres[0]!.brand = hostile;
      centres[0]!.operator = `${hostile}</w:t></w:r>`;
      const doc = documents.find((d) => d.name === 'ai-innovation-center/publicity-notice')!;
      const bytes = render(doc.program as unknown as DocgenProgram, 'publicity-notice', data, {
        skipValidation: true,
      });
      expect(await checkOoxml(bytes, { validate })).toEqual([]);
      const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
      expect(xml).toContain('&lt;w:p&gt;&amp;amp; ');
      for (const c of ['\u0001', '\u0007', '\u000b', '\u001f']) expect(xml).not.toContain(c);
    },
    60_000,
  );

  schemaIt(
    'a w:rPr with its children in the wrong order is reported on its part',
    async () => {
      const bytes = edited(template('ai-innovation-center/recognition-notice'), (parts) =>
        editXml(parts, 'word/document.xml', (xml) =>
          xml.replace(/<w:rPr>(<w:rFonts [^>]*\/>)(.*?)(<w:sz w:val="\d+"\/>)/, '<w:rPr>$3$1$2'),
        ),
      );
      const found = errors(await checkOoxml(bytes, { validate }));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ part: 'word/document.xml' });
      expect(found[0]!.message).toMatch(/w:rFonts.*not expected|This element is not expected/);
    },
    60_000,
  );

  schemaIt(
    'an element the schema does not know is reported',
    async () => {
      const bytes = edited(template('ai-innovation-center/failure-notice'), (parts) =>
        editXml(parts, 'word/styles.xml', (xml) =>
          xml.replace('<w:docDefaults>', '<w:madeUp/><w:docDefaults>'),
        ),
      );
      const found = errors(await checkOoxml(bytes, { validate }));
      expect(found.map((f) => f.part)).toEqual(['word/styles.xml']);
      expect(found[0]!.message).toContain('w:madeUp');
    },
    60_000,
  );

  schemaIt(
    'markup of an mc:Ignorable namespace and mc:AlternateContent are what Word skips',
    async () => {
      const bytes = edited(template('ai-innovation-center/failure-notice'), (parts) =>
        editXml(parts, 'word/document.xml', (xml) =>
          xml
            .replace(/<w:p>/, '<w:p w14:paraId="1A2B3C4D">')
            .replace(
              '<w:body>',
              '<w:body><w14:madeUp w14:x="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w14:unknown/></mc:Choice><mc:Fallback><w:p/></mc:Fallback></mc:AlternateContent>',
            ),
        ),
      );
      expect(await checkOoxml(bytes, { validate })).toEqual([]);
    },
    60_000,
  );

  it('prepareForSchema keeps the Fallback of mc:AlternateContent and drops ignorable markup', () => {
    const xml =
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body><w14:x/><mc:AlternateContent><mc:Choice Requires="w14"><w14:y/></mc:Choice><mc:Fallback><w:p w14:paraId="1"/></mc:Fallback></mc:AlternateContent></w:body></w:document>';
    const out = prepareForSchema(xml).xml!;
    expect(out).toContain('<w:body><w:p/></w:body>');
    expect(out).not.toContain('Ignorable');
  });

  it('a relationship whose target is missing from the package is an error', async () => {
    const bytes = edited(template('ai-innovation-center/revocation-announcement'), (parts) => {
      delete parts['word/footer2.xml'];
    });
    const found = await checkOoxml(bytes);
    expect(errors(found)).toEqual([
      expect.objectContaining({
        part: 'word/_rels/document.xml.rels',
        message: expect.stringContaining('word/footer2.xml'),
      }),
    ]);
  });

  it('a part without a content type is an error', async () => {
    const bytes = edited(template('ai-innovation-center/revocation-announcement'), (parts) => {
      parts['word/notes.bin'] = strToU8('x');
    });
    expect(errors(await checkOoxml(bytes))).toEqual([
      expect.objectContaining({ part: 'word/notes.bin', message: expect.stringContaining('内容类型') }),
    ]);
  });

  it('a file that is not a zip is one finding, not an exception', async () => {
    expect(errors(await checkOoxml(strToU8('not a docx')))).toHaveLength(1);
  });
});
