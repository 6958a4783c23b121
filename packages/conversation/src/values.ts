import { parseItalianNumber, type Indicator } from '@perf/model';
import type { Span } from './periods.ts';

export type UnitKind = 'percent' | 'euro' | 'days' | 'hours' | 'points' | 'permille';

/** A number the person wrote, with the unit written beside it. */
export interface ValueMention extends Span {
  /** The number as written (`1.250`, `3,2`), or the digit of a number word (`zero` → `0`). */
  readonly text: string;
  readonly value: number;
  readonly unit: UnitKind | undefined;
}

const UNIT_WORDS: readonly [RegExp, UnitKind][] = [
  [/^(%|per ?cento|percento|percent|pct)/, 'percent'],
  // `\b` after `€` would need a word character next: `750.000 €` at the end of a message has none.
  [/^(€|(?:euro|eur)\b)/, 'euro'],
  [/^(giorni|giorno|gg|days?)\b/, 'days'],
  [/^(ore|ora|h|hours?)\b/, 'hours'],
  [/^(punti|punto|points?)\b/, 'points'],
  [/^(‰|per ?mille)/, 'permille'],
];

const NUMBER = /(€\s*)?(?<![\w.,-])([-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-+]?\d+(?:[.,]\d+)?)(?![\w]|[.,]\d)/g;
const NUMBER_WORDS: Record<string, number> = {
  zero: 0, nessuno: 0, nessuna: 0, nessun: 0, none: 0, uno: 1, una: 1, due: 2, tre: 3, quattro: 4, cinque: 5,
  sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10, venti: 20, cento: 100,
};
const NUMBER_WORD = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join('|')})\\b`, 'g');

function unitAfter(text: string, end: number): { unit: UnitKind | undefined; end: number } {
  const rest = text.slice(end);
  const spaces = /^\s*/.exec(rest)?.[0].length ?? 0;
  for (const [re, unit] of UNIT_WORDS) {
    const match = re.exec(rest.slice(spaces));
    if (match) return { unit, end: end + spaces + match[0].length };
  }
  return { unit: undefined, end };
}

function outside(spans: readonly Span[], start: number, end: number): boolean {
  return !spans.some((s) => start < s.end && end > s.start);
}

/** Every number of a normalised message outside `skip` (period words, the indicator's reference). */
export function findValues(text: string, skip: readonly Span[], withWords: boolean): ValueMention[] {
  const found: ValueMention[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    const digits = m[2] ?? '';
    const start = m.index + (m[1]?.length ?? 0);
    if (!outside(skip, start, start + digits.length)) continue;
    const value = parseItalianNumber(digits);
    if (value === undefined) continue;
    const after = unitAfter(text, m.index + m[0].length);
    found.push({ start, end: after.end, text: digits, value, unit: m[1] !== undefined ? 'euro' : after.unit });
  }
  if (!withWords) return found;
  NUMBER_WORD.lastIndex = 0;
  for (let m = NUMBER_WORD.exec(text); m !== null; m = NUMBER_WORD.exec(text)) {
    if (!outside([...skip, ...found], m.index, m.index + m[0].length)) continue;
    const value = NUMBER_WORDS[m[1] ?? ''] ?? 0;
    const after = unitAfter(text, m.index + m[0].length);
    found.push({ start: m.index, end: after.end, text: String(value), value, unit: after.unit });
  }
  return found.sort((a, b) => a.start - b.start);
}

const INDICATOR_UNITS: Record<string, UnitKind> = { '%': 'percent', '€': 'euro', euro: 'euro', giorni: 'days', ore: 'hours', punti: 'points', '‰': 'permille' };

export function unitOf(indicator: Indicator): UnitKind | undefined {
  return indicator.unit === undefined ? undefined : INDICATOR_UNITS[indicator.unit.trim().toLowerCase()];
}

export const UNIT_NAMES: Record<UnitKind, string> = {
  percent: 'una percentuale', euro: 'un importo in euro', days: 'un numero di giorni', hours: 'un numero di ore', points: 'un punteggio', permille: 'un valore per mille',
};

/** The value text handed to the report command: the number as written, `%` kept on a percentage. */
export function rawValueOf(mention: ValueMention): string {
  return mention.unit === 'percent' ? `${mention.text}%` : mention.text;
}

const YES = /\b(si|yes|fatto|fatta|fatti|done|costituit[oa]|realizzat[oa]|avviat[oa]|aggiornat[oa]|assegnat[oa]|completat[oa]|concluso|conclusa|terminat[oa]|ok|raggiunto|raggiunta|vero|true|approvat[oa]|attivat[oa]|a regime)\b/;
const NO = /\b(no|non|not|niente|nulla|false|falso|mai)\b/;

/** Yes or no on a yes/no indicator, from natural words; undefined when neither was said. */
export function findBoolean(text: string, nameStems: ReadonlySet<string>, stemOf: (w: string) => string): 'sì' | 'no' | undefined {
  const words = text.split(/[^a-z]+/).filter((w) => w !== '');
  const negated = words.some((w) => NO.test(w) && !nameStems.has(stemOf(w)));
  if (/\bnon ancora\b|\bnot yet\b|\bancora no\b/.test(text) || negated) return 'no';
  if (YES.test(text)) return 'sì';
  return undefined;
}
