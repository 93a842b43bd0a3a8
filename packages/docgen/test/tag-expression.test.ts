import { describe, expect, it } from 'vitest';
import { lookupPath, parseTagExpression, TagSyntaxError } from '../src/tag-expression.js';

describe('tag expressions', () => {
  it('paths, $index, the current scope and filter pipes with quoted arguments', () => {
    expect(parseTagExpression('applicant.name')).toMatchObject({ path: ['applicant', 'name'], filters: [] });
    expect(parseTagExpression('$index | cnOrdinal')).toMatchObject({
      index: true,
      filters: [{ name: 'cnOrdinal', args: [] }],
    });
    expect(parseTagExpression('.')).toMatchObject({ path: [] });
    expect(parseTagExpression(' hall.status | eq:"committed" ').filters).toEqual([
      { name: 'eq', args: ['committed'] },
    ]);
    expect(parseTagExpression('x | default:\'无\' | join:"、"').filters).toEqual([
      { name: 'default', args: ['无'] },
      { name: 'join', args: ['、'] },
    ]);
    expect(parseTagExpression('x | ref:"towns":"kind"').filters[0]!.args).toEqual(['towns', 'kind']);
    expect(parseTagExpression('x | default:"a|b"').filters[0]!.args).toEqual(['a|b']);
  });

  it('accepts the curly quotes Word types', () => {
    expect(parseTagExpression('x | eq:“committed”').filters[0]!.args).toEqual(['committed']);
  });

  it('rejects anything that is not a path or a filter call', () => {
    for (const bad of [
      'a + b',
      'a()',
      "constructor.constructor('x')()",
      'a[0]',
      'x | eq:"open',
      'x | 1bad',
      '$parent.x.$index',
    ]) {
      expect(() => parseTagExpression(bad)).toThrow(TagSyntaxError);
    }
  });

  it('looks up own properties only; prototype names resolve to nothing', () => {
    const data = JSON.parse('{"a": {"b": 1, "__proto__": {"x": 2}}}');
    expect(lookupPath(data, ['a', 'b'])).toBe(1);
    expect(lookupPath(data, ['a', '__proto__'])).toBeUndefined();
    expect(lookupPath({}, ['constructor'])).toBeUndefined();
    expect(lookupPath({}, ['toString'])).toBeUndefined();
    expect(lookupPath([1, 2], ['length'])).toBe(2);
  });
});
