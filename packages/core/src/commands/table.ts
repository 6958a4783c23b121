import { PerfError } from '@perf/model';
import type { CommandContext } from '../context.ts';
import { tokenize } from '../grammar.ts';
import type { Reply } from '../replies.ts';
import { closeCommand } from './close.ts';
import type { Command } from './command.ts';
import { helpCommand } from './help.ts';
import { relazioneCommand } from './relazione.ts';
import { reportCommand } from './report.ts';
import { statusCommand } from './status.ts';

/** The §6 grammar: the one table of chat commands shared by the CLI, Slack and Discord. */
export const COMMANDS: readonly Command<never>[] = [
  reportCommand as Command<never>,
  statusCommand as Command<never>,
  relazioneCommand as Command<never>,
  closeCommand as Command<never>,
  helpCommand(() => COMMANDS) as Command<never>,
];

export const GRAMMAR_FORMS = COMMANDS.map((c) => c.usage);

export function findCommand(word: string): Command<never> | undefined {
  const lower = word.toLowerCase();
  return COMMANDS.find((c) => c.name === lower || c.aliases.includes(lower));
}

/** Parses one command line (with or without a leading `/perf`) into a command and its input. */
export function parseCommandLine(line: string): { command: Command<never>; input: never } {
  const tokens = tokenize(line);
  if (tokens[0]?.toLowerCase() === '/perf' || tokens[0]?.toLowerCase() === 'perf') tokens.shift();
  const [word, ...args] = tokens;
  const forms = `Comandi: ${GRAMMAR_FORMS.join(' · ')}`;
  if (word === undefined) throw new PerfError('COMMAND_MISSING', 'Scrivi un comando.', { hint: forms });
  const command = findCommand(word);
  if (!command) throw new PerfError('COMMAND_UNKNOWN', `Comando "${word}" sconosciuto.`, { hint: forms });
  return { command, input: command.parse(args) };
}

export async function runCommandLine(line: string, context: CommandContext): Promise<Reply> {
  const { command, input } = parseCommandLine(line);
  return command.execute(input, context);
}
