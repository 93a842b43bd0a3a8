/**
 * A programme of another shape served with no code change (test/fixtures/programs design-centre):
 * without yearly assessment, every assessment route answers 404 in Chinese and the lists that
 * mention assessment still work; a ban counted in months is recorded with its end.
 */

import { join } from 'node:path';
import { getApplication } from '@shenbao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_DIR } from '../../../test/support/programs';
import { recogniseInStore } from '../../../test/support/recognise';
import { REPO_ROOT } from '../src/config';
import { BACKENDS, type Client, PROGRAM, startTestServer, type TestServer } from './support/app';

const DESIGN = 'design-centre';
const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

describe('a programme without yearly assessment (PGlite)', () => {
  let s: TestServer;
  let staff: Client;

  beforeAll(async () => {
    s = await startTestServer(BACKENDS[0] as (typeof BACKENDS)[number], {
      env: { SHENBAO_PROGRAMS: `${join(REPO_ROOT, 'schemas', PROGRAM)},${DESIGN_DIR}` },
    });
    staff = (await s.account('staff', [DESIGN])).client;
    s.clock.at = at('2026-11-15');
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  async function recognised(): Promise<{ id: string; uscc: string; client: Client }> {
    const a = await s.applicant();
    const made = await a.client.post('/api/applications', { programId: DESIGN, year: 2026 });
    expect(made.status, made.text).toBe(201);
    const record = await getApplication(s.db, made.json.id);
    if (!record) throw new Error('application not created');
    await recogniseInStore(s.db, record, { brand: '示例设计中心', operator: a.orgName, date: '2026-10-12' });
    return { id: record.id, uscc: a.uscc, client: a.client };
  }

  it('goals, self-assessment, assessment and missed assessments answer 404 本项目不设年度考核', async () => {
    const c = await recognised();
    const replies = [
      await staff.put(`/api/centres/${c.id}/years/2026/goals`, { goals: {} }),
      await c.client.put(`/api/centres/${c.id}/years/2026/self-assessment`, { data: {} }),
      await staff.post(`/api/centres/${c.id}/years/2026/assessment`, {}),
      await staff.post('/api/centres/missed-assessments', { programId: DESIGN, year: 2026 }),
    ];
    for (const r of replies) {
      expect(r.status, r.text).toBe(404);
      expect(r.json).toMatchObject({ code: 'NO_ASSESSMENT', message: '本项目不设年度考核' });
    }
  });

  it('the due list and the centres workbook work without indicators', async () => {
    const due = await staff.get(`/api/due?programId=${DESIGN}&year=2026`);
    expect(due.status, due.text).toBe(200);
    expect(due.json.items.filter((i: { kind: string }) => i.kind === 'self-assessment')).toEqual([]);
    const xlsx = await staff.get(`/api/exports/centres.xlsx?programId=${DESIGN}&year=2026`);
    expect(xlsx.status, xlsx.text.slice(0, 200)).toBe(200);
  });

  it('第十三条: a ban of six months is recorded with its last day', async () => {
    const c = await recognised();
    const r = await staff.post(`/api/programs/${DESIGN}/bans`, {
      uscc: c.uscc,
      ground: 1,
      decidedOn: '2026-05-10',
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ kind: 'months', until: '2026-11-09' });
  });
});
