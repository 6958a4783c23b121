import type { CommandContext } from '../context.ts';
import type { Reply } from '../replies.ts';

/** A command as data: one table serves the CLI, the terminal chat, Slack and Discord. */
export interface Command<Input = unknown> {
  readonly name: string;
  /** Other words that start the same command (Italian forms). */
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly description: string;
  readonly examples: readonly string[];
  parse(args: readonly string[]): Input;
  execute(input: Input, context: CommandContext): Promise<Reply>;
}

export function defineCommand<Input>(command: Command<Input>): Command<Input> {
  return command;
}
