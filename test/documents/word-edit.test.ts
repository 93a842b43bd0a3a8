/**
 * A template edited in Word is accepted as it is (issue 13, "Templates are data that their owners can
 * edit"). The shipped 公示 is rewritten the way Word saves a clerk's edit: a tag split across three runs
 * carrying revision ids (w:rsidR, w:rsidRPr) with spelling marks (w:proofErr) between them, the
 * paragraph's own revision ids, a paragraph added with Word's _GoBack bookmark, the Normal style changed,
 * and the revision ids listed in settings. The edited template lints clean against its data schema,
 * renders the example to the same text plus the added paragraph, and LibreOffice prints every character.
 * Needs libreoffice-writer-nogui and poppler-utils (scripts/system-deps.sh).
 */
import { loadProgram, type Program } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { type DocgenProgram, lintTemplates, render } from '@shenbao/docgen';
import PizZip from 'pizzip';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_DIR } from '../support/programs';
import { docxParagraphs, firstLostCharacter, missingCharacters, pdfStreamText } from './helpers/layout';
import { requireTools, toPdf } from './helpers/pdf';
import { APPLICATION_YEAR, exampleData, paragraphsText, part } from './helpers/render';

const DOC = 'publicity-notice';
const TEMPLATE = `templates/${DOC}.docx`;
/** The tag Word splits, and where: "{objec" | "tion.un" | "it}". */
const SPLIT_TEXT = '受理单位：{objection.unit}';
const SPLIT_AT = ['受理单位：{objec', 'tion.un', 'it}'];
/** The clerk's paragraph, added after the one holding ANCHOR. */
const ADDED = '公示结果同时在东莞市工业和信息化局门户网站公布。';
const ANCHOR = '公示时间：';

// Word's revision-save ids: one per editing session.
const RSID_ROOT = '00A1B2C3';
const RSID_EDIT = '00D4E5F6';
const RSID_TYPO = '00B7C8D9';

