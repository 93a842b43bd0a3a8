/**
 * The bureau's console at scale, seeded straight into the store (no API, no password hashing):
 * `count` organisations each with one application of the programme's year, spread over the
 * procedure's non-editable states and the programme's 镇街 (its reference data), with the
 * example application's data under each organisation's own name. Used by bench/console.bench.ts
 * (and by hand, to look at query plans).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { readProgramDir } from '@shenbao/core/node';
// The store is not a dependency of the repository root: imported by path, as the server bench imports its helpers.
import type { Database } from '../packages/store/src/index';

export const BENCH_PROGRAM = 'ai-innovation-center';

const WORDS = ['智能', '数据', '云', '视觉', '机器人', '算力', '工业', '软件', '信息', '创新'];
const KINDS = ['科技', '技术', '网络', '信息科技', '智能制造'];

export interface Seeded {
  /** The states applications were put in (round robin), in procedure order. */
  states: string[];
  /** The towns (codes) used, round robin. */
  towns: string[];
  year: number;
}

/** The organisation name of the i-th seeded application (the text filter finds some of them). */
export function seededName(i: number): string {
  return `东莞市${WORDS[i % WORDS.length]}${KINDS[Math.floor(i / WORDS.length) % KINDS.length]}${i}有限公司`;
}

export async function seedApplications(
  db: Database,
  root: string,
  count: number,
  o: { year?: number; batch?: number } = {},
): Promise<Seeded> {
  const program = loadProgram(readProgramDir(join(root, 'schemas', BENCH_PROGRAM)));
  const m = program.manifest;
  const states = m.procedure.states.filter((s) => !s.editable).map((s) => s.id);
  const townFormat = Object.entries(m.formats ?? {}).find(([, f]) => f?.reference === 'towns')?.[1];
  const towns = program
    .reference(townFormat?.reference ?? 'towns')
    .map((t) => String(t[townFormat?.key ?? 'code']));
  const example = JSON.parse(readFileSync(join(root, 'examples', 'application.json'), 'utf8'));
  const year = o.year ?? 2026;
  const prefix = m.submission?.receiptPrefix ?? 'APP';
  const batch = o.batch ?? 1000;
  const base = Date.parse(`${year}-03-12T09:00:00+08:00`);
  for (let from = 0; from < count; from += batch) {
    const n = Math.min(batch, count - from);
    const cols = {
      id: [] as string[],
      uscc: [] as string[],
      name: [] as string[],
      state: [] as string[],
      town: [] as string[],
      receipt: [] as string[],
      submitted: [] as string[],
      updated: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      const i = from + k;
      cols.id.push(`bench-${year}-${String(i).padStart(6, '0')}`);
      cols.uscc.push(`91441900${String(i).padStart(9, '0')}X`);
      cols.name.push(seededName(i));
      cols.state.push(states[i % states.length] as string);
      cols.town.push(towns[(i * 7) % towns.length] as string);
      cols.receipt.push(`${prefix}-${year}-${String(i + 1).padStart(5, '0')}`);
      cols.submitted.push(new Date(base + i * 37_000).toISOString());
      // Changes after submission in another order than the receipt numbers.
      cols.updated.push(new Date(base + ((i * 7919) % count) * 61_000 + 86_400_000).toISOString());
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO organizations (id, uscc, name, contact, mobile)
         SELECT 'org-' || id, uscc, name, '联系人', '13800000000'
           FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, uscc, name)`,
        [cols.id, cols.uscc, cols.name],
      );
      await tx.query(
        `INSERT INTO applications (id, program_id, form, year, org_id, state, data, receipt_no, submitted_at,
           title, town, created_at, updated_at)
         SELECT t.id, $9, $10, $11, 'org-' || t.id, t.state,
                jsonb_set(jsonb_set($12::jsonb, '{applicant,name}', to_jsonb(t.name)),
                          '{applicant,registeredTown}', to_jsonb(t.town)),
                t.receipt, t.submitted::timestamptz, t.name, t.town, t.submitted::timestamptz, t.updated::timestamptz
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
             AS t(id, uscc, name, state, town, receipt, submitted, updated)`,
        [
          cols.id,
          cols.uscc,
          cols.name,
          cols.state,
          cols.town,
          cols.receipt,
          cols.submitted,
          cols.updated,
          BENCH_PROGRAM,
          m.submission?.form ?? 'application',
          year,
          JSON.stringify(example),
        ],
      );
    });
  }
  await db.query('ANALYZE applications');
  await db.query('ANALYZE organizations');
  return { states, towns, year };
}
