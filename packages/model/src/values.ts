import { PerfError } from './errors.ts';
import type { Direction } from './plan.ts';

const NUMBER_FORM = 'Numeri ammessi: 23 · 23.5 · 23,5 · 1.234,5 · 83%.';
const BOOLEAN_FORM = 'Valori ammessi: sì / si / yes / true / 1 oppure no / false / 0.';

/**
 * Parses a number as people type it: `23`, `23.5`, `23,5`, `1.234,5`, `1.234.567`, `83%`, `-4`.
 * A single dot followed by exactly three digits (`1.234`) reads as Italian thousands.
 */
export function parseItalianNumber(raw: string): number | undefined {
  // The common forms (`23`, `-4`, `23,5`) read directly: a file of values parses one per row.
  if (PLAIN.test(raw)) return Number(raw.replace(',', '.'));
  let text = raw.trim().replace(/\s+/g, '').replace(/%$/, '').replace(/^€/, '').replace(/€$/, '');
  if (!/^[+-]?\d[\d.,]*$/.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  text = text.replace(/^[+-]/, '');
  const commaCount = (text.match(/,/g) ?? []).length;
  if (commaCount > 1) return undefined;
  if (commaCount === 1) {
    const [integer = '', decimals = ''] = text.split(',');
    if (decimals === '' || /\./.test(decimals)) return undefined;
    if (integer.includes('.') && !THOUSANDS.test(integer)) return undefined;
    return sign * Number(`${integer.replace(/\./g, '')}.${decimals}`);
  }
  const dots = (text.match(/\./g) ?? []).length;
  if (dots > 1 || THOUSANDS.test(text)) {
    if (!THOUSANDS.test(text)) return undefined;
    return sign * Number(text.replace(/\./g, ''));
  }
  if (text.endsWith('.')) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? sign * value : undefined;
}

/** Digits, with a decimal comma: what most values look like. */
const PLAIN = /^-?\d+(?:,\d+)?$/;

/** `1.234` or `12.345.678`: Italian thousands separators (a leading 0, as in `0.125`, is a decimal). */
const THOUSANDS = /^[1-9]\d{0,2}(\.\d{3})+$/;

const TRUE_WORDS = new Set(['si', 'sì', 'yes', 'true', '1', 'vero', 'fatto']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'falso']);

export function parseItalianBoolean(raw: string): boolean | undefined {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** A reported value as stored: booleans become 1 / 0. Throws PerfError('VALUE_INVALID'). */
export function parseIndicatorValue(raw: string, direction: Direction): number {
  if (direction === 'boolean') {
    const bool = parseItalianBoolean(raw);
    if (bool !== undefined) return bool ? 1 : 0;
    const number = parseItalianNumber(raw);
    if (number !== undefined) return number >= 1 ? 1 : 0;
    throw new PerfError('VALUE_INVALID', `Valore "${raw}" non valido per un indicatore sì/no.`, { hint: BOOLEAN_FORM });
  }
  const number = parseItalianNumber(raw);
  if (number === undefined) throw new PerfError('VALUE_INVALID', `Valore "${raw}" non è un numero.`, { hint: NUMBER_FORM });
  return number;
}

/**
 * A number from a spreadsheet cell or a YAML file, as text that `parseItalianNumber` reads back
 * exactly: 23 · 23,5 · 1,234 (never `1.234`, which would read as Italian thousands).
 */
export function numberText(value: number): string {
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }).replace('.', ',');
}
