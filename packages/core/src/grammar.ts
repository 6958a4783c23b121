import { PerfError } from '@perf/model';
import type { Fields } from './commands/command.ts';

/** Splits a command line into words, keeping quoted text ("...", '...', “...”, «...») together. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const closing: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '«': '»', '„': '“' };
  let current = '';
  let inToken = false;
  let quote: string | undefined;
  for (const char of line.trim()) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
      continue;
    }
    const close = closing[char];
    if (close !== undefined && (current === '' || current.endsWith('='))) {
      quote = close;
      inToken = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    current += char;
    inToken = true;
  }
  if (quote !== undefined) {
    throw new PerfError('COMMAND_INVALID', 'Virgolette non chiuse nel comando.', { hint: 'Esempio: note="testo della nota".' });
  }
  if (inToken) tokens.push(current);
  return tokens;
}

export interface ParsedArgs {
  readonly positional: string[];
  /** Keys lower-cased and mapped to their canonical name (valore → value). */
  readonly named: Map<string, string>;
}

/** Separates `key=value` words (keys case-insensitive, Italian aliases accepted) from positional ones. */
export function splitArgs(tokens: readonly string[], aliases: Readonly<Record<string, string>>, allowed: readonly string[], form: string): ParsedArgs {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq <= 0) {
      positional.push(token);
      continue;
    }
    const rawKey = token.slice(0, eq).toLowerCase();
    const key = aliases[rawKey] ?? rawKey;
    if (!allowed.includes(key)) {
      throw new PerfError('COMMAND_INVALID', `Parametro "${token.slice(0, eq)}" non riconosciuto.`, { hint: `Forma corretta: ${form}` });
    }
    if (named.has(key)) throw new PerfError('COMMAND_INVALID', `Parametro "${key}" ripetuto.`, { hint: `Forma corretta: ${form}` });
    named.set(key, token.slice(eq + 1));
  }
  return { positional, named };
}

/** The raw parameters of a command line: bare words fill the positional fields in order, `key=value` the keyed ones. */
export function wordsToParams(fields: Fields, words: readonly string[], form: string): Record<string, string | string[] | boolean> {
  const raw: Record<string, string | string[] | boolean> = {};
  const byKey = new Map<string, string>();
  // A flag is said in the chat by its word alone: `relazione 2012 sintesi`.
  const flags = new Map<string, string>();
  for (const [name, field] of Object.entries(fields)) {
    for (const key of field.keys ?? []) (field.kind === 'flag' ? flags : byKey).set(key.toLowerCase(), name);
  }
  const bare: string[] = [];
  for (const token of words) {
    const flag = flags.get(token.toLowerCase());
    if (flag !== undefined) { raw[flag] = true; continue; }
    const eq = token.indexOf('=');
    if (eq <= 0 || byKey.size === 0) { bare.push(token); continue; }
    const name = byKey.get(token.slice(0, eq).toLowerCase());
    if (name === undefined) throw new PerfError('COMMAND_INVALID', `Parametro "${token.slice(0, eq)}" non riconosciuto.`, { hint: `Forma corretta: ${form}` });
    if (name in raw) throw new PerfError('COMMAND_INVALID', `Parametro "${fields[name]?.keys?.[0] ?? name}" ripetuto.`, { hint: `Forma corretta: ${form}`, field: name });
    raw[name] = token.slice(eq + 1);
  }
  for (const [name, field] of Object.entries(fields)) {
    if (!field.positional || name in raw || bare.length === 0) continue;
    raw[name] = field.kind === 'files' ? bare.splice(0) : (bare.shift() ?? '');
  }
  if (bare.length > 0) throw new PerfError('COMMAND_INVALID', `Parole in più non riconosciute: ${bare.join(' ')}.`, { hint: `Forma corretta: ${form}` });
  return raw;
}
