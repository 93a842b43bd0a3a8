import { describe, expect, it, vi } from 'vitest';
import { example, MINI_DIR, programAt, shipped } from '../../../test/support/programs';
import { skeleton } from '../src/draft/draft';
import type { SchemaNode } from '../src/schema';
import { FormStore } from '../src/store/form-store';
import { FormController } from '../src/validation/form-controller';
import { FormValidator } from '../src/validation/form-validator';
import { hiddenPointers } from '../src/validation/hidden';
import { countsPerStep, showStepCount, stepOfPath, stepsOf } from '../src/validation/steps';

const program = shipped();
const schema = program.schemaFor({ form: 'application', year: 2026 }) as SchemaNode;
const uischema = program.uiSchema('application');
const validator = new FormValidator(program, schema, uischema);

describe('validation in the portal uses core’s zh-CN messages', () => {
  it('a new application names each missing field by its title', () => {
    const errors = validator.full(skeleton(schema));
    expect(errors.get('/applicant/name')).toEqual(['「申报单位名称」为必填项']);
    expect(errors.get('/declaration/agreed')).toEqual([
      '「本单位承诺所填报内容和提交材料真实、准确、完整，如有虚假，愿承担相应责任」为必填项',
    ]);
  });

  it('the example application is valid', () => {
    expect(validator.full(example('application.json')).size).toBe(0);
  });

  it('a row validated alone gives the same message as the whole document', () => {
    const data = example<{ capability: { cases: Record<string, unknown>[] } }>('application.json');
    delete data.capability.cases[1]?.content;
    const unit = validator.unitOf('/capability/cases/1/content');
    expect(unit).toBe('/capability/cases/1');
    const row = validator.unit(data, unit);
    const full = validator.full(data);
    expect(row?.get('/capability/cases/1/content')).toEqual(full.get('/capability/cases/1/content'));
    expect(full.get('/capability/cases/1/content')?.[0]).toBe(
      '「人工智能应用项目成功案例」第2项「项目内容」为必填项',
    );
  });

  it('a year’s minimum reaches the field (第六条（七）)', () => {
    const data = example<{ commitments: Record<string, unknown> }>('application.json');
    data.commitments.softwareRevenue = 10;
    expect(validator.full(data).get('/commitments/softwareRevenue')?.[0]).toContain('不能小于1000');
  });
});

describe('第六条（四）: the hall section follows the UI-schema rule', () => {
  it('hides the built-hall fields when the hall is committed, and their errors with them', () => {
    const data = example<{ hall: Record<string, unknown> }>('application.json');
    data.hall.status = 'committed';
    data.hall.plannedDate = '2026-09-30';
    data.hall.completedDate = 'not a date';
    const hidden = hiddenPointers(uischema, data, program.validator.ajv);
    expect(hidden).toContain('/hall/completedDate');
    expect(hidden).not.toContain('/hall/plannedDate');
    expect(validator.full(data).has('/hall/completedDate')).toBe(false);
  });

  it('a committed hall needs its planned date', () => {
    const data = example<{ hall: Record<string, unknown> }>('application.json');
    data.hall.status = 'committed';
    expect(validator.full(data).get('/hall/plannedDate')).toEqual(['「承诺建成日期」为必填项']);
  });
});

describe('wizard steps', () => {
  const steps = stepsOf(uischema);
  it('one step per Category', () => {
    expect(steps.map((s) => s.label)).toHaveLength(8);
  });
  it('a case field belongs to the capability step, a missing section to its step', () => {
    expect(stepOfPath(steps, '/capability/cases/57/content')).toBe(3);
    expect(stepOfPath(steps, '/hall')).toBe(2);
  });
  it('counts errors per step', () => {
    const counts = countsPerStep(steps, validator.full(skeleton(schema)));
    expect(counts.every((n) => n > 0)).toBe(true);
  });
  it('counts appear once a step is left, or after a submit attempt', () => {
    expect(showStepCount(0, 0, false, false)).toBe(false);
    expect(showStepCount(0, 1, true, false)).toBe(true);
    expect(showStepCount(5, 0, false, true)).toBe(true);
  });
});