/** Replaces the one occurrence of `find` in `text`; fails the test if it is not there exactly once. */
function replaceOnce(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  expect(at, `"${find.slice(0, 60)}" in the template`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(find, at + 1), `"${find.slice(0, 60)}" only once`).toBe(-1);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

/** The run holding `text` (as one <w:t>), with its paragraph's start tag. */
function runAround(xml: string, text: string): { run: string; rPr: string; pStart: number } {
  const t = xml.indexOf(`<w:t xml:space="preserve">${text}</w:t>`);
  expect(t, `a run of "${text}"`).toBeGreaterThanOrEqual(0);
  const start = xml.lastIndexOf('<w:r>', t);
  const end = xml.indexOf('</w:r>', t) + '</w:r>'.length;
  const run = xml.slice(start, end);
  const rPr = /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(run)?.[0] ?? '';
  return { run, rPr, pStart: xml.lastIndexOf('<w:p>', start) };
}

/** word/document.xml as Word writes it back after the edit. */
function editDocument(xml: string): string {
  const { run, rPr, pStart } = runAround(xml, SPLIT_TEXT);
  const [a, b, c] = SPLIT_AT;
  expect(SPLIT_AT.join('')).toBe(SPLIT_TEXT);
  const split =
    `<w:r w:rsidR="${RSID_ROOT}" w:rsidRPr="${RSID_EDIT}">${rPr}<w:t xml:space="preserve">${a}</w:t></w:r>` +
    '<w:proofErr w:type="spellStart"/>' +
    `<w:r w:rsidR="${RSID_TYPO}" w:rsidRPr="${RSID_TYPO}">${rPr}<w:t>${b}</w:t></w:r>` +
    '<w:proofErr w:type="spellEnd"/>' +
    `<w:r w:rsidR="${RSID_ROOT}" w:rsidRPr="${RSID_EDIT}">${rPr}<w:t>${c}</w:t></w:r>`;
  let out =
    xml.slice(0, pStart) +
    `<w:p w:rsidR="${RSID_ROOT}" w:rsidRDefault="${RSID_TYPO}" w:rsidP="${RSID_ROOT}">` +
    xml.slice(pStart + '<w:p>'.length);
  out = replaceOnce(out, run, split);

  // The added paragraph: no direct formatting, so the Normal style (changed below) sets its type.
  const at = out.indexOf(ANCHOR);
  const after = out.indexOf('</w:p>', at) + '</w:p>'.length;
  const added =
    `<w:p w:rsidR="${RSID_EDIT}" w:rsidRDefault="${RSID_EDIT}" w:rsidP="${RSID_ROOT}">` +
    '<w:pPr><w:ind w:firstLine="640" w:firstLineChars="200"/></w:pPr>' +
    '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' +
    `<w:r w:rsidR="${RSID_EDIT}"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>${ADDED}</w:t></w:r></w:p>`;
  return out.slice(0, after) + added + out.slice(after);
}

/** word/styles.xml with the Normal style changed to 仿宋_GB2312 三号 on the 22-line grid. */
function editStyles(xml: string): string {
  return replaceOnce(
    xml,
    '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/></w:style>',
    '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/>' +
      `<w:rsid w:val="${RSID_EDIT}"/><w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>` +
      '<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>' +
      '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>',
  );
}

/** word/settings.xml with the revision ids Word records (CT_Settings puts w:rsids after w:compat). */
function editSettings(xml: string): string {
  const rsids = [RSID_ROOT, RSID_TYPO, RSID_EDIT].map((id) => `<w:rsid w:val="${id}"/>`).join('');
  return replaceOnce(
    xml,
    '</w:compat>',
    `</w:compat><w:rsids><w:rsidRoot w:val="${RSID_ROOT}"/>${rsids}</w:rsids>`,
  );
}

/** The template with Word's edit applied, repackaged. */
function wordEdit(template: Uint8Array): Uint8Array {
  const zip = new PizZip(template);
  const edit = (name: string, change: (xml: string) => string) => {
    const file = zip.file(name);
    expect(file, `${name} in the template`).not.toBeNull();
    zip.file(name, change(file!.asText()));
  };
  edit('word/document.xml', editDocument);
  edit('word/styles.xml', editStyles);
  edit('word/settings.xml', editSettings);
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The shipped programme with the 公示 template replaced. */
function programWith(template: Uint8Array): Program {
  const files = new Map(readProgramDir(SHIPPED_DIR));
  files.set(TEMPLATE, template);
  return loadProgram(files);
}

const shipped = loadProgram(readProgramDir(SHIPPED_DIR));
const original = shipped.files?.get(TEMPLATE);
if (!(original instanceof Uint8Array)) throw new Error(`${TEMPLATE} is not in the shipped programme`);
const edited = wordEdit(original);
const program = programWith(edited);
const data = exampleData(DOC);
const renderedOriginal = render(shipped, DOC, data, { year: APPLICATION_YEAR });
const renderedEdited = render(program, DOC, data, { year: APPLICATION_YEAR });

describe('a template edited in Word is accepted as it is (公示)', () => {
  beforeAll(() => requireTools());

  it('the edit is the kind Word makes: the tag in three runs with rsids and proofErr marks between them', () => {
    const xml = part(edited, 'word/document.xml');
    expect(xml).not.toContain(SPLIT_TEXT);
    expect(xml).toMatch(
      /<w:t xml:space="preserve">受理单位：\{objec<\/w:t><\/w:r><w:proofErr w:type="spellStart"\/><w:r w:rsidR="\w+" w:rsidRPr="\w+">[\s\S]*?<w:t>tion\.un<\/w:t><\/w:r><w:proofErr w:type="spellEnd"\/><w:r w:rsidR="\w+" w:rsidRPr="\w+">[\s\S]*?<w:t>it\}<\/w:t>/,
    );
    expect(part(edited, 'word/styles.xml')).toContain(`<w:rsid w:val="${RSID_EDIT}"/>`);
  });

  it('lints with no error against its data schema', () => {
    const errors = lintTemplates(program as unknown as DocgenProgram).filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('renders the example to the unedited template’s text plus the added paragraph', () => {
    const before = paragraphsText(part(renderedOriginal, 'word/document.xml'));
    const after = paragraphsText(part(renderedEdited, 'word/document.xml'));
    const anchor = before.findIndex((p) => p.includes(ANCHOR));
    expect(anchor).toBeGreaterThanOrEqual(0);
    expect(after).toEqual([...before.slice(0, anchor + 1), ADDED, ...before.slice(anchor + 1)]);
    const unit = (data.objection as { unit: string }).unit;
    expect(after).toContain(`受理单位：${unit}`);
    expect(after.join('')).not.toMatch(/[{}]|undefined/);
  });

  it('LibreOffice prints every character of the rendered document, in order', () => {
    const pdf = toPdf({ 'word-edited-publicity-notice': renderedEdited })['word-edited-publicity-notice']!;
    const paragraphs = docxParagraphs(renderedEdited);
    expect(paragraphs).toContain(ADDED);
    const text = pdfStreamText(pdf);
    expect(missingCharacters(paragraphs, text), 'characters missing from the PDF').toEqual({});
    expect(firstLostCharacter(paragraphs, text), 'first character not printed in its place').toBe(undefined);
  }, 180_000);
});
