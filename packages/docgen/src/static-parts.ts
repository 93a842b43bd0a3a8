// Pre-encoding the static XML of a compiled part.
//
// docxtemplater renders a part by visiting every lexed XML element (each <w:p>, <w:r>, <w:t>
// start and end is one part) through every module, then UTF-8-encodes all of them — per
// document, although most of a template is fixed text. Its renderer and post-render steps
// pass Uint8Array parts through untouched, so runs of static parts are encoded once at
// compile time and emitted as one opaque chunk.
//
// What stays visible is what docxtemplater's post-render "uncorrupt" pass looks at to repair
// tables and content controls that loops emptied (file-type-config tagShouldContain and
// addEmptyParagraphAfterTable): the starts and ends of w:tbl, w:tr, w:tc, w:sdt and
// w:sdtContent, every paragraph start, runs inside content controls, and whatever follows a
// table. Hiding one of those could make that pass drop a row or a cell's text.

interface Part {
  type: string;
  value: unknown;
  tag?: string;
  position?: string;
  module?: string;
  subparsed?: Part[];
}

const encoder = new TextEncoder();
const BOUNDARIES = new Set(['w:tbl', 'w:tr', 'w:tc', 'w:sdt', 'w:sdtContent']);
const VISIBLE_STARTS = new Set(['w:p', 'w:commentRangeStart', 'w:sectPr', 'w:bookmarkEnd']);

function isStatic(p: Part): boolean {
  return (p.type === 'tag' || p.type === 'content') && !p.module && typeof p.value === 'string';
}

export function coalesceStaticParts<T extends Part>(parts: readonly T[]): T[] {
  const out: T[] = [];
  let run: string[] = [];
  let sdtDepth = 0;
  let afterTable = false;
  const flush = () => {
    if (run.length) out.push({ type: 'content', value: encoder.encode(run.join('')) } as T);
    run = [];
  };
  for (const part of parts) {
    const tag = part.type === 'tag' ? part.tag : undefined;
    const start = part.position === 'start' || part.position === 'selfclosing';
    if (tag === 'w:sdtContent') sdtDepth += part.position === 'start' ? 1 : part.position === 'end' ? -1 : 0;
    const visible =
      !isStatic(part) ||
      afterTable ||
      (tag !== undefined &&
        (BOUNDARIES.has(tag) || (start && (VISIBLE_STARTS.has(tag) || (tag === 'w:r' && sdtDepth > 0)))));
    afterTable = tag === 'w:tbl' && part.position === 'end';
    if (!visible) {
      run.push(part.value as string);
      continue;
    }
    flush();
    if (part.subparsed) out.push({ ...part, subparsed: coalesceStaticParts(part.subparsed) });
    else out.push(part);
  }
  flush();
  return out;
}
