/// <reference types="vite/client" />
/**
 * Baseline for the browser benchmark: stock JSON Forms 3.8 (`JsonForms` + material renderers and
 * cells on MUI 7, default debounce), used the way its documentation shows (data kept in React
 * state, updated from `onChange`). Same programme schema, UI schema and data as the portal's
 * `?fixture=bench` route; the only additions are the programme's string formats on JSON Forms'
 * own ajv (`createAjv`), so stock validates what ours validates.
 *
 * Written with `createElement` rather than JSX so the root typecheck (no `jsx` option) covers it.
 */
import { type Categorization, createAjv, type UISchemaElement } from '@jsonforms/core';
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import { loadProgram } from '@shenbao/core';
import { createElement as h, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import example from '../../../examples/application.json';
import { benchApplication } from '../fixture';

const PROGRAM_DIR = '../../../schemas/ai-innovation-center/';
const raw = import.meta.glob<string>('../../../schemas/ai-innovation-center/**/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const files = new Map(Object.entries(raw).map(([path, text]) => [path.slice(PROGRAM_DIR.length), text]));
const program = loadProgram(files);
const schema = program.schemaFor({ form: 'application', year: 2026 });
const fullUiSchema = program.uiSchema('application') as Categorization;

/** True when a UI schema element (or one below it) has this scope. */
function holdsScope(element: UISchemaElement, scope: string): boolean {
  if ((element as { scope?: string }).scope === scope) return true;
  const children = (element as { elements?: UISchemaElement[] }).elements ?? [];
  return children.some((child) => holdsScope(child, scope));
}

// Open on the step that holds the success cases: the stepper keeps its active step in private
// state (always 0 at mount), so the categorization is given only that category. Same stepper,
// same options, same controls in the step.
const casesScope = '#/properties/capability/properties/cases';
const casesCategory = fullUiSchema.elements.find((category) => holdsScope(category, casesScope));
if (!casesCategory) throw new Error(`no category holds ${casesScope}`);
const uischema: Categorization = { ...fullUiSchema, elements: [casesCategory] };

const params = new URLSearchParams(location.search);
const initialData = benchApplication(
  example,
  Number(params.get('cases') ?? 100),
  Number(params.get('units') ?? 20),
);

const ajv = createAjv();
for (const [name, def] of Object.entries(program.validator.formats))
  ajv.addFormat(name, { type: 'string', validate: def.validate });

function App() {
  const [data, setData] = useState<unknown>(initialData);
  return h(JsonForms, {
    schema: schema as Parameters<typeof JsonForms>[0]['schema'],
    uischema,
    data,
    renderers: materialRenderers,
    cells: materialCells,
    ajv,
    onChange: ({ data: next }) => setData(next),
  });
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(h(StrictMode, null, h(App)));
