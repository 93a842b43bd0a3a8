/** Data schemas of the bureau and assessment documents, and their examples. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { banFor, isUscc } from '@shenbao/core';
import { describe, expect, it } from 'vitest';
import { exampleData, program, ROOT } from './helpers/render';

const DOCUMENT_SCHEMAS = [
  'publicity-notice',
  'recognition-notice',
  'self-assessment-report',
  'failure-notice',
  'revocation-announcement',
];

type Node = Record<string, unknown>;
const schemaOf = (id: string) =>
  JSON.parse(
    readFileSync(join(ROOT, 'schemas', 'ai-innovation-center', 'documents', `${id}.schema.json`), 'utf8'),
  ) as Node;

/** Every schema node with its JSON pointer. */
function* nodes(node: Node, path = ''): Generator<[string, Node]> {
  yield [path, node];
  for (const [key, child] of Object.entries((node.properties as Record<string, Node>) ?? {}))
    yield* nodes(child, `${path}/properties/${key}`);
  if (node.items) yield* nodes(node.items as Node, `${path}/items`);
}

const validate = (id: string, data: unknown) =>
  program().validate({ file: `documents/${id}.schema.json` }, data);

describe.each(DOCUMENT_SCHEMAS)('documents/%s.schema.json', (id) => {
  const schema = schemaOf(id);

  it('is the data schema program.json names for the document', () => {
    const entry = (program().manifest.documents ?? []).find((d) => d.id === id);
    expect(entry?.dataSchema).toBe(`documents/${id}.schema.json`);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('every property has a Chinese title, and limits: maxLength, maxItems, no extra properties', () => {
    for (const [path, node] of nodes(schema)) {
      expect(node.title, path).toMatch(/[\u4e00-\u9fff]/);
      if (node.type === 'string') expect(node.maxLength, path).toBeTypeOf('number');
      if (node.type === 'array') expect(node.maxItems, path).toBeTypeOf('number');
      if (node.type === 'object') {
        expect(node.additionalProperties, path).toBe(false);
        for (const r of node.required as string[]) {
          const p = (node.properties as Record<string, Node>)[r];
          expect(p, `${path}: required ${r}`).toBeDefined();
          if (p?.type === 'string') expect(p.minLength, `${path}/${r}`).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  it('dates, credit codes, phones and towns use the registered formats', () => {
    for (const [path, node] of nodes(schema)) {
      if (/Date$|\/date$|banUntil$/.test(path)) expect(node.format, path).toBe('date');
      if (/creditCode$/.test(path)) expect(node.format, path).toBe('uscc');
      if (/phone$/.test(path)) expect(node.format, path).toBe('phone');
      if (/town$/.test(path)) expect(node.format, path).toBe('dongguan-town');
    }
  });

  it('its example is valid', () => {
    const result = validate(id, exampleData(id));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe('examples', () => {
  it('公示 lists 12 centres with valid credit codes (mod-31 check) in Dongguan towns', () => {
    const centers = exampleData('publicity-notice').centers as Record<string, string>[];
    expect(centers.length).toBe(12);
    for (const c of centers) {
      expect(isUscc(c.creditCode!), c.creditCode).toBe(true);
      expect(c.creditCode!.slice(2, 6)).toBe('4419');
    }
    expect(new Set(centers.map((c) => c.creditCode)).size).toBe(12);
  });

  it('撤销公告 covers three grounds, with an end date exactly for the two-year bans (第十五条)', () => {
    const centers = exampleData('revocation-announcement').centers as Record<string, unknown>[];
    expect(new Set(centers.map((c) => c.groundId)).size).toBe(3);
    for (const c of centers) {
      const twoYears = c.groundId === 1 || c.groundId === 2;
      expect(c.banUntil !== undefined, String(c.groundId)).toBe(twoYears);
    }
  });

  it('撤销公告 ban wording and end date are what core computes from the decision date (第十五条)', () => {
    const data = exampleData('revocation-announcement');
    for (const c of data.centers as Record<string, unknown>[]) {
      const ban = banFor(program().manifest, c.groundId as number, data.date as string);
      expect(c.banText).toBe(ban?.text);
      expect(c.banUntil).toBe(ban?.until);
      expect(c.groundText).toBe(ban?.ground.text);
      expect(c.groundArticle).toBe(`第十四条第${ban?.ground.item}项`);
    }
  });

  it('公示 end date is the 7th calendar day counting the first (第九条（五）)', () => {
    const { startDate, endDate } = exampleData('publicity-notice').publicity as Record<string, string>;
    const days = (Date.parse(endDate!) - Date.parse(startDate!)) / 86_400_000 + 1;
    expect(days).toBe(program().manifest.procedure?.publicity?.length ?? 7);
  });
});

describe('invalid data is refused with Chinese messages naming the field', () => {
  it('a bad credit code, a town outside Dongguan, a missing end date', () => {
    const data = structuredClone(exampleData('publicity-notice')) as {
      centers: Record<string, string>[];
      publicity: Record<string, string>;
    };
    data.centers[0]!.creditCode = '91441900MAAY4CL12X';
    data.centers[1]!.town = '440300001';
    delete data.publicity.endDate;
    const result = validate('publicity-notice', data);
    expect(result.valid).toBe(false);
    const paths = result.errors.map((e) => e.path);
    expect(paths).toContain('/centers/0/creditCode');
    expect(paths).toContain('/centers/1/town');
    for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a 100,001-character supplement and an unknown property', () => {
    const data = { ...exampleData('revocation-announcement'), supplement: 'x'.repeat(100_001), extra: 1 };
    const result = validate('revocation-announcement', data);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'maxLength']);
  });

  it('a ground outside 1–6 and a malformed article reference', () => {
    const data = structuredClone(exampleData('revocation-announcement')) as {
      centers: Record<string, unknown>[];
    };
    data.centers[0]!.groundId = 7;
    data.centers[0]!.groundArticle = '第14条第3项';
    const result = validate('revocation-announcement', data);
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      '/centers/0/groundArticle',
      '/centers/0/groundId',
    ]);
  });
});
