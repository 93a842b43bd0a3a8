// Small .docx packages written as XML, so engine tests do not depend on the shipped templates.

import PizZip from 'pizzip';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`;

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function styles(padding: number): string {
  // A styles part of realistic size: real templates carry ~200 KB of styles that no tag touches.
  const filler = Array.from(
    { length: padding },
    (_, i) =>
      `<w:style w:type="paragraph" w:customStyle="1" w:styleId="S${i}"><w:name w:val="Style ${i}"/><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>${filler}</w:styles>`;
}

/** A paragraph holding one run of text (tags included). */
export const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A table whose second row repeats over `loop`. */
export function rowLoop(loop: string, cells: string[]): string {
  const cell = (t: string) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p></w:tc>`;
  const withTags = cells.map((c, i) =>
    i === 0 ? `{#${loop}}${c}` : i === cells.length - 1 ? `${c}{/${loop}}` : c,
  );
  return `<w:tbl><w:tr>${cells.map((_, i) => cell(`H${i}`)).join('')}</w:tr><w:tr>${withTags.map(cell).join('')}</w:tr></w:tbl>`;
}

export function makeDocx(body: string, options: { footer?: string; stylePadding?: number } = {}): Uint8Array {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file('word/_rels/document.xml.rels', DOC_RELS);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  zip.file('word/styles.xml', styles(options.stylePadding ?? 50));
  zip.file(
    'word/footer1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${W}>${p(options.footer ?? '— 1 —')}</w:ftr>`,
  );
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Unzips a package into part name → text. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  const zip = new PizZip(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (!f.dir) out[name] = f.asText();
  }
  return out;
}

/** The visible text of word/document.xml, paragraphs separated by newlines, breaks as \n. */
export function documentText(bytes: Uint8Array): string {
  const xml = unzipText(bytes)['word/document.xml'] ?? '';
  return xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
