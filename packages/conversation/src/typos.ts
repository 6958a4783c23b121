import { distance } from 'fastest-levenshtein';
import type { Intent } from './types.ts';

/** The keys of the §6 grammar (and their Italian forms). */
export const GRAMMAR_KEYS = ['value', 'valore', 'period', 'periodo', 'note', 'nota', 'motivo', 'confronta'];

function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(word, candidate);
    if (d < bestDistance && d < candidate.length - 1) { best = candidate; bestDistance = d; }
  }
  return best;
}

/**
 * «Forse intendevi …?» for a line whose command word or a key is mistyped (edit distance ≤ 2):
 * the whole line with the correction, ready to copy. Undefined when nothing is close.
 */
export function suggestLine(raw: string, commandWords: readonly string[], firstIsCommand: boolean, commandKeys?: ReadonlyMap<string, readonly string[]>): Intent | undefined {
  const tokens = raw.trim().split(/\s+/);
  const [first = '', ...rest] = tokens;
  let changed = false;
  const fixed: string[] = [];
  if (firstIsCommand) fixed.push(first);
  else {
    const word = nearest(first.toLowerCase(), commandWords);
    if (word === undefined || first.length < 3) return undefined;
    fixed.push(word);
    changed = true;
  }
  // The keys of the command named (`ente=` goes with every command), else those of the whole grammar.
  const keys = [...(commandKeys?.get((fixed[0] ?? '').toLowerCase()) ?? GRAMMAR_KEYS), 'ente'];
  for (const token of rest) {
    const eq = token.indexOf('=');
    const key = eq > 0 ? token.slice(0, eq).toLowerCase() : undefined;
    if (key === undefined || keys.includes(key)) { fixed.push(token); continue; }
    const near = nearest(key, keys);
    if (near === undefined) return undefined;
    fixed.push(near + token.slice(eq));
    changed = true;
  }
  return changed ? { kind: 'suggest', line: fixed.join(' '), typed: raw.trim() } : undefined;
}
