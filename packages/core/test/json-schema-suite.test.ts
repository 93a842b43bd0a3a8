/**
 * The official JSON-Schema-Test-Suite (draft-07), read in place from the shared data folder,
 * run through SchemaValidator.validate(): every schema we compile gets the suite's verdict,
 * and every schema we refuse is refused by a named, intended strictness rule.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SchemaCompileError, SchemaValidator, type StrictRule } from '../src';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shared test data beside the repository (`../shared/data`), or where SHENBAO_SHARED_DATA says. */
const SHARED = process.env.SHENBAO_SHARED_DATA ?? resolve(REPO, '../shared/data');
const SUITE = join(SHARED, 'json-schema-test-suite');
const DRAFT7 = join(SUITE, 'tests', 'draft7');
/** The suite's remote documents (served on localhost:1234 by its own runner); absent from our copy. */
const REMOTES = join(SUITE, 'remotes');
const present = existsSync(DRAFT7);

// Missing data is a failure, except where the runner says the shared folder is not provided
// (.ci/run sets SHENBAO_SHARED_DATA_OPTIONAL=1 and prints that it is absent).
if (!present && process.env.SHENBAO_SHARED_DATA_OPTIONAL !== '1')
  throw new Error(
    `JSON-Schema-Test-Suite not found at ${DRAFT7} (expected ${relative(REPO, DRAFT7)} beside the repository, ` +
      'or set SHENBAO_SHARED_DATA): it is read in place, never copied into the project',
  );
if (!present) console.warn(`JSON-Schema-Test-Suite absent at ${DRAFT7}: suite cases not run`);

interface SuiteCase {
  description: string;
  data: unknown;
  valid: boolean;
}
interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: SuiteCase[];
}

/**
 * Refusals we intend, with the number of suite cases each accounts for. A refusal outside this
 * table is a bug; a count that moves means the policy or the validator changed — update it here.
 */
const INTENDED: Record<StrictRule, number> = {
  // `minimum`, `properties`, `items`… beside no `type`: programme schemas say what a field is.
  missingType: 572,
  // `type: ["integer", "string"]`: one field, one kind of value (a value or null is allowed).
  unionType: 20,
  // A tuple `items: [...]` must fix its length with minItems and maxItems/additionalItems.
  tupleLength: 6,
  // A keyword that does nothing where it stands (`additionalItems` without tuple, `then` without `if`).
  ignoredKeyword: 14,
  // A keyword ajv does not know is most likely a typo.
  unknownKeyword: 0,
  // A `format` the programme does not define would check nothing.
  unknownFormat: 4,
  // A reference to a document we do not hold (the suite's remotes/ are not in the shared data).
  unresolvedRef: 19,
  // A `type` that contradicts the types allowed where it stands.
  conflictingType: 0,
  // A property name matched by patternProperties too: two rules for one field.
  overlappingPatterns: 0,
  // `default` at the root or in a union: never applied.
  ignoredDefault: 0,
  // `$id` beside `$ref`: draft-07 ignores it, ajv does not; refused rather than guessed.
  refBesideId: 2,
};

/** Data with a forbidden key at the root, in a list and deeper; fresh each time (JSON.parse makes own keys). */
const hostile = (): unknown[] =>
  [
    '{"__proto__":1}',
    '[{"constructor":{}}]',
    '{"x":[{"__proto__":1}]}',
    '{"a":{"b":{"prototype":null}}}',
  ].map((t) => JSON.parse(t) as unknown);

const files = present
  ? readdirSync(DRAFT7)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

function newValidator(): SchemaValidator {
  const v = new SchemaValidator();
  if (existsSync(REMOTES)) addRemotes(v, REMOTES, 'http://localhost:1234/');
  return v;
}

function addRemotes(v: SchemaValidator, dir: string, base: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) addRemotes(v, path, `${base}${entry.name}/`);
    else if (entry.name.endsWith('.json')) {
      const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      // Only draft-07 (or undeclared) remotes: ajv holds the draft-07 vocabulary only.
      const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
      if (declared === '' || declared.includes('draft-07')) v.ajv.addSchema(schema, `${base}${entry.name}`);
    }
  }
}

describe.skipIf(!present)('JSON-Schema-Test-Suite, draft-07', () => {
  const refused: Record<StrictRule, number> = Object.fromEntries(
    Object.keys(INTENDED).map((k) => [k, 0]),
  ) as Record<StrictRule, number>;
  const unexplained: string[] = [];
  const wrong: string[] = [];
  /** Schemas that accepted data carrying a forbidden key: the key guard must hold for every schema. */
  const unguarded: string[] = [];
  let compiled = 0;
  let total = 0;

  for (const file of files) {
    const groups = JSON.parse(readFileSync(join(DRAFT7, file), 'utf8')) as SuiteGroup[];
    for (const group of groups) {
      // A fresh validator per group: the suite reuses $ids across groups with different schemas.
      const v = newValidator();
      const schema = group.schema as Record<string, unknown> | boolean;
      let error: unknown;
      try {
        v.compile(schema);
      } catch (e) {
        error = e;
      }
      if (error === undefined)
        for (const data of hostile())
          if (v.validate(schema, data).valid)
            unguarded.push(`${file} · ${group.description}: ${JSON.stringify(data)}`);
      for (const test of group.tests) {
        total++;
        const name = `${file} · ${group.description} · ${test.description}`;
        if (error !== undefined) {
          if (error instanceof SchemaCompileError && error.rule) refused[error.rule]++;
          else unexplained.push(`${name}: ${(error as Error).message}`);
          continue;
        }
        compiled++;
        const { valid } = v.validate(schema, test.data);
        if (valid !== test.valid) wrong.push(`${name}: expected ${test.valid ? 'valid' : 'invalid'}`);
      }
    }
  }

  console.log(
    `draft-07 suite: ${total} cases, ${compiled} compiled (${compiled - wrong.length} right verdicts), ` +
      `${total - compiled} refused by rule:\n${Object.entries(refused)
        .map(([rule, n]) => `  ${rule.padEnd(20)} ${n}`)
        .join('\n')}`,
  );

  it('reads the whole suite', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(total).toBeGreaterThan(900);
  });

  it('every compiled case gets the suite verdict', () => {
    expect(wrong).toEqual([]);
  });

  it('no compiled schema accepts data carrying __proto__, constructor or prototype', () => {
    expect(unguarded).toEqual([]);
  });

  it('every refusal is an intended strictness rule', () => {
    expect(unexplained).toEqual([]);
  });

  it('refusals per rule are as recorded', () => {
    expect(refused).toEqual(INTENDED);
  });
});
