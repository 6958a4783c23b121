import { setFlagsFromString } from 'node:v8';
import { isPerfError } from '@perf/model';
import { parseCliArgs } from './args.ts';
import type { CliIo } from './cli-command.ts';
import { commandHelp, generalHelp, groupHelp, matchCommand, runCoreCommand } from './commands.ts';
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
    const entry = matchCommand(args.positional);
    if (!entry) {
      const group = args.positional.length === 1 ? groupHelp(args.positional[0] ?? '') : undefined;
      if (group !== undefined && args.flags.has('help')) {
        io.out(group);
        return 0;
      }
      io.err(group === undefined ? `Errore: comando "${args.positional.join(' ')}" sconosciuto.\n\n${generalHelp()}` : `Errore: manca il sottocomando di "${args.positional[0]}".\n\n${group}`);
      return 2;
    }
    if (args.flags.has('help')) {
      io.out(commandHelp(entry));
      return 0;
    }
    if (entry.kind === 'core') await runCoreCommand(entry.command, args, io);
    else await entry.command.run(args, io);
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
