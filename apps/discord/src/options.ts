import { findCommand, GRAMMAR_FORMS, tokenize, type Command } from '@perf/core';
import { PerfError } from '@perf/model';
import { OPTION } from './command-definition.ts';

/** The part of discord.js's option resolver that `/perf` reads. */
export interface SlashOptions {
  getSubcommand(required?: boolean): string | null;
  getInteger(name: string): number | null;
  getString(name: string): string | null;
}

/** A subcommand turned into the words of the §6 grammar, e.g. `report 12 value=23 period=2012-Q4`. */
export interface GrammarLine {
  readonly name: string;
  readonly words: readonly string[];
}

/**
 * Composes the grammar words from the slash command's options, so that the core command's own
 * `parse` validates them exactly as it does for the CLI and Slack.
 */
export function grammarLine(options: SlashOptions): GrammarLine {
  const name = options.getSubcommand(false) ?? '';
  const string = (key: string) => options.getString(key) ?? undefined;
  switch (name) {
    case 'report': {
      const indicator = options.getInteger(OPTION.indicator);
      const value = string(OPTION.value);
      const period = string(OPTION.period);
      const note = string(OPTION.note);
      const reason = string(OPTION.reason);
      return {
        name,
        words: [
          ...(indicator === null ? [] : [String(indicator)]),
          ...(value === undefined ? [] : [`value=${value}`]),
          ...(period === undefined ? [] : [`period=${period.trim()}`]),
          ...(note === undefined || note.trim() === '' ? [] : [`note=${note.trim()}`]),
          ...(reason === undefined ? [] : [`motivo=${reason.trim()}`]),
        ],
      };
    }
    case 'status': {
      const target = string(OPTION.target);
      const compare = options.getInteger(OPTION.compare);
      return { name, words: [...(target === undefined ? [] : tokenize(target)), ...(compare === null ? [] : [`confronta=${compare}`])] };
    }
    case 'relazione': {
      const year = options.getInteger(OPTION.year);
      return { name, words: year === null ? [] : [String(year)] };
    }
    case 'chiudi': {
      const period = string(OPTION.period);
      return { name, words: period === undefined ? [] : [period.trim()] };
    }
    default:
      return { name, words: [] };
  }
}

/** The core command a subcommand names; an unknown one (an outdated registration) is refused. */
export function coreCommand(name: string): Command {
  const command = findCommand(name);
  if (command === undefined) {
    throw new PerfError('COMMAND_UNKNOWN', `Sottocomando "${name}" sconosciuto.`, { hint: `Comandi: ${GRAMMAR_FORMS.join(' · ')}` });
  }
  return command;
}
