/**
 * Validation throughput: our `program.validate()` against a bare precompiled ajv validator
 * of the same year's schema, same formats, same data, same run, one core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
import { Ajv } from 'ajv';
import * as ajvFormatsModule from 'ajv-formats';
import { Bench } from 'tinybench';

type AddFormats = (ajv: Ajv, formats?: string[]) => Ajv;
const addFormats: AddFormats =
  (ajvFormatsModule as unknown as { default?: { default?: AddFormats } }).default?.default ??
  (ajvFormatsModule as unknown as { default: AddFormats }).default;

export interface ValidationBenchResult {
  oursPerSecond: number;
  barePerSecond: number;
  ratio: number;
  /** Bare ajv on the same schema with format checks off: shows where bare ajv's time goes. */
  floorPerSecond: number;
}

export async function benchValidation(root: string, cases = 100): Promise<ValidationBenchResult> {
  const program = loadProgram(readProgramDir(join(root, 'schemas', 'ai-innovation-center')));
  const app = JSON.parse(readFileSync(join(root, 'examples', 'application.json'), 'utf8'));
  const template = app.capability.cases[0];
  app.capability.cases = Array.from({ length: cases }, (_, i) => ({
    ...template,
    client: `${template.client}${i}`,
  }));

  const schema = program.schemaFor({ form: 'application', year: 2026 });
  const bare = new Ajv({ allErrors: true, strict: false });
  addFormats(bare, ['date-time', 'email', 'uri']);
  for (const [name, def] of Object.entries(program.validator.formats))
    bare.addFormat(name, { type: 'string', validate: def.validate });
  bare.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
  const { $id: _id, ...copy } = schema;
  const bareValidate = bare.compile(copy);
  const floor = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  floor.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
  const floorValidate = floor.compile(copy);

  if (!program.validate({ form: 'application', year: 2026 }, app).valid || !bareValidate(app))
    throw new Error('benchmark data must be valid');

  const bench = new Bench({ time: 2000, warmupTime: 300 });
  bench
    .add('ours: program.validate()', () => {
      program.validate({ form: 'application', year: 2026 }, app);
    })
    .add('bare precompiled ajv', () => {
      bareValidate(app);
    })
    .add('ajv floor, formats not checked', () => {
      floorValidate(app);
    });
  await bench.run();
  const [ours, bareTask, floorTask] = bench.tasks.map((t) => {
    const r = t.result as { throughput?: { mean: number }; hz?: number } | undefined;
    return r?.throughput?.mean ?? r?.hz ?? 0;
  }) as [number, number, number];
  return { oursPerSecond: ours, barePerSecond: bareTask, ratio: ours / bareTask, floorPerSecond: floorTask };
}
