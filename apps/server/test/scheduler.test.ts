/**
 * Deadlines are acted on once: 公示 deadlines that passed while no server ran are fired by the
 * first start — once, even when two server processes start on one PostgreSQL at the same time
 * and run the scheduler concurrently (row locks, SKIP LOCKED) — and a second run finds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addDeadline,
  createApplication,
  createOrganization,
  type Database,
  listDeadlines,
  listTransitions,
  openDatabase,
  setApplicationState,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../test/support/postgres';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { loadPrograms } from '../src/program-registry';
import { runDueDeadlines } from '../src/scheduler';
import { startServer } from '../src/server';
import { PROGRAM } from './support/app';
import { freshUscc } from './support/http';

const N = 30;

/** N applications in 公示 whose deadline passed a day ago. */
async function dueApplications(db: Database, n: number): Promise<string[]> {
  const org = await createOrganization(db, {
    uscc: freshUscc(),
    name: '到期测试有限公司',
    contact: '联系人',
    mobile: '13800000000',
  });
  if (!org.ok) throw new Error('createOrganization');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const made = await createApplication(db, {
      programId: PROGRAM,
      form: 'application',
      year: 4000 + i,
      orgId: org.value.id,
      data: {},
      title: `到期测试${i}`,
      town: null,
      userId: null,
    });
    if (!made.ok) throw new Error('createApplication');
    const set = await setApplicationState(db, {
      id: made.value.id,
      version: made.value.version,
      state: 'publicity',
      userId: null,
    });
    if (!set?.ok) throw new Error('setApplicationState');
    await addDeadline(db, {
      applicationId: made.value.id,
      state: 'publicity',
      transition: 'publicity-ends',
      due: new Date(Date.now() - 86_400_000).toISOString(),
      note: '公示期',
    });
    ids.push(made.value.id);
  }
  return ids;
}

async function firedOnce(db: Database, ids: string[]): Promise<void> {
  for (const id of ids) {
    const t = (await listTransitions(db, id)).filter((x) => x.transition === 'publicity-ends');
    expect(t, id).toHaveLength(1);
    expect((await listDeadlines(db, id)).map((d) => d.outcome)).toEqual(['fired']);
  }
}

describe('scheduler on one PostgreSQL with two server processes', () => {
  let pg: Awaited<ReturnType<typeof startPostgres>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'shenbao-scheduler-'));
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two apps run the due deadlines concurrently: each fired once; again: nothing', async () => {
    const config = loadConfig({ SHENBAO_DATA_DIR: dataDir });
    const programs = loadPrograms(config.programDirs);
    const dbs = [
      await openDatabase({ databaseUrl: pg.url, poolSize: 4 }),
      await openDatabase({ databaseUrl: pg.url, poolSize: 4 }),
    ];
    const apps: FastifyInstance[] = [];
    try {
      for (const db of dbs) apps.push(await buildApp({ config, db, programs }));
      const ids = await dueApplications(dbs[0] as Database, N);
      const runs = await Promise.all(apps.map((a) => runDueDeadlines(a)));
      expect(runs.reduce((n, r) => n + r.fired, 0)).toBe(N);
      expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0);
      await firedOnce(dbs[0] as Database, ids);
      const again = await Promise.all(apps.map((a) => runDueDeadlines(a)));
      expect(again.map((r) => r.fired)).toEqual([0, 0]);
    } finally {
      for (const a of apps) await a.close();
      for (const db of dbs) await db.close();
    }
  }, 180_000);

  it('deadlines that passed while stopped are acted on at start, once, by two servers starting together', async () => {
    const db = await openDatabase({ databaseUrl: pg.url, poolSize: 2 });
    let ids: string[];
    try {
      ids = await dueApplications(db, N);
    } finally {
      await db.close();
    }
    const env = {
      SHENBAO_DATA_DIR: dataDir,
      DATABASE_URL: pg.url,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SHENBAO_SCHEDULER_MS: '3600000',
    };
    const servers = await Promise.all([startServer(loadConfig(env)), startServer(loadConfig(env))]);
    try {
      const check = servers[0]?.db as Database;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const open = (
          await check.query<{ n: string }>(
            'SELECT count(*) AS n FROM deadlines WHERE done_at IS NULL AND application_id = ANY($1::text[])',
            [ids],
          )
        )[0];
        if (Number(open?.n) === 0) break;
        if (Date.now() > deadline) throw new Error('deadlines not acted on at start');
        await new Promise((r) => setTimeout(r, 100));
      }
      await firedOnce(check, ids);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 180_000);
});
