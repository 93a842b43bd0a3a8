import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from '@shenbao/store/types';
import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT } from '../context';

/** The store is loaded when a command needs it: PGlite, pg and argon2 would slow every other command. */
export function loadStore() {
  return import('@shenbao/store');
}

/**
 * Opens the server's database as the environment selects it (DATABASE_URL → PostgreSQL, else
 * PGlite under SHENBAO_DATA_DIR), runs `fn`, closes it. Failures become one-line messages.
 */
export async function withStore<T>(
  ctx: CliContext,
  opts: { migrate: boolean },
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const { MigrationError, openDatabase, StoreLockedError, storeOptionsFromEnv } = await loadStore();
  const options = storeOptionsFromEnv(process.env, ctx.root);
  let db: Database;
  try {
    db = await openDatabase({ ...options, migrate: opts.migrate, checkpointEveryMs: 0 });
  } catch (e) {
    if (e instanceof StoreLockedError)
      throw new CliExit(
        EXIT.problems,
        `${e.message}。\n请先停止正在运行的服务再执行此命令；服务运行时备份需使用 PostgreSQL（设置 DATABASE_URL 后可用本命令或 pg_dump）`,
      );
    if (e instanceof MigrationError) throw new CliExit(EXIT.problems, e.message);
    const where = options.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `数据目录 ${options.dataDir}`;
    throw new CliExit(EXIT.usage, `无法打开数据库：${where}：${(e as Error).message}`);
  }
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function describeTarget(ctx: CliContext): Promise<string> {
  const o = (await loadStore()).storeOptionsFromEnv(process.env, ctx.root);
  return o.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `PGlite（${o.dataDir}）`;
}

export function register(cli: Command, ctx: CliContext): void {
  const db = cli
    .command('db')
    .description(
      '数据库：迁移、备份、恢复（DATABASE_URL 指定 PostgreSQL，否则为 SHENBAO_DATA_DIR 下的嵌入式 PGlite）/ database: migrate, back up, restore',
    );

  db.command('migrate')
    .description('把数据库结构升级到最新版本 / apply pending schema migrations')
    .action(async () => {
      const { migrate } = await loadStore();
      await withStore(ctx, { migrate: false }, async (store) => {
        const r = await migrate(store);
        if (r.applied.length === 0)
          ctx.out(`✔ ${await describeTarget(ctx)}已是最新结构（版本 ${r.version}）`);
        else
          ctx.out(
            `✔ ${await describeTarget(ctx)}已应用迁移：${r.applied.map((m) => `${m.version} ${m.name}`).join('、')}；当前版本 ${r.version}`,
          );
      });
    });

  db.command('backup')
    .description(
      '把全部数据备份为可移植的压缩文件（PGlite 与 PostgreSQL 通用）/ write a portable gzip’d dump',
    )
    .argument('<file>', '备份文件，如 backup-2026-03-20.jsonl.gz / dump file to write')
    .option('--force', '覆盖已存在的文件 / overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }) => {
      const target = resolve(file);
      if (existsSync(target) && !opts.force)
        throw new CliExit(EXIT.usage, `文件已存在：${target}（如要覆盖请加 --force）`);
      const { backupDatabase } = await loadStore();
      await withStore(ctx, { migrate: false }, async (store) => {
        const r = await backupDatabase(store, target);
        const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
        ctx.out(
          `✔ 已备份 ${await describeTarget(ctx)}到 ${target}：${r.header.tables.length} 张表，${rows} 行（结构版本 ${r.header.schemaVersion}）`,
        );
      });
    });

  db.command('restore')
    .description(
      '从备份文件恢复到已迁移的数据库（一次事务，全部成功或全部不变）/ load a dump in one transaction',
    )
    .argument('<file>', '备份文件 / dump file to read')
    .option('--replace', '清空现有数据后恢复 / empty the database first')
    .action(async (file: string, opts: { replace?: boolean }) => {
      const source = resolve(file);
      if (!existsSync(source)) throw new CliExit(EXIT.usage, `无法读取文件：${source}（文件不存在或无权限）`);
      const { RestoreRefusedError, restoreDatabase } = await loadStore();
      await withStore(ctx, { migrate: true }, async (store) => {
        try {
          const r = await restoreDatabase(store, source, { replace: opts.replace === true });
          const rows = Object.values(r.counts).reduce((a, b) => a + b, 0);
          ctx.out(
            `✔ 已从 ${source} 恢复到 ${await describeTarget(ctx)}：${Object.keys(r.counts).length} 张表，${rows} 行（备份于 ${r.header.createdAt}，来自 ${r.header.backend}）`,
          );
        } catch (e) {
          if (e instanceof RestoreRefusedError) throw new CliExit(EXIT.problems, e.message);
          // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR): not gzip, or cut short.
          if (String((e as NodeJS.ErrnoException).code ?? '').startsWith('Z_'))
            throw new CliExit(EXIT.problems, `不是有效的备份文件（无法解压）：${source}`);
          throw e;
        }
      });
    });
}
