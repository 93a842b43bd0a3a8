// HTML versions of documents (a 公示 as a web page) from Handlebars templates. Handlebars has
// had prototype-access RCEs; here templates compile with knownHelpersOnly, only our own
// helpers are registered, output is escaped by default and prototype access stays denied.

import Handlebars from 'handlebars';
import { DocgenError } from './errors.js';
import { FILTERS, type FilterContext } from './filters.js';
import { assertApplies, type DocgenProgram, programFile } from './program.js';
import { filterBase, requireEntry, validateData } from './render.js';
import { toText } from './safe-text.js';
import { lookupPath } from './tag-expression.js';
import type { FilterBase } from './tag-parser.js';

/** A4 pages with the GB/T 9704 margins and body type, for printing a page from the browser. */
export const PRINT_STYLESHEET = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "仿宋_GB2312", "仿宋", FangSong, "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75;
  color: #000; max-width: 156mm; margin: 2em auto; padding: 0 1em; }
h1 { font-family: "方正小标宋简体", "小标宋", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: bold; text-align: center; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; }
p { text-indent: 2em; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 0.3em 0.5em; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.signature, .date { text-align: right; text-indent: 0; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
`;

type HelperOptions = Handlebars.HelperOptions;

function createEnvironment(current: { base: FilterBase }): typeof Handlebars {
  const hb = Handlebars.create();
  for (const [name, spec] of Object.entries(FILTERS)) {
    hb.registerHelper(name, function (this: unknown, ...params: unknown[]) {
      const options = params.pop() as HelperOptions;
      const [value, ...args] = params;
      const root = (options.data as { root?: unknown } | undefined)?.root;
      const ctx: FilterContext = {
        ...current.base,
        lookup: (path) => lookupPath(this, path.split('.')) ?? lookupPath(root, path.split('.')),
      };
      const result = spec.apply(
        value,
        args.map((a) => String(a)),
        ctx,
      );
      // eq is a condition for {{#if}}; everything else prints.
      return typeof result === 'boolean' && name === 'eq' ? result : (toText(result) ?? '');
    });
  }
  return hb;
}

const KNOWN_HELPERS = Object.fromEntries(Object.keys(FILTERS).map((n) => [n, true]));

export type HtmlTemplate = (data: unknown, base: FilterBase) => string;

export function compileHtml(source: string): HtmlTemplate {
  const current = { base: { reference: () => undefined, enumTitles: () => undefined } as FilterBase };
  const hb = createEnvironment(current);
  const template = hb.compile(source, {
    knownHelpers: KNOWN_HELPERS,
    knownHelpersOnly: true,
    noEscape: false,
    strict: false,
  });
  return (data, base) => {
    current.base = base;
    return template(data, { allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false });
  };
}

const cache = new Map<string, HtmlTemplate>();

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A full page: the template's own document with the print stylesheet added, or a wrapper. */
export function withPrintStylesheet(html: string, title: string): string {
  const style = `<style data-shenbao="print">${PRINT_STYLESHEET}</style>`;
  if (/<head[\s>]/i.test(html)) return html.replace(/<\/head>/i, `${style}</head>`);
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${style}</head><body>\n${html}\n</body></html>\n`;
}

export interface HtmlOptions {
  year?: number;
  skipValidation?: boolean;
}

export function renderHtml(
  program: DocgenProgram,
  docId: string,
  data: unknown,
  options: HtmlOptions = {},
): string {
  const entry = requireEntry(program, docId);
  if (!entry.html) throw new DocgenError(`文书“${docId}”没有网页版模板`);
  assertApplies(program, entry, data);
  if (!options.skipValidation) validateData(program, entry, data, options.year);
  const file = programFile(program, entry.html);
  if (file === undefined) throw new DocgenError(`找不到网页模板：${entry.html}`);
  const source = typeof file === 'string' ? file : new TextDecoder().decode(file);
  const key = `${program.manifest.id}\u0000${entry.html}\u0000${source}`;
  let template = cache.get(key);
  if (!template) {
    template = compileHtml(source);
    cache.set(key, template);
  }
  return withPrintStylesheet(template(data, filterBase(program, entry.dataSchema)), entry.title);
}
