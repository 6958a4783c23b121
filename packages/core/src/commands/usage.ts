import type { Command, Field } from './command.ts';

/** Where a usage is shown: the chat grammar (`chiudi <periodo>`) or the CLI (`pnpm perf period close <periodo>`). */
export type UsageChannel = 'chat' | 'cli';

/** Whether a field may be left out: its schema accepts nothing. */
export function isOptional(field: Field): boolean {
  return field.schema.safeParse(undefined).success;
}

/** The word that starts a command in the chat: its name, or its first alias for a two-word name. */
export function chatWord(command: Command): string {
  return command.words.length === 1 ? command.name : command.aliases[0] ?? command.name;
}

function fieldForm(field: Field, channel: UsageChannel): string | undefined {
  if (channel === 'cli' && field.option !== undefined) {
    const form = field.kind === 'flag' ? `--${field.option}` : `--${field.option} ${field.placeholder}`;
    return isOptional(field) ? `[${form}]` : form;
  }
  const key = field.keys?.[0];
  if (key === undefined && !field.positional) return undefined;
  if (field.kind === 'flag') return `[${key}]`;
  const form = key === undefined ? field.placeholder : `${key}=${field.placeholder}`;
  if (field.kind === 'files') return isOptional(field) ? `[${form}…]` : `${form}…`;
  return isOptional(field) ? `[${form}]` : form;
}

/** The usage string generated from the declaration, e.g. `report <indicatore> value=<valore> [period=<periodo>] …`. */
export function usage(command: Command, channel: UsageChannel): string {
  const head = channel === 'chat' ? chatWord(command) : `pnpm perf ${command.name}`;
  const fields = Object.values(command.fields).map((f) => fieldForm(f, channel)).filter((f) => f !== undefined);
  return [head, ...fields, ...(channel === 'cli' && command.json ? ['[--json]'] : [])].join(' ');
}

/** An example (declared without the command's words) as it is typed in a channel. */
export function example(command: Command, words: string, channel: UsageChannel): string {
  const head = channel === 'chat' ? chatWord(command) : `pnpm perf ${command.name}`;
  return words === '' ? head : `${head} ${words}`;
}

/** One line per parameter: its form and what it is. */
export function fieldLines(command: Command, channel: UsageChannel): string[] {
  return Object.values(command.fields).flatMap((field) => {
    const form = fieldForm(field, channel);
    return form === undefined ? [] : [`  ${form.replace(/^\[(.*)\]$/, '$1')}  ${field.doc}`];
  });
}

/** The text of `--help` (CLI) or of `help <comando>` (chat) for one command. */
export function commandHelp(command: Command, channel: UsageChannel): string {
  const lines = [`Uso: ${usage(command, channel)}`, '', `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`];
  if (command.help !== undefined) lines.push(command.help);
  const params = fieldLines(command, channel);
  if (params.length > 0) lines.push('', 'Parametri:', ...params);
  if (command.examples.length > 0) lines.push('', `Esempi: ${command.examples.map((e) => example(command, e, channel)).join(' · ')}`);
  return lines.join('\n');
}

/** The usage shown in the hint of a refused parameter: the command's form with its first example. */
export function hintForm(command: Command): string {
  const channel = command.reach === 'cli' ? 'cli' : 'chat';
  return `${usage(command, channel)}${command.examples[0] === undefined ? '' : `, ad esempio: ${example(command, command.examples[0], channel)}`}`;
}
