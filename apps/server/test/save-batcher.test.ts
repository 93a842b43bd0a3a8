/**
 * Autosaves that arrive together share one statement: each is still judged on its own (its
 * version, organisation, state), each gets its audit entry exactly when it is saved, the same
 * draft twice in one batch saves once, and a save the database refuses fails alone — on PGlite
 * and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApplication,
  createOrganization,
  type Database,
  type DraftSave,
  getApplication,
  listAudit,
  openDatabase,
} from '@shenbao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPostgres, startPostgres } from '../../../test/support/postgres';
import { SaveBatcher } from '../src/save-batcher';
import { freshUscc } from './support/http';

interface Backend {
  db: Database;
  close(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'PGlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shenbao-batch-'));
      const db = await openDatabase({ dataDir: join(dir, 'pglite'), checkpointEveryMs: 0 });
      return {
        db,
        close: async () => {
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const pg: RunningPostgres = await startPostgres({ database: 'shenbao_batch' });
      const db = await openDatabase({ databaseUrl: pg.url });
      return {
        db,
        close: async () => {
          await db.close();
          await pg.stop();
        },
      };
    },
  ],
];

describe.each(backends)('save batcher on %s', (_name, open) => {
  let b: Backend;
  beforeAll(async () => {
    b = await open();
  }, 120_000);
  afterAll(() => b?.close());

  async function drafts(n: number): Promise<{ orgId: string; ids: string[] }> {
    const org = await createOrganization(b.db, {
      uscc: freshUscc(),
      name: '批量测试',
      contact: '张三',
      mobile: '13800000000',
    });
    if (!org.ok) throw new Error('org');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = await createApplication(b.db, {
        programId: `p${i}`,
        form: 'application',
        year: 2026,
        orgId: org.value.id,
        data: {},
        title: '',
        town: null,
        userId: null,
      });
      if (!a.ok) throw new Error('app');
      ids.push(a.value.id);
    }
    return { orgId: org.value.id, ids };
  }

  const save = (id: string, orgId: string, n: number, extra: Partial<DraftSave> = {}): DraftSave => ({
    id,
    version: 1,
    data: { n },
    title: `第${n}份`,
    town: null,
    userId: null,
    orgId,
    states: ['draft', 'withdrawn'],
    audit: {
      actorId: null,
      actorRole: 'applicant',
      ip: '127.0.0.1',
      action: 'save',
      patch: [{ op: 'add', path: '/n', value: n }],
    },
    ...extra,
  });

  it('saves that arrive together are each judged on their own, with their audit entries', async () => {
    const { orgId, ids } = await drafts(8);
    const batcher = new SaveBatcher(b.db, { concurrency: 1, maxBatch: 64 });
    const [a, c, d, e, f, g, h, k] = ids as [string, string, string, string, string, string, string, string];
    const results = await Promise.all([
      batcher.save(save(a, orgId, 1)),
      batcher.save(save(c, orgId, 2)),
      batcher.save(save(d, orgId, 3, { version: 7 })), // stale
      batcher.save(save(e, orgId, 4, { orgId: 'another-org' })), // not its own
      batcher.save(save(f, orgId, 5, { states: ['submitted'] })), // not in those states
      batcher.save(save(g, orgId, 6)),
      batcher.save(save(g, orgId, 7)), // the same draft twice on one version: one wins
      batcher.save(save(h, orgId, 8)),
      batcher.save(save('no-such-id', orgId, 9)),
      batcher.save(save(k, orgId, 10)),
    ]);
    const saved = results.map((r) => r?.version);
    expect([saved[0], saved[1], saved[2], saved[3], saved[4]]).toEqual([
      2,
      2,
      undefined,
      undefined,
      undefined,
    ]);
    expect([saved[5], saved[6]].filter((v) => v === 2)).toHaveLength(1);
    expect([saved[7], saved[8], saved[9]]).toEqual([2, undefined, 2]);
    for (const [id, n, entries] of [
      [a, 1, 1],
      [d, 3, 0],
      [e, 4, 0],
      [f, 5, 0],
      [g, undefined, 1],
      [k, 10, 1],
    ] as const) {
      const log = await listAudit(b.db, 'application', id);
      expect(log.length, id).toBe(entries);
      const row = await getApplication(b.db, id);
      if (entries === 0) expect(row?.version).toBe(1);
      else if (n !== undefined) expect(row?.data).toEqual({ n });
    }
  });

  it('a save the database refuses fails alone; the others in its batch are saved', async () => {
    const { orgId, ids } = await drafts(3);
    const batcher = new SaveBatcher(b.db, { concurrency: 1, maxBatch: 64 });
    expect((await batcher.save(save(ids[0] as string, orgId, 1)))?.version).toBe(2);
    // Three saves that arrive together go as one batch.
    const rest = [
      batcher.save(save(ids[1] as string, orgId, 2)),
      // PostgreSQL's jsonb refuses the NUL character.
      batcher.save(save(ids[2] as string, orgId, 3, { data: { text: 'a\u0000b' } })),
      batcher.save(save(ids[0] as string, orgId, 4, { version: 2 })),
    ];
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await getApplication(b.db, ids[1] as string))?.version).toBe(2);
    expect((await getApplication(b.db, ids[0] as string))?.data).toEqual({ n: 4 });
    expect((await getApplication(b.db, ids[2] as string))?.version).toBe(1);
  });
});
