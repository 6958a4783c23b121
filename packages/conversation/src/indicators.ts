import { distance } from 'fastest-levenshtein';
import type { Indicator, Plan } from '@perf/model';
import { contentStems, normalize, words } from './text.ts';

interface IndexedIndicator {
  readonly indicator: Indicator;
  readonly stems: ReadonlySet<string>;
  /** Numbers written in the name (`entro 29 giorni`): never the value. */
  readonly numbers: ReadonlySet<string>;
  readonly weight: number;
}

interface NameIndex {
  readonly entries: readonly IndexedIndicator[];
  readonly idf: ReadonlyMap<string, number>;
  readonly stems: readonly string[];
}

const indexes = new WeakMap<Plan, NameIndex>();

/** The plan's indicator names as stems weighted by rarity (idf), built once per plan. */
function nameIndex(plan: Plan): NameIndex {
  let index = indexes.get(plan);
  if (index !== undefined) return index;
  const documents = plan.indicators.map((indicator) => {
    const name = normalize(indicator.name);
    return { indicator, stems: new Set(contentStems(name)), numbers: new Set(words(name).filter((w) => /^\d+$/.test(w))) };
  });
  const counts = new Map<string, number>();
  for (const doc of documents) for (const s of doc.stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  const idf = new Map([...counts].map(([s, n]) => [s, Math.log(1 + documents.length / n)]));
  const entries = documents.map((doc) => ({ ...doc, weight: [...doc.stems].reduce((sum, s) => sum + (idf.get(s) ?? 0), 0) }));
  index = { entries, idf, stems: [...counts.keys()] };
  indexes.set(plan, index);
  return index;
}

/** A word of the message as a stem of the names: itself, or the one a typo (≤ 1 edit, ≥ 5 letters) stands for. */
function resolveStem(index: NameIndex, word: string): string | undefined {
  if (index.idf.has(word)) return word;
  if (word.length < 5) return undefined;
  for (const candidate of index.stems) {
    if (Math.abs(candidate.length - word.length) <= 1 && distance(candidate, word) <= 1) return candidate;
  }
  // Another form of the same word (soddisfazione / soddisfatti): the first 7 letters agree.
  return word.length >= 7 ? index.stems.find((candidate) => candidate.startsWith(word.slice(0, 7))) : undefined;
}

export interface NameMatch {
  readonly indicator: Indicator;
  /** 0…1: the share of the name said × the share of the message's words that are in the name. */
  readonly score: number;
  readonly matched: readonly string[];
  /** The first word of the name (its head noun) is among those said. */
  readonly head: boolean;
}

/** Every indicator whose name shares words with the message, best first. */
export function matchNames(plan: Plan, normalizedText: string): NameMatch[] {
  const index = nameIndex(plan);
  const queryStems = [...new Set(contentStems(normalizedText))].map((w) => resolveStem(index, w) ?? w);
  // A word no name has weighs like the rarest word of the names: it says the message is about something else.
  const unknownWeight = Math.log(1 + index.entries.length);
  const queryWeight = queryStems.reduce((sum, s) => sum + (index.idf.get(s) ?? unknownWeight), 0);
  const matches: NameMatch[] = [];
  for (const entry of index.entries) {
    const matched = queryStems.filter((s) => entry.stems.has(s));
    if (matched.length === 0 || entry.weight === 0) continue;
    const said = matched.reduce((sum, s) => sum + (index.idf.get(s) ?? 0), 0);
    const score = (said / entry.weight) * (said / queryWeight);
    const head = entry.stems.values().next().value;
    matches.push({ indicator: entry.indicator, score, matched, head: head !== undefined && matched.includes(head) });
  }
  return matches.sort((a, b) => b.score - a.score || a.indicator.id - b.indicator.id);
}

/** The numbers written in an indicator's name. */
export function nameNumbers(plan: Plan, indicator: Indicator): ReadonlySet<string> {
  return nameIndex(plan).entries.find((e) => e.indicator.id === indicator.id)?.numbers ?? new Set();
}

export function nameStems(plan: Plan, indicator: Indicator): ReadonlySet<string> {
  return nameIndex(plan).entries.find((e) => e.indicator.id === indicator.id)?.stems ?? new Set();
}

/** The three names nearest to what was written, by letters when no word is shared. */
export function closestNames(plan: Plan, normalizedText: string): Indicator[] {
  const byWords = matchNames(plan, normalizedText).map((m) => m.indicator);
  if (byWords.length >= 3) return byWords.slice(0, 3);
  const byLetters = [...plan.indicators]
    .map((indicator) => ({ indicator, d: distance(normalize(indicator.name).slice(0, normalizedText.length + 4), normalizedText) }))
    .sort((a, b) => a.d - b.d || a.indicator.id - b.indicator.id)
    .map((x) => x.indicator);
  return [...new Set([...byWords, ...byLetters])].slice(0, 3);
}
