// A docxtemplater module (public module API) that prints plain `{tag}` placeholders.
//
// docxtemplater's `linebreaks` option turns "\n" into a new run, and to copy the run's
// formatting it records every run of the document while rendering — about a third of the
// render time. A line break may also sit inside the same run (<w:t>a</w:t><w:br/><w:t>b</w:t>,
// both are run content in OOXML), which keeps the formatting with no recording at all.

import type { DXT } from 'docxtemplater';

export const TEXT_MODULE = 'shenbao-text';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes for a <w:t> and turns newlines into in-run breaks. The value is already sanitised. */
export function textToRunXml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
  return escaped.includes('\n') ? escaped.replace(/\n/g, '</w:t><w:br/><w:t xml:space="preserve">') : escaped;
}

export class TextModule implements DXT.Module {
  readonly name = 'ShenbaoTextModule';
  // docxtemplater attaches a module to one instance; each compiled template gets its own.
  attached?: boolean;

  parse(placeHolderContent: string): DXT.SimplePart {
    return { type: 'placeholder', value: placeHolderContent, module: TEXT_MODULE };
  }

  render(part: DXT.Part, options: DXT.RenderOptions): DXT.Rendered | null {
    if (part.module !== TEXT_MODULE) return null;
    let value: unknown;
    try {
      value = options.scopeManager.getValue(part.value, { part });
    } catch (e) {
      return { value: '', errors: [e] };
    }
    if (value == null) value = options.nullGetter?.(part, options.scopeManager);
    return { value: textToRunXml(value == null ? '' : String(value)), errors: [] };
  }
}
