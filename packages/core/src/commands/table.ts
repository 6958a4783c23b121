import { PerfError } from '@perf/model';
import type { CommandContext } from '../context.ts';
import { tokenize, wordsToParams } from '../grammar.ts';
import type { Reply } from '../replies.ts';
import { closeCommand } from './close.ts';
import { dashboardCommand } from './dashboard.ts';
import type { Command, RawParams } from './command.ts';
import { helpCommand } from './help.ts';
import { planImportCommand, valuesImportCommand } from './imports.ts';
import { missingCommand } from './missing.ts';
import { auditCommand, historyCommand, periodListCommand } from './records.ts';
import { relazioneCommand } from './relazione.ts';
import { adoptCommand, validateCommand } from './relazione-lifecycle.ts';
import { commentCommand } from './commento.ts';
import { reportCommand } from './report.ts';
import { statusCommand } from './status.ts';
import { chatWord, hintForm, usage } from './usage.ts';
import { contextImportCommand, exportCommand, financeCommand, financeImportCommand, genderCommand, genderImportCommand, rolloverCommand } from './yearly.ts';

/** Every command any channel offers, declared once: the CLI, the terminal chat, Slack and Discord read this table. */
export const COMMANDS: readonly Command[] = [
  reportCommand, statusCommand, missingCommand, historyCommand, periodListCommand, closeCommand, auditCommand, relazioneCommand, adoptCommand, validateCommand, commentCommand,
  exportCommand, planImportCommand, rolloverCommand, valuesImportCommand, financeImportCommand, financeCommand,
  genderImportCommand, genderCommand, contextImportCommand, dashboardCommand, helpCommand(() => COMMANDS),
];

/** The commands of the chat grammar (§6): those that need no file read or written on the person's disk. */
export const CHAT_COMMANDS: readonly Command[] = COMMANDS.filter((c) => c.reach === 'all');

/** The chat usage of every chat command, for hints. */
export const GRAMMAR_FORMS: readonly string[] = CHAT_COMMANDS.map((c) => usage(c, 'chat'));

/** The chat command a first word names: its chat word, its name or an alias (case-insensitive). */
export function findCommand(word: string): Command | undefined {
  const lower = word.toLowerCase();
  return CHAT_COMMANDS.find((c) => chatWord(c) === lower || c.name === lower || c.aliases.includes(lower));
}

/** The longest command whose words start `words` (`finance import` before `finance`), for the CLI. */
export function matchCommand(words: readonly string[]): Command | undefined {
  return [...COMMANDS].sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((word, i) => words[i]?.toLowerCase() === word));
}

/** The commands a group word starts (`plan` → plan import, plan rollover), for `perf plan --help`. */
export function commandGroup(word: string): Command[] {
  return COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === word.toLowerCase());
}

/** The raw parameters of a command's words (the words after the command's own). */
export function commandParams(command: Command, words: readonly string[]): Record<string, string | string[] | boolean> {
  return wordsToParams(command.fields, words, hintForm(command));
}

/**
 * `ente=<codice>` anywhere in a chat line: the chat's form of the CLI's `--ente`, for a person who is
 * in the plans of several enti. Taken out of the words before the command's own parameters are read.
 */
function takeEnte(tokens: readonly string[]): { words: string[]; ente: string | undefined } {
  const given = tokens.filter((t) => /^ente=/i.test(t));
  if (given.length > 1) throw new PerfError('COMMAND_INVALID', 'Il parametro "ente" è dato più di una volta.', { hint: 'Forma corretta: ente=<codice>, una volta sola.' });
  const ente = given[0]?.slice('ente='.length).trim();
  if (ente === '') throw new PerfError('COMMAND_INVALID', 'Manca il codice dell\'ente dopo "ente=".', { hint: 'Forma corretta: ente=<codice>, ad esempio ente=CCIAA-MS.' });
  return { words: tokens.filter((t) => !/^ente=/i.test(t)), ente };
}

/** Parses one chat line (with or without a leading `/perf`) into its command and checked input. */
export function parseCommandLine(line: string): { command: Command; params: RawParams; input: unknown; ente: string | undefined } {
  const { words: tokens, ente } = takeEnte(tokenize(line));
  if (tokens[0]?.toLowerCase() === '/perf' || tokens[0]?.toLowerCase() === 'perf') tokens.shift();
  const [word, ...args] = tokens;
  const forms = `Comandi: ${GRAMMAR_FORMS.join(' · ')}`;
  if (word === undefined) throw new PerfError('COMMAND_MISSING', 'Scrivi un comando.', { hint: forms });
  const command = findCommand(word);
  if (!command) throw new PerfError('COMMAND_UNKNOWN', `Comando "${word}" sconosciuto.`, { hint: forms });
  const params = commandParams(command, args);
  return { command, params, input: command.check(params), ente };
}

/** Runs one chat line through the core: parameters, person and role checked before anything else. */
export async function runCommandLine(line: string, context: CommandContext): Promise<Reply> {
  const { command, params, ente } = parseCommandLine(line);
  return command.run(params, ente === undefined ? context : { ...context, ente });
}

/** Checks a chat command's words, e.g. `relazione 2012` → its input (for channels that acknowledge first). */
export function parseCommandWords(name: string, words: readonly string[]): unknown {
  const command = findCommand(name);
  if (!command) throw new PerfError('COMMAND_UNKNOWN', `Comando "${name}" sconosciuto.`, { hint: `Comandi: ${GRAMMAR_FORMS.join(' · ')}` });
  return command.check(commandParams(command, words));
}
