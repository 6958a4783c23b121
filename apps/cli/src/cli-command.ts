import type { CliArgs } from './args.ts';

/** A CLI command as data: its words, its help text, and what it does. Output goes through `io`. */
export interface CliCommand {
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly help: string;
  run(args: CliArgs, io: CliIo): Promise<void>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
