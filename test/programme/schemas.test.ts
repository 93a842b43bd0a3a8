/** The shipped programme's data, checked as data: titles, required strings, weights, calendars. */

import type { SchemaNode } from '@shenbao/core';
import { describe, expect, it } from 'vitest';
import { shipped } from '../support/programs';

const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const HAN = /[\u4e00-\u9fff]/;

/** Every named property of a schema, with its pointer and the object schema that holds it. */
function* properties(
  node: unknown,
  at = '',
): Generator<{ at: string; name: string; prop: SchemaNode; parent: SchemaNode }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* properties(node[i], `${at}/${i}`);
    return;
  }
  if (!isNode(node)) return;
  if (isNode(node.properties))
    for (const [name, prop] of Object.entries(node.properties))
      if (isNode(prop)) yield { at: `${at}/properties/${name}`, name, prop, parent: node };
  for (const [k, v] of Object.entries(node)) if (typeof v === 'object') yield* properties(v, `${at}/${k}`);
}

const schemaFiles = () => {
  const p = shipped();
  const files = new Set<string>();
  for (const f of Object.values(p.manifest.forms)) if (f) files.add(f.schema);
  for (const d of p.manifest.documents ?? []) files.add(d.dataSchema);
  return [...files];
};

describe('the programme schemas (JSON Schema draft-07, Chinese titles)', () => {
  it.each(schemaFiles())('%s: draft-07 with a Chinese title on every data property', (file) => {
    const schema = shipped().json(file) as SchemaNode;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const untitled: string[] = [];
    for (const { at, name, prop } of properties(schema)) {
      // `$schema` lets editors find the schema; if/then branches only restate constraints.
      if (
        name === '$schema' ||
        /\/(if|then|else)\//.test(at) ||
        (prop.title === undefined && Object.keys(prop).length <= 2)
      )
        continue;
      if (typeof prop.title !== 'string' || !HAN.test(prop.title)) untitled.push(at);
    }
    expect(untitled).toEqual([]);
  });

  it.each(schemaFiles())('%s: a required free-text string cannot be empty (minLength ≥ 1)', (file) => {
    const schema = shipped().json(file) as SchemaNode;
    const empty: string[] = [];
    for (const { at, name, prop, parent } of properties(schema)) {
      const required = Array.isArray(parent.required) && parent.required.includes(name);
      const constrained = prop.format || prop.enum || prop.oneOf || prop.const !== undefined || prop.pattern;
      if (required && prop.type === 'string' && !constrained && !(Number(prop.minLength) >= 1))
        empty.push(at);
    }
    expect(empty).toEqual([]);
  });
});

describe('review.schema.json: the score sheet', () => {
  it('scored indicators weigh 100 in all', () => {
    const scores = (shipped().formSchema('review').properties as Record<string, SchemaNode>)
      .scores as SchemaNode;
    const weights = Object.values(scores.properties as Record<string, SchemaNode>).map(
      (s) => ((s.properties as Record<string, SchemaNode>).score as SchemaNode).maximum as number,
    );
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
  });
  it('each scored indicator states its scoring bands', () => {
    const scores = (shipped().formSchema('review').properties as Record<string, SchemaNode>)
      .scores as SchemaNode;
    for (const s of Object.values(scores.properties as Record<string, SchemaNode>))
      expect(s.description).toMatch(/评分标准/);
  });
});

describe('reference data and calendars', () => {
  it('Dongguan has 4 街道, 28 镇 and 4 NBS special units, with unique codes', () => {
    const towns = shipped().reference('towns') as { code: string; kind: string }[];
    expect(towns.filter((t) => t.kind === '街道')).toHaveLength(4);
    expect(towns.filter((t) => t.kind === '镇')).toHaveLength(28);
    expect(towns.filter((t) => t.kind === '园区')).toHaveLength(4);
    expect(new Set(towns.map((t) => t.code)).size).toBe(towns.length);
    for (const t of towns) expect(t.code).toMatch(/^441900\d{3}$/);
  });
  it('GB/T 4754 section I covers divisions 63–65 and section C divisions 13–43', () => {
    const i = shipped().reference('industries') as { code: string }[];
    expect(new Set(i.map((x) => x.code.slice(0, 2)))).toEqual(new Set(['63', '64', '65']));
    const c = shipped().reference('manufacturing') as { code: string }[];
    expect(c.map((x) => Number(x.code))).toEqual(Array.from({ length: 31 }, (_, k) => 13 + k));
  });
  it('the 2026 calendar is official and has 调休 workdays; 2027 and 2028 are marked not official', () => {
    expect(shipped().calendar(2026)).toMatchObject({ official: true });
    expect(shipped().calendar(2026)?.workdays).toContain('2026-10-10');
    expect(shipped().calendar(2027)?.official).toBe(false);
    expect(shipped().calendar(2028)?.official).toBe(false);
  });
  it('2026 targets mark unknown numbers as placeholders, and the call closes 2026-03-20 17:30 Beijing time', () => {
    const t = shipped().targets(2026) as {
      call: { closes: string };
      commitments: Record<string, { placeholder?: boolean }>;
    };
    expect(Date.parse(t.call.closes)).toBe(Date.parse('2026-03-20T09:30:00Z'));
    expect(t.commitments.softwareRevenue?.placeholder).toBe(true);
  });
});