describe('FormController', () => {
  it('re-validates the edited row at once and blocks submission until valid', () => {
    const data = example<{ capability: { cases: Record<string, unknown>[] } }>('application.json');
    const store = new FormStore(data);
    const controller = new FormController(program, schema, uischema, store);
    const stop = controller.start();
    store.set('/capability/cases/0/client', undefined);
    expect(store.errorsAt('/capability/cases/0/client')).toHaveLength(1);
    expect(controller.trySubmit()).toBe(false);
    store.set('/capability/cases/0/client', '东莞市某电子有限公司');
    expect(store.errorsAt('/capability/cases/0/client')).toHaveLength(0);
    expect(controller.trySubmit()).toBe(true);
    stop();
  });
});

/** A running controller over the example application, with ajv's compilations counted by `which`. */
async function withController(
  run: (
    store: FormStore,
    controller: FormController,
    compiles: (which: (schema: object) => boolean) => number,
  ) => Promise<void>,
): Promise<void> {
  const data = example<{ capability: { cases: Record<string, unknown>[] } }>('application.json');
  const store = new FormStore(data);
  const controller = new FormController(program, schema, uischema, store);
  const stop = controller.start();
  const compile = vi.spyOn(program.validator.ajv, 'compile');
  try {
    await run(store, controller, (which) => compile.mock.calls.filter(([s]) => which(s as object)).length);
  } finally {
    compile.mockRestore();
    stop();
  }
}

/** After the next paint (setTimeout where there are no frames, as under vitest). */
const afterPaint = () => new Promise((r) => setTimeout(r, 0));

describe('FormController.prepare', () => {
  it('compiles a row validator when a field gets focus, so the keystrokes there compile nothing', () =>
    withController(async (store, controller, compiles) => {
      // Compilations of the case row's validator (rule conditions are compiled elsewhere, cached by ajv).
      const rowCompiles = () =>
        compiles((s) => {
          const props = (s as { properties?: object }).properties;
          return props !== undefined && 'client' in props;
        });
      controller.prepare('/capability/cases/1/content');
      expect(rowCompiles()).toBe(0); // not in the focus event itself
      await afterPaint();
      const afterFocus = rowCompiles();
      expect(afterFocus).toBe(1);
      // Another row of the same list shares the validator; typing there compiles nothing more.
      controller.prepare('/capability/cases/0/client');
      await afterPaint();
      store.set('/capability/cases/0/client', '东莞市某电子有限公司');
      store.set('/capability/cases/0/client', undefined);
      expect(rowCompiles()).toBe(afterFocus);
      expect(store.errorsAt('/capability/cases/0/client')).toHaveLength(1);
    }));
});

describe('FormController.prepareRows', () => {
  it('compiles a list validator when the pointer reaches its add-row button; the added row then compiles nothing', () =>
    withController(async (store, controller, compiles) => {
      const listCompiles = () => compiles((s) => (s as { type?: unknown }).type === 'array' && 'items' in s);
      controller.prepareRows('/capability/cases');
      const prepared = listCompiles();
      expect(prepared).toBe(1);
      controller.prepareRows('/capability/cases'); // a second visit is free
      expect(listCompiles()).toBe(prepared);
      const at = store.rowKeys('/capability/cases').length;
      store.insertRow('/capability/cases', at, {});
      expect(store.errorsAt(`/capability/cases/${at}/client`)).toHaveLength(0); // not in the click itself
      await afterPaint();
      expect(store.errorsAt(`/capability/cases/${at}/client`)).toHaveLength(1);
      expect(listCompiles()).toBe(prepared);
    }));

  it('marks a row added after the last one as appended, and only that', () => {
    const store = new FormStore({ rows: [{ a: 1 }, { a: 2 }] });
    const changes: unknown[] = [];
    store.onChange((c) => changes.push(c));
    store.insertRow('/rows', 2, { a: 3 });
    store.insertRow('/rows', 0, { a: 0 });
    store.removeRow('/rows', 0);
    expect(changes).toEqual([
      { pointer: '/rows', kind: 'rows', appended: true },
      { pointer: '/rows', kind: 'rows' },
      { pointer: '/rows', kind: 'rows' },
    ]);
  });
});

describe('a second programme works on the same code', () => {
  it('mini-grant validates with its own titles', () => {
    const mini = programAt(MINI_DIR);
    const s = mini.schemaFor({ form: 'apply', year: 2025 }) as SchemaNode;
    const v = new FormValidator(mini, s, mini.uiSchema('apply'));
    expect(v.full(skeleton(s)).get('/company/name')).toEqual(['「企业名称」为必填项']);
  });
});
