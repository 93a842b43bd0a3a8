import { loadProgram, type Program, type ProgramFiles } from '@shenbao/core';

// Every programme folder under schemas/ (and the test programmes under test/fixtures),
// as raw text loaded on demand; templates as URLs fetched when a document is generated.
const schemaFiles = import.meta.glob<string>(
  ['../../../schemas/*/**/*.json', '../../../test/fixtures/programs/schemas/*/**/*.json'],
  { query: '?raw', import: 'default' },
);
const templateFiles = import.meta.glob<string>(
  ['../../../templates/*/**/*.docx', '../../../test/fixtures/programs/templates/*/**/*.docx'],
  { query: '?url', import: 'default' },
);

interface Entry {
  root: string;
  id: string;
  rel: string;
}

const SCHEMA_KEY = /^(.*\/schemas)\/([^/]+)\/(.+)$/;
const TEMPLATE_KEY = /^(.*\/templates)\/([^/]+)\/(.+)$/;

function entries(map: Record<string, unknown>, re: RegExp): (Entry & { key: string })[] {
  const out: (Entry & { key: string })[] = [];
  for (const key of Object.keys(map)) {
    const m = re.exec(key);
    if (m) out.push({ key, root: m[1] as string, id: m[2] as string, rel: m[3] as string });
  }
  return out;
}

const schemaEntries = entries(schemaFiles, SCHEMA_KEY);
const templateEntries = entries(templateFiles, TEMPLATE_KEY);

/** Programme ids in discovery order (shipped programmes first). */
export function programmeIds(): string[] {
  const ids: string[] = [];
  for (const e of schemaEntries) if (e.rel === 'program.json' && !ids.includes(e.id)) ids.push(e.id);
  return ids;
}

function rootOf(id: string): string | undefined {
  return schemaEntries.find((e) => e.id === id && e.rel === 'program.json')?.root;
}

export interface ProgrammeSummary {
  id: string;
  title: string;
  authority?: string;
  docNo?: string;
  forms: { id: string; title: string }[];
  eligibilityForm?: string;
  test: boolean;
}

/** Title and forms of every programme, for the list page. */
export async function programmeSummaries(): Promise<ProgrammeSummary[]> {
  return Promise.all(
    programmeIds().map(async (id) => {
      const root = rootOf(id) as string;
      const loader = schemaFiles[`${root}/${id}/program.json`] as () => Promise<string>;
      const m = JSON.parse(await loader()) as {
        title?: string;
        authority?: string;
        basis?: { docNo?: string };
        forms?: Record<string, { title?: string }>;
        eligibility?: { form?: string };
      };
      return {
        id,
        title: m.title ?? id,
        authority: m.authority,
        docNo: m.basis?.docNo,
        forms: Object.entries(m.forms ?? {}).map(([f, v]) => ({ id: f, title: v.title ?? f })),
        eligibilityForm: m.eligibility?.form,
        test: root.includes('/test/'),
      };
    }),
  );
}

const programmes = new Map<string, Promise<{ program: Program; files: ProgramFiles }>>();

/** A programme loaded with core's loadProgram from its JSON files (templates come later). */
export function loadProgramme(id: string): Promise<{ program: Program; files: ProgramFiles }> {
  let p = programmes.get(id);
  if (!p) {
    p = (async () => {
      const root = rootOf(id);
      if (!root) throw new Error(`没有找到项目“${id}”`);
      const mine = schemaEntries.filter((e) => e.root === root && e.id === id);
      const texts = await Promise.all(mine.map((e) => (schemaFiles[e.key] as () => Promise<string>)()));
      const files = new Map<string, string | Uint8Array>();
      mine.forEach((e, i) => {
        files.set(e.rel, texts[i] as string);
      });
      return { program: loadProgram(files), files };
    })();
    programmes.set(id, p);
  }
  return p;
}

/** The programme's files including its Word templates (for docgen), fetched once. */
const withTemplates = new Map<string, Promise<Map<string, string | Uint8Array>>>();
export function programmeFilesWithTemplates(id: string): Promise<Map<string, string | Uint8Array>> {
  let p = withTemplates.get(id);
  if (!p) {
    p = (async () => {
      const { files } = await loadProgramme(id);
      const root = rootOf(id) as string;
      const templatesRoot = root.replace(/\/schemas$/, '/templates');
      const mine = templateEntries.filter((e) => e.root === templatesRoot && e.id === id);
      const out = new Map(files);
      await Promise.all(
        mine.map(async (e) => {
          const url = await (templateFiles[e.key] as () => Promise<string>)();
          const res = await fetch(url);
          out.set(`templates/${e.rel}`, new Uint8Array(await res.arrayBuffer()));
        }),
      );
      return out;
    })();
    withTemplates.set(id, p);
  }
  return p;
}
