import type { Command, Field } from './command.ts';
import { CHAT_COMMANDS } from './table.ts';
import { chatWord, isOptional } from './usage.ts';

/** Discord's application command option types (plain numbers: the core imports no discord.js). */
export const SLASH_OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5, attachment: 11 } as const;

/** One option of a slash subcommand, as Discord's REST API takes it. */
export interface SlashOption {
  readonly type: number;
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly min_value?: number;
}

export interface SlashSubcommand {
  readonly type: typeof SLASH_OPTION_TYPE.subcommand;
  readonly name: string;
  readonly description: string;
  readonly options: SlashOption[];
}

/** Discord wants descriptions of at most 100 characters. */
function description(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}

function optionType(field: Field): number {
  if (field.kind === 'integer') return SLASH_OPTION_TYPE.integer;
  if (field.kind === 'year') return SLASH_OPTION_TYPE.integer;
  if (field.kind === 'flag') return SLASH_OPTION_TYPE.boolean;
  if (field.kind === 'files') return SLASH_OPTION_TYPE.attachment;
  return SLASH_OPTION_TYPE.string;
}

/** The options of one command: its parameter name (the first `key=` name, else the field's) and type. */
export function slashOptions(command: Command): SlashOption[] {
  const options = Object.entries(command.fields).filter(([, f]) => !f.adapter).map(([name, field]): SlashOption => ({
    type: optionType(field), name: (field.keys?.[0] ?? name).toLowerCase(), description: description(field.doc), required: !isOptional(field),
    ...(field.kind === 'integer' ? { min_value: 1 } : {}),
  }));
  // Discord lists required options first.
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

/** `/perf <sottocomando>`: one subcommand per chat command of the table, named by its chat word. */
export function slashSubcommands(commands: readonly Command[] = CHAT_COMMANDS): SlashSubcommand[] {
  return commands.map((command) => ({
    type: SLASH_OPTION_TYPE.subcommand, name: chatWord(command), description: description(`${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}`), options: slashOptions(command),
  }));
}

/**
 * The field a slash option fills back, so that a channel turns the options it receives into the
 * command's raw parameters (`Command.run`) with no second declaration.
 */
export function slashFieldName(command: Command, optionName: string): string | undefined {
  return Object.entries(command.fields).find(([name, f]) => (f.keys?.[0] ?? name).toLowerCase() === optionName)?.[0];
}
