/**
 * A real PostgreSQL for tests: initdb into a temporary folder, a server on a free 127.0.0.1
 * port (socket in the same folder), one database; `stop()` shuts it down and removes the folder.
 * As root, Postgres refuses to run, so the programs run as the `postgres` system user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RunningPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  '找不到 PostgreSQL（initdb、pg_ctl）。存储与服务端测试需要它：请运行 scripts/system-deps.sh，或 sudo apt-get install -y postgresql / PostgreSQL not found: install the Debian package postgresql';

/** The folder holding initdb, pg_ctl and postgres: Debian's newest version, else PATH. */
export function findPostgresBin(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter(
        (v) => existsSync(join(debian, v, 'bin', 'initdb')) && existsSync(join(debian, v, 'bin', 'pg_ctl')),
      )
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(INSTALL_HINT);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Runner {
  run(program: string, args: string[]): { status: number | null; output: string };
  /** uid/gid the server runs as, when it is not us. */
  owner?: { uid: number; gid: number };
}

function runner(): Runner {
  const plain: Runner['run'] = (program, args) => {
    const r = spawnSync(program, args, { encoding: 'utf8', timeout: 60_000 });
    return {
      status: r.status,
      output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`,
    };
  };
  if (process.getuid?.() !== 0) return { run: plain };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  const hasRunuser = spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status === 0;
  return {
    owner: { uid, gid },
    run(program, args) {
      if (hasRunuser) return plain('runuser', ['-u', 'postgres', '--', program, ...args]);
      const quoted = [program, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
      return plain('su', ['postgres', '-s', '/bin/sh', '-c', quoted]);
    },
  };
}

export async function startPostgres(opts: { database?: string } = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  const run = runner();
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-pg-'));
  if (run.owner) chownSync(dir, run.owner.uid, run.owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const must = (what: string, r: { status: number | null; output: string }) => {
    if (r.status !== 0) throw new Error(`PostgreSQL ${what} 失败：${r.output.trim()}`);
  };
  const database = opts.database ?? 'shenbao_test';
  let started = false;
  const stopSync = () => {
    if (started) run.run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  // Should a test file end without its afterAll (a crash), the server still goes.
  process.once('exit', stopSync);
  try {
    // --no-sync only skips flushing initdb's own files (a temporary folder); the server runs with fsync on.
    must(
      'initdb',
      run.run(join(bin, 'initdb'), [
        '-D',
        data,
        '-A',
        'trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]),
    );
    let port = 0;
    // A free port can be taken between the probe and the start: try a few.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const r = run.run(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        log,
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`,
        'start',
      ]);
      if (r.status === 0) break;
      if (attempt >= 2) must('启动', r);
    }
    started = true;
    must(
      'createdb',
      run.run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]),
    );
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${database}`,
      port,
      async stop() {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (e) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw e;
  }
}
