import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOrganization,
  type Database,
  findUserByLogin,
  listAudit,
  openDatabase,
  verifyPassword,
} from '@shenbao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPostgres, startPostgres } from '../../../test/support/postgres';
import { ROOT } from '../../../test/support/programs';
import { MAIN, shenbao } from './support/run';

const dir = mkdtempSync(join(tmpdir(), 'shenbao-cli-db-'));
const dataRoot = join(dir, 'data');
const dataDir = join(dataRoot, 'pglite');
const saved = { url: process.env.DATABASE_URL, data: process.env.SHENBAO_DATA_DIR };
let pg: RunningPostgres | undefined;

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  process.env.SHENBAO_DATA_DIR = dataRoot;
  pg = await startPostgres();
}, 120_000);

afterAll(async () => {
  await pg?.stop();
  if (saved.url === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved.url;
  if (saved.data === undefined) delete process.env.SHENBAO_DATA_DIR;
  else process.env.SHENBAO_DATA_DIR = saved.data;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` on the embedded database the CLI uses (and closes it, releasing the folder). */
async function withLite<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir, checkpointEveryMs: 0 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const UPDATED = /已是最新结构（版本 \d+）/;

describe('shenbao db and admin', () => {
  it('db migrate creates the embedded database under SHENBAO_DATA_DIR, then finds it current', async () => {
    const first = await shenbao('db', 'migrate');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`PGlite（${dataDir}）已应用迁移：1 init`);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    const again = await shenbao('db', 'migrate');
    expect(again.out).toMatch(UPDATED);
  }, 120_000);

  it('admin create-user: a staff account with a hashed password and an audit entry', async () => {
    const r = await shenbao(
      'admin',
      'create-user',
      '--role',
      'staff',
      '--login',
      'wang',
      '--name',
      '王科长',
      '--password',
      'secret123',
    );
    expect(r.err).toBe('');
    expect(r.out).toContain('✔ 已创建账号 wang（王科长，角色 staff，项目 *）');
    expect(r.code).toBe(0);
    await withLite(async (db) => {
      const user = await findUserByLogin(db, 'wang');
      expect(user).toMatchObject({ role: 'staff', programs: ['*'], orgId: null });
      expect(await verifyPassword(user?.passwordHash ?? '', 'secret123')).toBe(true);
      const audit = await listAudit(db, 'user', user?.id ?? '');
      expect(audit).toMatchObject([
        { action: 'create', actorRole: 'system', patch: [{ op: 'add', path: '' }] },
      ]);
      expect(JSON.stringify(audit)).not.toContain('secret123');
    });
  });

  it('admin create-user --affiliation: a reviewer with the 统一社会信用代码 of its employer (回避)', async () => {
    const r = await shenbao(
      'admin',
      'create-user',
      '--role',
      'reviewer',
      '--login',
      'expert-li',
      '--name',
      '李专家',
      '--programs',
      'ai-innovation-center',
      '--affiliation',
      '91441900maay4cl12n',
      '--password',
      'secret123',
    );
    expect(r.err).toBe('');
    expect(r.out).toContain(
      '✔ 已创建账号 expert-li（李专家，角色 reviewer，项目 ai-innovation-center，工作单位 91441900MAAY4CL12N）',
    );
    await withLite(async (db) => {
      const user = await findUserByLogin(db, 'expert-li');
      expect(user).toMatchObject({ role: 'reviewer', affiliationUscc: '91441900MAAY4CL12N' });
      const audit = await listAudit(db, 'user', user?.id ?? '');
      expect(JSON.stringify(audit)).toContain('91441900MAAY4CL12N');
    });
  });

  it.each([
    [
      ['--role', 'boss', '--login', 'x', '--name', 'x', '--password', 'secret123'],
      2,
      '未知的角色：boss（可选：applicant、staff、reviewer、admin）',
    ],
    [['--role', 'applicant', '--login', 'x', '--name', 'x', '--password', 'secret123'], 2, '须用 --org 指定'],
    [
      ['--role', 'staff', '--login', 'x', '--name', 'x', '--org', '1', '--password', 'secret123'],
      2,
      '--org 只用于申报单位用户',
    ],
    [
      ['--role', 'staff', '--login', 'x', '--name', 'x'],
      2,
      '请用 --password-stdin（推荐）或 --password 提供密码',
    ],
    [
      ['--role', 'staff', '--login', 'x', '--name', 'x', '--password', 'short1'],
      2,
      '密码至少8位，且须同时包含字母和数字',
    ],
    [
      ['--role', 'staff', '--login', 'wang', '--name', 'x', '--password', 'secret123'],
      1,
      '登录名 wang 已被使用',
    ],
    [
      ['--role', 'applicant', '--login', 'x', '--name', 'x', '--org', 'NOPE', '--password', 'secret123'],
      1,
      '找不到统一社会信用代码为 NOPE 的单位',
    ],
    [
      [
        '--role',
        'staff',
        '--login',
        'x',
        '--name',
        'x',
        '--affiliation',
        '91441900MAAY4CL12N',
        '--password',
        'secret123',
      ],
      2,
      '--affiliation 只用于评审专家（reviewer）',
    ],
    [
      [
        '--role',
        'reviewer',
        '--login',
        'x',
        '--name',
        'x',
        '--affiliation',
        'NOPE',
        '--password',
        'secret123',
      ],
      2,
      '--affiliation：统一社会信用代码',
    ],
  ])('admin create-user %j → exit %i', async (args, code, message) => {
    const r = await shenbao('admin', 'create-user', ...args);
    expect(r.err).toContain(message);
    expect(r.code).toBe(code);
  });

  it('admin create-user --password-stdin (a real process) adds an applicant to a registered organisation', async () => {
    await withLite((db) =>
      createOrganization(db, {
        uscc: '91441900MA4UCLI01X',
        name: '东莞市命令行科技有限公司',
        contact: '李四',
        mobile: '13900000001',
      }),
    );
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'admin',
        'create-user',
        '--role',
        'applicant',
        '--login',
        '13900000001',
        '--name',
        '李四',
        '--org',
        '91441900MA4UCLI01X',
        '--password-stdin',
      ],
      { cwd: ROOT, input: 'stdin-pass9\n', encoding: 'utf8', env: { ...process.env }, timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✔ 已创建账号 13900000001');
    expect(r.status).toBe(0);
    await withLite(async (db) => {
      const user = await findUserByLogin(db, '13900000001');
      expect(await verifyPassword(user?.passwordHash ?? '', 'stdin-pass9')).toBe(true);
    });
  }, 120_000);

  it('db backup writes a dump, and will not overwrite one without --force', async () => {
    const file = join(dir, 'backup.jsonl.gz');
    const r = await shenbao('db', 'backup', file);
    expect(r.err).toBe('');
    expect(r.out).toMatch(
      new RegExp(`✔ 已备份 PGlite（${dataDir}）到 ${file}：\\d+ 张表，\\d+ 行（结构版本 \\d+）`),
    );
    expect(r.code).toBe(0);
    const again = await shenbao('db', 'backup', file);
    expect(again).toMatchObject({
      code: 2,
      err: expect.stringContaining(`文件已存在：${file}（如要覆盖请加 --force）`),
    });
    expect((await shenbao('db', 'backup', file, '--force')).code).toBe(0);
  });

  it('a data folder in use by a running server is refused, saying to stop it first', async () => {
    await withLite(async () => {
      const r = await shenbao('db', 'backup', join(dir, 'while-running.gz'));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`数据目录 ${dataDir} 正由进程 ${process.pid} 使用`);
      expect(r.err).toContain('请先停止正在运行的服务再执行此命令');
      expect(r.err).not.toMatch(/\n\s+at /);
    });
    expect(existsSync(join(dir, 'while-running.gz'))).toBe(false);
  });

  it('db restore into PostgreSQL (DATABASE_URL): once into an empty database, again only with --replace', async () => {
    const file = join(dir, 'backup.jsonl.gz');
    process.env.DATABASE_URL = pg?.url;
    try {
      const r = await shenbao('db', 'restore', file);
      expect(r.err).toBe('');
      expect(r.out).toMatch(
        /✔ 已从 .* 恢复到 PostgreSQL（DATABASE_URL）：\d+ 张表，\d+ 行（备份于 .*，来自 pglite）/,
      );
      expect(r.code).toBe(0);
      const again = await shenbao('db', 'restore', file);
      expect(again).toMatchObject({ code: 1, err: expect.stringContaining('数据库不是空的') });
      expect((await shenbao('db', 'restore', file, '--replace')).code).toBe(0);
      const db = await openDatabase({ databaseUrl: pg?.url ?? '' });
      try {
        expect((await findUserByLogin(db, 'wang'))?.role).toBe('staff');
        expect((await findUserByLogin(db, '13900000001'))?.orgId).not.toBeNull();
      } finally {
        await db.close();
      }
    } finally {
      delete process.env.DATABASE_URL;
    }
  }, 120_000);

  it('db restore of a missing file is a usage error; of a file that is not a dump, refused', async () => {
    expect(await shenbao('db', 'restore', join(dir, 'missing.gz'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('无法读取文件'),
    });
    const junk = join(dir, 'junk.gz');
    writeFileSync(junk, 'plain text');
    expect(await shenbao('db', 'restore', junk, '--replace')).toMatchObject({
      code: 1,
      err: expect.stringContaining('不是有效的备份文件（无法解压）'),
    });
  });

  it('--help is in Chinese and English', async () => {
    const db = await shenbao('db', '--help');
    expect(db.out).toContain('把全部数据备份为可移植的压缩文件');
    expect(db.out).toContain('database: migrate, back up, restore');
    const admin = await shenbao('admin', 'create-user', '--help');
    expect(admin.out).toContain('角色：applicant、staff、reviewer、admin / role');
    expect(admin.out).toContain('--password-stdin');
  });
});
