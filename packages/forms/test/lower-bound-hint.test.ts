import { describe, expect, it } from 'vitest';
import { readJson, shipped } from '../../../test/support/programs';
import { lowerBoundHint, type SchemaNode, schemaAt, titleOf } from '../src/schema';
import { FormValidator } from '../src/validation/form-validator';

const program = shipped();
const hintAt = (schema: SchemaNode, pointer: string): string | undefined => {
  const node = schemaAt(schema, pointer) as SchemaNode;
  return lowerBoundHint(schema, node, titleOf(node));
};

describe('第七条: the year’s minimum is the field’s hint, in the words of its error', () => {
  const y2026 = program.schemaFor({ form: 'application', year: 2026 }) as SchemaNode;

  it('a number with a unit in its title, and a list of rows', () => {
    expect(hintAt(y2026, '/commitments/softwareRevenue')).toBe('不能小于1000万元');
    expect(hintAt(y2026, '/commitments/localManufacturersServed')).toBe('不能小于20家');
    expect(hintAt(y2026, '/capability/cases')).toBe('至少需要3项');
    expect(hintAt(y2026, '/ecosystem/supportUnits')).toBe('至少需要1项');
  });

  it('no hint where the bound says nothing (0) or there is none', () => {
    expect(hintAt(program.formSchema('application') as SchemaNode, '/commitments/softwareRevenue')).toBe(
      undefined,
    );
    expect(hintAt(y2026, '/applicant/name')).toBe(undefined);
  });

  it('the error a smaller value raises says the same', () => {
    const v = new FormValidator(program, y2026, program.uiSchema('application'));
    const errors = v.full({ commitments: { softwareRevenue: 10 } });
    expect(errors.get('/commitments/softwareRevenue')?.[0]).toContain('不能小于1000');
  });

  it('a later year’s raised minimum becomes the hint', () => {
    const targets = readJson('examples/targets-2027.json');
    const y2027 = program.schemaFor({ form: 'application', targets }) as SchemaNode;
    expect(hintAt(y2027, '/commitments/softwareRevenue')).toBe('不能小于1200万元');
    expect(hintAt(y2027, '/capability/cases')).toBe('至少需要4项');
  });
});
