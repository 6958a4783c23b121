import { findCommand, tokenize } from '@perf/core';

/** The command a line starts with (with or without `/perf`), when it names one of §6. */
export function leadingCommand(text: string): { readonly name: string; readonly args: string[] } | undefined {
  let tokens: string[];
  try {
    tokens = tokenize(text);
  } catch {
    return undefined; // the core reports the unclosed quote when it parses the line
  }
  if (/^\/?perf$/i.test(tokens[0] ?? '')) tokens.shift();
  const [word, ...args] = tokens;
  const command = word === undefined ? undefined : findCommand(word);
  return command ? { name: command.name, args } : undefined;
}

/** `report` with nothing after it: the check-in modal instead of an error. */
export function isBareReport(text: string): boolean {
  const command = leadingCommand(text);
  return command?.name === 'report' && command.args.length === 0;
}

/** Slack sends &, < and > of what people type as HTML entities; the grammar wants the characters. */
export function typedText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}
