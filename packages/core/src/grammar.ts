import { PerfError } from '@perf/model';

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
