import { setFlagsFromString } from 'node:v8';
import { isPerfError } from '@perf/model';
import { parseCliArgs } from './args.ts';
import type { CliIo } from './cli-command.ts';
import { commandHelp, generalHelp, matchCommand } from './commands.ts';
import { ONE_COMMAND_V8_FLAGS } from './runtime.ts';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

setFlagsFromString(ONE_COMMAND_V8_FLAGS);

/** The one place where the CLI turns errors into an Italian message and an exit status. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.positional.length === 0 || args.positional[0] === 'help') {
      io.out(generalHelp());
      return args.positional.length === 0 && !args.flags.has('help') ? 1 : 0;
    }
    const command = matchCommand(args.positional);
    if (!command) {
      io.err(`Errore: comando "${args.positional.join(' ')}" sconosciuto.\n\n${generalHelp()}`);
      return 2;
    }
    if (args.flags.has('help')) {
      io.out(commandHelp(command));
      return 0;
    }
    await command.run(args, io);
    return 0;
  } catch (error) {
    if (isPerfError(error)) {
      io.err(`Errore: ${error.toText()}`);
      return 1;
    }
    io.err(`Errore interno: ${(error as Error).stack ?? String(error)}`);
    return 70;
  }
}

process.exitCode = await main(process.argv.slice(2));
