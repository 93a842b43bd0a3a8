import { Command, CommanderError } from 'commander';
import { register as registerAdmin } from './commands/admin';
import { register as registerBatch } from './commands/batch';
import { register as registerCheck } from './commands/check';
import { register as registerDates } from './commands/dates';
import { register as registerDb } from './commands/db';
import { register as registerGenerate } from './commands/generate';
import { register as registerProgram } from './commands/program';
import { register as registerSchema } from './commands/schema';
import { register as registerTemplates } from './commands/templates';
import { register as registerValidate } from './commands/validate';
import { type CliContext, CliExit, createContext, EXIT } from './context';

export interface CliIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * Runs the `shenbao` command line in this process and returns the exit code
 * (0 ok, 1 problems in the data or programme, 2 usage or I/O error).
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const ctx = createContext(io.out, io.err);
  const cli = buildCli(ctx);
  const previous = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    await cli.parseAsync(argv as string[], { from: 'user' });
    code = Number(process.exitCode ?? EXIT.ok);
  } catch (e) {
    code = exitCodeOf(e, ctx);
  } finally {
    process.exitCode = previous;
  }
  return code;
}

function exitCodeOf(e: unknown, ctx: CliContext): number {
  if (e instanceof CommanderError) {
    // Help and version are successes; everything else commander reports is a usage error.
    return e.code === 'commander.helpDisplayed' ||
      e.code === 'commander.version' ||
      e.code === 'commander.help'
      ? EXIT.ok
      : EXIT.usage;
  }
  if (e instanceof CliExit) {
    ctx.err(e.message);
    return e.code;
  }
  ctx.err(`内部错误 / internal error: ${(e as Error).message}`);
  return EXIT.usage;
}

function buildCli(ctx: CliContext): Command {
  const cli = new Command('shenbao')
    .description(
      '申报 Shenbao：把认定项目变成可运行的表单、规则和公文 / programmes as data: forms, rules, documents',
    )
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令帮助 / show help for a command')
    .showHelpAfterError('（用 --help 查看用法 / see --help）')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.out(text.replace(/\n$/, '')),
      writeErr: (text) => ctx.err(text.replace(/\n$/, '')),
      outputError: (text, write) => write(text.replace(/^error: /, '用法错误 / usage error: ')),
    });

  registerValidate(cli, ctx);
  registerCheck(cli, ctx);
  registerSchema(cli, ctx);
  registerProgram(cli, ctx);
  registerDates(cli, ctx);
  // Document commands (generate, batch, templates) register below.
  registerGenerate(cli, ctx);
  registerBatch(cli, ctx);
  registerTemplates(cli, ctx);
  registerDb(cli, ctx);
  registerAdmin(cli, ctx);

  function applyToAll(command: Command): void {
    command.exitOverride();
    command.helpOption('-h, --help', '显示帮助 / show help');
    for (const sub of command.commands) applyToAll(sub);
  }
  applyToAll(cli);

  return cli;
}
