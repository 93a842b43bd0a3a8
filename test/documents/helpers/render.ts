/**
 * Stand-in for `render` from @shenbao/docgen while that package is being written: bare docxtemplater +
 * pizzip with a parser for the tag language of docs/contracts.md (`{path | filter:"arg"}`, `$index`),
 * implementing only the filters our templates use. Swap `renderDocument` for docgen's `render` when it
 * lands; the tests call nothing else from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const PROGRAM_DIR = join(ROOT, 'schemas', 'ai-innovation-center');
export const TEMPLATE_DIR = join(ROOT, 'templates', 'ai-innovation-center');

interface DocumentEntry {
  id: string;
  template: string;
  dataSchema: string;
}
interface Manifest {
  documents: DocumentEntry[];
  reference: Record<string, string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = { [key: string]: unknown };

const manifest = JSON.parse(readFileSync(join(PROGRAM_DIR, 'program.json'), 'utf8')) as Manifest;

export function documentEntry(id: string): DocumentEntry {
  const entry = manifest.documents.find((d) => d.id === id);
  if (!entry) throw new Error(`program.json: no document "${id}"`);
  return entry;
}

export const documentIds = (): string[] => manifest.documents.map((d) => d.id);

function reference(name: string): Record<string, unknown>[] {
  const file = manifest.reference[name];
  if (!file) throw new Error(`program.json: no reference "${name}"`);
  const parsed = JSON.parse(readFileSync(join(PROGRAM_DIR, file), 'utf8')) as {
    items?: Record<string, unknown>[];
  };
  return parsed.items ?? [];
}

/** Enum value → its title, looking the dotted path up in the document's data schema. */
function enumTitle(schema: SchemaNode, path: string, value: unknown): string | undefined {
  const root = schema;
  const deref = (n: SchemaNode): SchemaNode => {
    const ref = n.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
      const defs = root.definitions as Record<string, SchemaNode>;
      return deref(defs[ref.slice('#/definitions/'.length)] ?? {});
    }
    return n;
  };
  let node: SchemaNode = deref(schema);
  for (const key of path.split('.')) {
    while (node.type === 'array' && node.items) node = deref(node.items as SchemaNode);
    node = deref(((node.properties as Record<string, SchemaNode>) ?? {})[key] ?? {});
  }
  while (node.type === 'array' && node.items) node = deref(node.items as SchemaNode);
  const options = (node.oneOf ?? node.anyOf) as SchemaNode[] | undefined;
  return options?.find((o) => o.const === value)?.title as string | undefined;
}

const CN_DIGITS = '零一二三四五六七八九';
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? '';
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

function parseArg(raw: string): string | number {
  const t = raw.trim();
  if (t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  return Number(t);
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function makeFilters(schema: SchemaNode): Record<string, (v: unknown, arg?: string | number) => unknown> {
  return {
    cnDate: (v) => {
      const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v) : null;
      return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : v;
    },
    wan: (v) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v),
    cnOrdinal: (v) => (typeof v === 'number' ? cnNumber(v) : v),
    phone: (v) => {
      if (typeof v !== 'string') return v;
      const m = /^(0\d{2,3})(\d{7,8})$/.exec(v);
      return m ? `${m[1]}-${m[2]}` : v;
    },
    eq: (v, arg) => v === arg,
    default: (v, arg) => (isEmpty(v) ? arg : v),
    join: (v, arg) => (Array.isArray(v) ? v.join(String(arg ?? '、')) : v),
    ref: (v, arg) => {
      const name = (code: unknown) => reference(String(arg)).find((i) => i.code === code)?.name ?? code;
      return Array.isArray(v) ? v.map(name) : name(v);
    },
    label: (v, arg) => {
      if (Array.isArray(v)) return v.map((x) => enumTitle(schema, String(arg), x) ?? x);
      return enumTitle(schema, String(arg), v) ?? v;
    },
  };
}

interface ParserContext {
  scopePathItem: number[];
}

function parser(schema: SchemaNode) {
  const filters = makeFilters(schema);
  return (tag: string) => {
    const [pathPart = '', ...filterParts] = tag.split(/\|(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const path = pathPart.trim();
    const chain = filterParts.map((f) => {
      const i = f.indexOf(':');
      const name = (i < 0 ? f : f.slice(0, i)).trim();
      const fn = filters[name];
      if (!fn) throw new Error(`unknown filter "${name}" in {${tag}}`);
      return { fn, arg: i < 0 ? undefined : parseArg(f.slice(i + 1)) };
    });
    return {
      get(scope: unknown, context: ParserContext): unknown {
        let value: unknown;
        if (path === '$index') {
          const last = context.scopePathItem.at(-1);
          value = last === undefined ? undefined : last + 1;
        } else if (path === '.' || path === '') {
          value = scope;
        } else {
          value = scope;
          for (const key of path.split('.')) {
            if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
              value = undefined;
              break;
            }
            value = (value as Record<string, unknown>)[key];
          }
        }
        // Only the last filter in the chain may see an undefined value (default:"…").
        for (const { fn, arg } of chain) value = fn(value, arg);
        return value;
      },
    };
  };
}

export function renderDocument(id: string, data: Json | Record<string, unknown>): Uint8Array {
  const entry = documentEntry(id);
  const schema = JSON.parse(readFileSync(join(PROGRAM_DIR, entry.dataSchema), 'utf8')) as SchemaNode;
  const bytes = readFileSync(join(TEMPLATE_DIR, entry.template.replace(/^templates\//, '')));
  const doc = new Docxtemplater(new PizZip(bytes), {
    paragraphLoop: true,
    linebreaks: true,
    stripInvalidXMLChars: true,
    errorLogging: false,
    nullGetter: () => '',
    parser: parser(schema),
  });
  doc.render(data);
  return doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
}
