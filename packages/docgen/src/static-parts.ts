// Coalescing of static paragraphs in a compiled part.
//
// docxtemplater renders a part by visiting every lexed XML element (each <w:p>, <w:r>, <w:t>
// start and end is one part) through every module, and builds a resolution id string for
// each — per document, although most of a template is fixed text. docxtemplater's renderer
// and post-render steps already pass Uint8Array parts through untouched, so a run of whole
// paragraphs that holds no tag can be encoded once at compile time and emitted as one
// opaque chunk. Only complete paragraphs are merged: table and cell boundaries stay visible
// to docxtemplater's "uncorrupt" pass, which repairs cells that loops left empty.

interface Part {
  type: string;
  value: unknown;
  tag?: string;
  position?: string;
  module?: string;
  lIndex?: number;
}

const encoder = new TextEncoder();

function isParagraph(p: Part | undefined, position: 'start' | 'end'): boolean {
  return p !== undefined && p.type === 'tag' && p.tag === 'w:p' && p.position === position;
}

/** Index of the </w:p> closing the paragraph opened at `start`, or -1 if it holds anything dynamic. */
function staticParagraphEnd(parts: readonly Part[], start: number): number {
  let depth = 0;
  for (let i = start; i < parts.length; i++) {
    const p = parts[i]!;
    if ((p.type !== 'tag' && p.type !== 'content') || p.module || typeof p.value !== 'string') return -1;
    if (isParagraph(p, 'start')) depth++;
    else if (isParagraph(p, 'end') && --depth === 0) return i;
  }
  return -1;
}

// Containers whose emptiness docxtemplater checks after rendering (tagShouldContain) or
// whose children it expands loops into; paragraphs inside them are left alone.
const CONTAINERS = new Set(['w:tbl', 'w:tr', 'w:tc', 'w:sdt', 'w:sdtContent']);

export function coalesceStaticParagraphs<T extends Part>(parts: readonly T[]): T[] {
  const out: T[] = [];
  let containerDepth = 0;
  let i = 0;
  while (i < parts.length) {
    const part = parts[i]!;
    if (part.type === 'tag' && part.tag !== undefined && CONTAINERS.has(part.tag)) {
      if (part.position === 'start') containerDepth++;
      else if (part.position === 'end') containerDepth--;
    }
    let end = -1;
    let j = i;
    while (containerDepth === 0 && isParagraph(parts[j], 'start')) {
      const k = staticParagraphEnd(parts, j);
      if (k < 0) break;
      end = k;
      j = k + 1;
    }
    if (end < 0) {
      out.push(parts[i]!);
      i++;
      continue;
    }
    let xml = '';
    for (let k = i; k <= end; k++) xml += parts[k]!.value as string;
    // No lIndex: docxtemplater then skips building a resolution id for the chunk.
    out.push({ type: 'content', value: encoder.encode(xml) } as T);
    i = end + 1;
  }
  return out;
}
