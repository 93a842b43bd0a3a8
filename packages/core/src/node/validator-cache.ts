// Compiled validators on disk, for one-shot commands (`shenbao generate`, `validate`): compiling a
// year's application schema with ajv costs more than the rest of the command, and the schema changes
// only when the programme does. A validator is kept as ajv's standalone code (ajv/dist/standalone),
// keyed by what decides that code — the schema, the ajv version and options, the keywords and the
// format names — so a changed schema, keyword or ajv is a new key. A damaged file (file-cache.ts), or
// code that does not load, is ignored and the schema compiled afresh; a cache that cannot be written
// is no cache. Formats are passed in when the code is loaded (the
// programme's reference formats read its data), never written into it.

import { _, type Ajv, type ValidateFunction } from 'ajv';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import * as uriModule from 'ajv/dist/runtime/uri.js';
import * as validationErrorModule from 'ajv/dist/runtime/validation_error.js';
import * as standaloneModule from 'ajv/dist/standalone/index.js';
import ajvPackage from 'ajv/package.json';
import type { SchemaNode } from '../validation/schema-walk';
import { codePoints } from '../validation/string-length';
import type { CompiledValidatorStore } from '../validation/validator';
import { type FileCache, fileCache } from './file-cache';

/** Bumped when what this file writes changes meaning. */
const FORMAT = 1;

/** A CommonJS module's function under Node's ESM interop, esbuild's and tsx's (as in validator.ts). */
function fnOf(m: unknown): unknown {
  let v = m;
  for (let i = 0; i < 3 && v && typeof v === 'object' && 'default' in v; i++)
    v = (v as { default: unknown }).default;
  return v;
}

type StandaloneCode = (ajv: Ajv, fn: ValidateFunction) => string;
const standaloneCode = fnOf(standaloneModule) as StandaloneCode;

/** What the standalone code may `require`: ajv's runtime helpers, bundled with this file. */
const RUNTIME: Readonly<Record<string, unknown>> = {
  'ajv/dist/runtime/equal': fnOf(equalModule),
  'ajv/dist/runtime/ucs2length': fnOf(ucs2lengthModule),
  'ajv/dist/runtime/uri': fnOf(uriModule),
  'ajv/dist/runtime/validation_error': fnOf(validationErrorModule),
};
const requireRuntime = (name: string) => {
  const found = RUNTIME[name];
  if (!found) throw new Error(`validator cache: unknown runtime module ${name}`);
  return { default: found };
};

export interface DiskValidatorStore extends CompiledValidatorStore {
  readonly cache: FileCache;
  /** The file a schema's validator is kept in, for this validator's ajv. */
  fileFor(schema: SchemaNode, ajv: Ajv): string;
}

/** What decides the generated code, apart from the schema: ajv, its options, keywords and format names. */
function ajvFingerprint(ajv: Ajv): string {
  const keywords = Object.entries(ajv.RULES.all)
    .map(([name, rule]) => {
      const def =
        typeof rule === 'object' ? (rule.definition as unknown as Record<string, unknown>) : undefined;
      return `${name}:${def ? String(def.code ?? def.validate ?? def.compile ?? def.macro ?? '') : ''}`;
    })
    .sort();
  // The options that shape the code: plain values, at the top and under `code`.
  const plain = (o: object) =>
    Object.entries(o)
      .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => `${k}=${v}`)
      .sort();
  const options = [...plain(ajv.opts), ...plain(ajv.opts.code).map((o) => `code.${o}`)];
  return JSON.stringify([FORMAT, ajvPackage.version, options, keywords, Object.keys(ajv.formats).sort()]);
}

/**
 * A store of compiled validators in `dir` (created when first written). Pass it to
 * `SchemaValidator.useStore` (or `program.validator.useStore`) before the first validation.
 */
export function diskValidatorStore(dir: string): DiskValidatorStore {
  const cache = fileCache(dir, { ext: '.js' });
  const fingerprints = new WeakMap<Ajv, string>();
  const keyOf = (schema: SchemaNode, ajv: Ajv) => {
    let f = fingerprints.get(ajv);
    if (f === undefined) {
      f = ajvFingerprint(ajv);
      fingerprints.set(ajv, f);
    }
    return `${f}\n${JSON.stringify(schema)}`;
  };

  return {
    cache,
    fileFor: (schema, ajv) => cache.fileFor(keyOf(schema, ajv)),
    prepare(ajv) {
      // Standalone code needs each function's source and names the formats through `formats`,
      // the object handed in when the code is loaded.
      ajv.opts.code.source = true;
      ajv.opts.code.formats = _`formats`;
    },
    load(schema, ajv) {
      const key = keyOf(schema, ajv);
      const code = cache.read(key);
      if (code === undefined) return undefined;
      try {
        const module: { exports: unknown } = { exports: undefined };
        // The code is ajv's own output, written by save below in this or an earlier run.
        new Function('module', 'exports', 'require', 'formats', 'runtime', code)(
          module,
          {},
          requireRuntime,
          ajv.formats,
          { codePoints },
        );
        if (typeof module.exports !== 'function') throw new Error('no validator');
        return module.exports as ValidateFunction;
      } catch {
        cache.reject(key);
        return undefined;
      }
    },
    save(schema, ajv, fn) {
      let code: string;
      try {
        code = standaloneCode(ajv, fn);
      } catch {
        return; // A schema ajv cannot write standalone is compiled each time.
      }
      cache.write(keyOf(schema, ajv), code);
    },
  };
}
