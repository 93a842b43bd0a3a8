import type { Program } from '@shenbao/core';
import { describe, expect, it } from 'vitest';
import { readJson, shipped } from '../../../test/support/programs';
import { targetChanges, type YearSide } from '../src/schema-diff';

type Targets = {
  minSuccessCases: { minimum: number };
  commitments: { softwareRevenue: { minimum: number } };
};

const side = (p: Program, targets: unknown): YearSide => ({
  schema: p.schemaFor({ form: 'application', targets }),
  targets,
});

/** The 2026 targets with two minimums raised, as staff would for a new year. */
function raisedTwo(): { before: Targets; after: Targets } {
  const before = readJson<Targets>('schemas/ai-innovation-center/targets/2026.json');
  const after = structuredClone(before);
  after.commitments.softwareRevenue.minimum = 1500;
  after.minSuccessCases.minimum = 4;
  return { before, after };
}

describe('第七条: the staff comparison of two years lists every changed number', () => {
  it('two raised minimums are two changes, each with its before and after', () => {
    const p = shipped();
    const { before, after } = raisedTwo();
    const changed = targetChanges(p, 'application', side(p, before), side(p, after)).filter((c) => c.changed);
    expect(changed.map((c) => [c.field, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ['运营单位全年软件和信息技术服务业收入（万元）', '1000', '1500'],
        ['人工智能应用项目成功案例', '3', '4'],
      ]),
    );
    expect(changed).toHaveLength(2);
  });

  it('a minimum only a rule reads (no overlay carries it into the form) is listed too', () => {
    const p = shipped();
    const overlays = (p.manifest.targets.overlays ?? []).filter((o) => o.from !== '/minSuccessCases/minimum');
    // The same programme with the success-case minimum checked by its eligibility rule only.
    const ruleOnly = Object.create(p, {
      manifest: { value: { ...p.manifest, targets: { ...p.manifest.targets, overlays } } },
    }) as Program;
    const { before, after } = raisedTwo();
    const changed = targetChanges(
      ruleOnly,
      'application',
      side(ruleOnly, before),
      side(ruleOnly, after),
    ).filter((c) => c.changed);
    expect(changed.map((c) => [c.field, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ['运营单位全年软件和信息技术服务业收入（万元）', '1000', '1500'],
        ['服务制造业的成功案例最少数量', '3', '4'],
      ]),
    );
  });
});
