// Compiled validators kept on disk (node/validator-cache.ts): a second process (here: a second
// validator) loads the standalone code instead of compiling, with the same results and messages;
// a changed schema is a new entry; a damaged or unusable file is ignored and compiled afresh.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../src';
import { diskValidatorStore } from '../src/node';
import type { SchemaNode } from '../src/validation/schema-walk';

const scratch = () => mkdtempSync(join(tmpdir(), 'shenbao-vcache-'));

const schema = (): SchemaNode => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'code', 'when'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 4, title: '名称' },
    code: { type: 'string', format: 'uscc', title: '统一社会信用代码' },
    when: { type: 'string', format: 'date' },
    tags: { type: 'array', uniqueItems: true, items: { enum: [{ a: 1 }, 'b'] } },
  },
});

const good = { name: '广东𠀀', code: '91441900MA5H7K2Q4P', when: '2026-03-01', tags: ['b', { a: 1 }] };
const bad = { name: '广', code: 'x', when: '2026-13-01', tags: ['b', 'b'], extra: 1 };

/** A validator as a new process would make it, with the store in `dir`. */
function fresh(dir: string) {
  const v = new SchemaValidator();
  const store = diskValidatorStore(dir);
  v.useStore(store);
  return { v, store };
}

describe('compiled validators on disk', () => {
  it('a second validator loads the stored code: same results, same messages', () => {
    const dir = scratch();
    const plain = new SchemaValidator();
    const first = fresh(dir);
    expect(plain.validate(schema(), good)).toEqual({ valid: true, errors: [] });
    expect(first.v.validate(schema(), good)).toEqual({ valid: true, errors: [] });
    expect(first.store.cache.stats).toMatchObject({ hits: 0, misses: 1, saved: 1 });
    const second = fresh(dir);
    const expected = plain.validate(schema(), bad);
    expect(expected.errors.length).toBeGreaterThan(3);
    const same = schema();
    expect(second.v.validate(same, bad)).toEqual(expected);
    expect(second.v.validate(same, good)).toEqual({ valid: true, errors: [] });
    expect(second.store.cache.stats).toMatchObject({ hits: 1, misses: 0, rejected: 0, saved: 0 });
  });

  it('a changed schema is a new entry, not the old code', () => {
    const dir = scratch();
    fresh(dir).v.validate(schema(), good);
    const changed = schema();
    (changed.properties as Record<string, SchemaNode>).name!.maxLength = 1;
    const { v, store } = fresh(dir);
    expect(v.validate(changed, good).valid).toBe(false);
    expect(store.cache.stats).toMatchObject({ hits: 0, misses: 1, saved: 1 });
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('ignores a damaged file or code that does not load, and compiles afresh', () => {
    const dir = scratch();
    const { store } = fresh(dir);
    const v0 = new SchemaValidator();
    v0.useStore(store);
    v0.validate(schema(), good);
    const file = store.fileFor(schema(), v0.ajv);
    for (const damage of [
      'garbage',
      '// 0000\n"use strict";module.exports = () => true;',
      // A matching hash over code that is no validator: loads, refused, compiled afresh.
      null,
    ]) {
      if (damage === null) {
        const body = 'module.exports = 42;';
        writeFileSync(file, `// ${createHash('sha256').update(body).digest('hex')}\n${body}`);
      } else writeFileSync(file, damage);
      const { v, store: s } = fresh(dir);
      const same = schema();
      expect(v.validate(same, bad).valid).toBe(false);
      expect(v.validate(same, good).valid).toBe(true);
      expect(s.cache.stats).toMatchObject({ hits: 0, rejected: 1, saved: 1 });
    }
    // Rewritten whole: the next one loads it.
    const { v, store: s } = fresh(dir);
    expect(v.validate(schema(), good).valid).toBe(true);
    expect(s.cache.stats.hits).toBe(1);
  });

  it('validates as usual where nothing can be written', () => {
    // A folder below a plain file cannot be made (whoever runs the test).
    const file = join(scratch(), 'not-a-folder');
    writeFileSync(file, '');
    const { v, store } = fresh(join(file, 'validators'));
    const same = schema();
    expect(v.validate(same, good).valid).toBe(true);
    expect(v.validate(same, bad).valid).toBe(false);
    expect(store.cache.stats).toMatchObject({ hits: 0, saved: 0 });
  });
});
