#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { register as registerBatch } from './commands/batch';
import { register as registerCheck } from './commands/check';
import { register as registerGenerate } from './commands/generate';
import { register as registerProgram } from './commands/program';
import { register as registerSchema } from './commands/schema';
import { register as registerTemplates } from './commands/templates';
import { register as registerValidate } from './commands/validate';
import { CliExit, createContext, EXIT } from './context';

const ctx = createContext();
const cli = new Command('shenbao')
  .description(
    '申报 Shenbao：把认定项目变成可运行的表单、规则和公文 / programmes as data: forms, rules, documents',
  )
  .helpOption('-h, --help', '显示帮助 / show help')
  .helpCommand('help [command]', '显示命令帮助 / show help for a command')
  .showHelpAfterError('（用 --help 查看用法 / see --help）')
  .exitOverride()
  .configureOutput({
    outputError: (text, write) => write(text.replace(/^error: /, '用法错误 / usage error: ')),
  });

registerValidate(cli, ctx);
registerCheck(cli, ctx);
registerSchema(cli, ctx);
registerProgram(cli, ctx);
// Document commands (generate, batch, templates) register below.
registerGenerate(cli, ctx);
registerBatch(cli, ctx);
registerTemplates(cli, ctx);

function applyToAll(command: Command): void {
  command.exitOverride();
  command.helpOption('-h, --help', '显示帮助 / show help');
  for (const sub of command.commands) applyToAll(sub);
}
applyToAll(cli);

try {
  await cli.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version are successes; everything else commander reports is a usage error.
    process.exitCode =
      e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
  } else if (e instanceof CliExit) {
    ctx.err(e.message);
    process.exitCode = e.code;
  } else {
    ctx.err(`内部错误 / internal error: ${(e as Error).message}`);
    process.exitCode = EXIT.usage;
  }
}
