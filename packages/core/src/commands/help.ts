import type { HelpReply } from '../replies.ts';
import { defineCommand, type Command } from './command.ts';
import { example, usage } from './usage.ts';

/** `help` lists the chat commands of the table it is given, so it never drifts from the commands that exist. */
export function helpCommand(commands: () => readonly Command[]): Command {
  return defineCommand<void, HelpReply>({
    name: 'help',
    aliases: ['aiuto', '?'],
    reach: 'all',
    access: 'open',
    fields: {},
    input: () => undefined,
    slow: false,
    json: true,
    summary: 'elenca i comandi con esempi',
    examples: [''],
    execute: async (): Promise<HelpReply> => ({
      kind: 'help',
      commands: commands().filter((c) => c.reach === 'all').map((c) => ({
        usage: usage(c, 'chat'), description: `${c.summary[0]?.toUpperCase() ?? ''}${c.summary.slice(1)}.`, examples: c.examples.map((e) => example(c, e, 'chat')),
      })),
    }),
  });
}
