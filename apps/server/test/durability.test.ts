/**
 * Durability, as an operator meets it: the server is a separate process; eight applicants save
 * their drafts in a loop, each remembering every save that got a 2xx; after N acknowledged saves
 * (a count, not a time) the process is killed with SIGKILL; restarted on the same data, every
 * acknowledged save is there — on PGlite and on PostgreSQL. On PGlite also: a second server on
 * a folder in use refuses to start (Chinese message, non-zero exit) while the first keeps
 * serving, and the lock left by a killed server does not stop the next start.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../test/support/postgres';
import { type Applicant, forwardedFor, type HttpResponse, registerApplicant, send } from './support/http';
import { mapLimit } from './support/load';
import {
  REPO_ROOT,
  runServerExpectingExit,
  type ServerEnv,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './support/server-process';

const CLIENTS = 8;
/** Acknowledged saves (all clients together) after which the server is killed. */
const KILL_AFTER = 160;
const PROGRAM = 'ai-innovation-center';
const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'application.json'), 'utf8')) as Record<
  string,
  unknown
>;

interface Saver {
  applicant: Applicant;
  id: string;
  /** The version the last acknowledged save returned. */
  acked: number;
  /** What was sent for each version a save would create (resulting version → data). */
  sent: Map<number, unknown>;
}

function draft(client: number, n: number): Record<string, unknown> {
  const center = example.center as Record<string, unknown>;
  return { ...example, center: { ...center, name: `第${client}号中心，第${n}次保存` } };
}

async function prepare(url: string, base: number): Promise<Saver[]> {
  return mapLimit(Array.from({ length: CLIENTS }), 4, async (_x, i) => {
    const applicant = await registerApplicant(url, { headers: forwardedFor(base + i) });
    const made = await applicant.client.request('POST', '/api/applications', {
      json: { programId: PROGRAM, year: 2026 },
    });
    expect(made.status, made.text).toBe(201);
    const rec = made.json as { id: string; version: number };
    return {
      applicant,
      id: rec.id,
      acked: rec.version,
      sent: new Map([[rec.version, (made.json as { data: unknown }).data]]),
    };
  });
}

/**
 * Every client saves in a loop; the server is killed right after the KILL_AFTER-th
 * acknowledgement. Resolves when all clients have stopped (their next request fails), with the
 * exit and the number of acknowledged saves (answers that raced the kill included).
 */
async function saveUntilKilled(
  server: ServerProcess,
  savers: Saver[],
): Promise<{ exit: number | string; acks: number }> {
  let acks = 0;
  let killed: Promise<number | string> | undefined;
  await Promise.all(
    savers.map(async (s, i) => {
      for (let n = 1; !killed; n++) {
        const data = draft(i, n);
        s.sent.set(s.acked + 1, data);
        let res: HttpResponse;
        try {
          res = await s.applicant.client.request('PUT', `/api/applications/${s.id}`, {
            json: { data, version: s.acked },
          });
        } catch {
          return; // the connection died with the server
        }
        if (res.status === 200) {
          s.acked = (res.json as { version: number }).version;
          if (++acks === KILL_AFTER) killed = server.kill('SIGKILL');
        } else if (!killed) expect.fail(`a save before the kill: ${res.status} ${res.text}`);
      }
    }),
  );
  return { exit: (await killed) as number | string, acks };
}

async function expectAllThere(url: string, savers: Saver[]): Promise<void> {
  for (const s of savers) {
    // The session cookie from before the kill: sessions live in the database too.
    const res = await s.applicant.client.request('GET', `/api/applications/${s.id}`);
    expect(res.status, res.text).toBe(200);
    const rec = res.json as { version: number; data: unknown };
    expect(rec.version, 'stored version ≥ last acknowledged').toBeGreaterThanOrEqual(s.acked);
    // At most the one save in flight at the kill may have landed without its answer.
    expect(rec.version).toBeLessThanOrEqual(s.acked + 1);
    expect(rec.data).toEqual(s.sent.get(rec.version));
    // The restarted server takes saves again, on the same cookie and token.
    const again = await s.applicant.client.request('PUT', `/api/applications/${s.id}`, {
      json: { data: draft(99, 1), version: rec.version },
    });
    expect(again.status, `saving after the restart at ${url}`).toBe(200);
  }
}

function durabilitySuite(
  name: string,
  setup: () => Promise<{ env: ServerEnv; teardown: () => Promise<void> }>,
) {
  describe(name, () => {
    let env: ServerEnv;
    let teardown: (() => Promise<void>) | undefined;
    const started: ServerProcess[] = [];
    const start = async (port?: number) => {
      const s = await startServerProcess(env, { port });
      started.push(s);
      return s;
    };

    beforeAll(async () => {
      ({ env, teardown } = await setup());
    }, 120_000);

    afterAll(async () => {
      for (const s of started) await stopServerProcess(s);
      await teardown?.();
    });

    it(`every acknowledged save survives a SIGKILL after ${KILL_AFTER} acknowledgements`, async () => {
      const first = await start();
      const savers = await prepare(first.url, 1);
      const { exit, acks } = await saveUntilKilled(first, savers);
      expect(exit).toBe('SIGKILL');
      expect(acks).toBeGreaterThanOrEqual(KILL_AFTER);
      // Same data, same port: the browsers' cookies and addresses stay as they were.
      const second = await start(first.port);
      try {
        await expectAllThere(second.url, savers);
      } finally {
        for (const s of savers) s.applicant.client.close();
      }
    }, 240_000);

    if (name === 'PGlite')
      it('a second server on the folder in use refuses to start; after a SIGKILL the stale lock does not stop the next', async () => {
        const first = started.find((s) => s.alive()) ?? (await start());
        const refused = await runServerExpectingExit(env);
        expect(refused.code).not.toBe(0);
        expect(refused.output).toContain('同一数据目录只能由一个服务进程打开');
        expect(refused.output).toContain(String(first.pid));
        expect((await send(first.url, { method: 'GET', path: '/healthz' })).status).toBe(200);

        expect(await first.kill('SIGKILL')).toBe('SIGKILL');
        const next = await start();
        expect((await send(next.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
      }, 180_000);
  });
}

durabilitySuite('PGlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-durability-'));
  return {
    env: { dataDir: dir, extra: { TRUST_PROXY: '127.0.0.1' } },
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

durabilitySuite('PostgreSQL', async () => {
  const pg = await startPostgres({ database: 'shenbao_durability' });
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-durability-pg-'));
  return {
    env: { databaseUrl: pg.url, dataDir: dir, extra: { TRUST_PROXY: '127.0.0.1' } },
    teardown: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
