import { PerfError } from '@perf/model';
import type { HelpReply } from '../replies.ts';
import { defineCommand, type Command } from './command.ts';

/** `help` lists the table it is given, so it never drifts from the commands that exist. */
export function helpCommand(commands: () => readonly Command<never>[]): Command<void> {
  return defineCommand<void>({
    name: 'help',
    aliases: ['aiuto', '?'],
    usage: 'help',
    description: 'Elenca i comandi con esempi.',
    examples: ['help'],
    parse: (args) => {
      if (args.length > 0) throw new PerfError('COMMAND_INVALID', `"help" non vuole parametri (trovato: ${args.join(' ')}).`, { hint: 'Forma corretta: help' });
    },
    execute: async (): Promise<HelpReply> => ({
      kind: 'help',
      commands: commands().map((c) => ({ usage: c.usage, description: c.description, examples: c.examples })),
    }),
  });
}
