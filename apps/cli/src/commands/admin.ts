import { BUILTIN_FORMATS, usccProblem } from '@shenbao/core';
import { ROLES, type Role } from '@shenbao/store/types';
import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT } from '../context';
import { loadStore, withStore } from './db';

interface CreateUserOptions {
  role: string;
  login: string;
  name: string;
  org?: string;
  affiliation?: string;
  programs?: string;
  mobile?: string;
  password?: string;
  passwordStdin?: boolean;
}

/** The password from standard input: the first line, without its line ending. */
async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > 4096) throw new CliExit(EXIT.usage, '标准输入过长：--password-stdin 只读取一行密码');
    chunks.push(b);
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

export function register(cli: Command, ctx: CliContext): void {
  const admin = cli.command('admin').description('账号管理（数据库同 db 命令）/ account administration');

  admin
    .command('create-user')
    .description('创建账号：申报单位用户、局工作人员、评审专家或管理员 / create an account')
    .requiredOption('--role <role>', `角色：${ROLES.join('、')} / role`)
    .requiredOption('--login <login>', '登录名（申报单位用户一般为手机号）/ login name')
    .requiredOption('--name <name>', '姓名 / full name')
    .option('--org <uscc>', '所属单位的统一社会信用代码（申报单位用户必填）/ organisation (applicants)')
    .option(
      '--affiliation <uscc>',
      "评审专家的工作单位的统一社会信用代码（回避：不评审该单位的申报）/ a reviewer's employer",
    )
    .option(
      '--programs <ids>',
      '负责的项目，逗号分隔；* 为全部（工作人员默认 *）/ programme ids, comma-separated',
    )
    .option('--mobile <mobile>', '手机号 / mobile number')
    .option('--password-stdin', '从标准输入读取密码（推荐）/ read the password from standard input')
    .option('--password <password>', '密码（会留在命令历史中，不推荐）/ password (stays in shell history)')
    .action(async (opts: CreateUserOptions) => {
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new CliExit(EXIT.usage, `未知的角色：${opts.role}（可选：${ROLES.join('、')}）`);
      const role = opts.role as Role;
      if (role === 'applicant' && !opts.org)
        throw new CliExit(EXIT.usage, '申报单位用户（applicant）须用 --org 指定所属单位的统一社会信用代码');
      if (role !== 'applicant' && opts.org)
        throw new CliExit(EXIT.usage, `--org 只用于申报单位用户（applicant），角色 ${role} 不属于任何单位`);
      const affiliation = opts.affiliation?.trim().toUpperCase() || undefined;
      if (opts.affiliation !== undefined && role !== 'reviewer')
        throw new CliExit(EXIT.usage, `--affiliation 只用于评审专家（reviewer），角色 ${role} 不需要`);
      if (affiliation && usccProblem(affiliation))
        throw new CliExit(
          EXIT.usage,
          `--affiliation：统一社会信用代码${BUILTIN_FORMATS.uscc?.message(affiliation) ?? '无效'}`,
        );
      if (opts.passwordStdin && opts.password !== undefined)
        throw new CliExit(EXIT.usage, '--password-stdin 与 --password 只能用一个');
      const password = opts.passwordStdin ? await readStdinPassword() : opts.password;
      if (password === undefined)
        throw new CliExit(EXIT.usage, '请用 --password-stdin（推荐）或 --password 提供密码');
      const { appendAudit, createUser, diff, findOrganizationByUscc, passwordProblem } = await loadStore();
      const problem = passwordProblem(password);
      if (problem) throw new CliExit(EXIT.usage, problem);
      const login = opts.login.trim();
      const name = opts.name.trim();
      if (!login || !name) throw new CliExit(EXIT.usage, '登录名和姓名不能为空');
      const listed = opts.programs
        ?.split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const programs = listed ?? (role === 'staff' ? ['*'] : []);

      await withStore(ctx, { migrate: true }, async (db) => {
        const user = await db.transaction(async (tx) => {
          let orgId: string | null = null;
          if (opts.org) {
            const org = await findOrganizationByUscc(tx, opts.org.trim());
            if (!org)
              throw new CliExit(
                EXIT.problems,
                `找不到统一社会信用代码为 ${opts.org} 的单位（单位须先在门户注册）`,
              );
            orgId = org.id;
          }
          const created = await createUser(tx, {
            login,
            name,
            mobile: opts.mobile?.trim() || null,
            role,
            orgId,
            programs,
            affiliationUscc: affiliation ?? null,
            password,
          });
          if (!created.ok) throw new CliExit(EXIT.problems, `登录名 ${login} 已被使用`);
          const { id, failedLogins: _f, lockedUntil: _l, createdAt: _c, ...shown } = created.value;
          await appendAudit(tx, {
            actorId: null,
            actorRole: 'system',
            ip: null,
            entity: 'user',
            entityId: id,
            action: 'create',
            patch: diff(undefined, shown),
          });
          return created.value;
        });
        ctx.out(
          `✔ 已创建账号 ${user.login}（${user.name}，角色 ${user.role}${
            user.programs.length ? `，项目 ${user.programs.join('、')}` : ''
          }${user.affiliationUscc ? `，工作单位 ${user.affiliationUscc}` : ''}）`,
        );
      });
    });
}
