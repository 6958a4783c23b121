import { PerfError } from './errors.ts';
import { formatValue } from './format.ts';
import { holdsExactly, visibleText } from './value-checks.ts';
import type { Direction } from './plan.ts';

const NUMBER_FORM = 'Numeri ammessi: 23 · 23.5 · 23,5 · 1.234,5 · 83%.';
const BOOLEAN_FORM = 'Valori ammessi: sì / si / yes / true / 1 oppure no / false / 0.';
const EXACT_FORM = 'Scrivi il numero con al massimo 15 cifre significative, ad esempio 1.234.567,89.';

/**
 * Parses a number as people type it: `23`, `23.5`, `23,5`, `1.234,5`, `1.234.567`, `83%`, `-4`.
 * A single dot followed by exactly three digits (`1.234`) reads as Italian thousands.
 */
export function parseItalianNumber(raw: string): number | undefined {
  const decimal = italianDecimal(raw);
  if (decimal === undefined) return undefined;
  const value = Number(decimal);
  return Number.isFinite(value) ? value : undefined;
}

/** The plain decimal (`-1234.5`) a person's number stands for, or undefined when it is not a number. */
function italianDecimal(raw: string): string | undefined {
  // The common forms (`23`, `-4`, `23,5`) read directly: a file of values parses one per row.
  if (PLAIN.test(raw)) return raw.replace(',', '.');
  let text = raw.trim().replace(/\s+/g, '').replace(/%$/, '').replace(/^€/, '').replace(/€$/, '');
  if (!/^[+-]?\d[\d.,]*$/.test(text)) return undefined;
  const sign = text.startsWith('-') ? '-' : '';
  text = text.replace(/^[+-]/, '');
  const commaCount = (text.match(/,/g) ?? []).length;
  if (commaCount > 1) return undefined;
  if (commaCount === 1) {
    const [integer = '', decimals = ''] = text.split(',');
    if (decimals === '' || /\./.test(decimals)) return undefined;
    if (integer.includes('.') && !THOUSANDS.test(integer)) return undefined;
    return `${sign}${integer.replace(/\./g, '')}.${decimals}`;
  }
  const dots = (text.match(/\./g) ?? []).length;
  if (dots > 1 || THOUSANDS.test(text)) {
    if (!THOUSANDS.test(text)) return undefined;
    return sign + text.replace(/\./g, '');
  }
  if (text.endsWith('.')) return undefined;
  return sign + text;
}

/** Digits, with a decimal comma: what most values look like. */
const PLAIN = /^-?\d+(?:,\d+)?$/;

/** `1.234` or `12.345.678`: Italian thousands separators (a leading 0, as in `0.125`, is a decimal). */
const THOUSANDS = /^[1-9]\d{0,2}(\.\d{3})+$/;

/** The boolean forms of the contract (§4), and only those. */
const TRUE_WORDS = new Set(['si', 'sì', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['no', 'false', '0']);

export function parseItalianBoolean(raw: string): boolean | undefined {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** What a value is checked against: the indicator's direction, unit and, where the plan gives them, its bounds. */
export interface ValueTarget {
  readonly direction: Direction;
  readonly unit?: string | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/** A count (`n.`) or a duration (`giorni`, `ore`, …): a quantity that is never negative, whatever the plan's bounds. */
export function isCount(indicator: ValueTarget): boolean {
  return /^(n\.?|giorn[oi]|gg|or[ae]|minut[oi]|settiman[ae]|mes[ei])$/i.test(indicator.unit?.trim() ?? '');
}

function refuse(message: string, hint: string): PerfError {
  return new PerfError('VALUE_INVALID', message, { hint, field: 'value' });
}

/**
 * A reported value as stored, checked against its indicator (the one check of every channel):
 * booleans become 1 / 0 and accept only the forms of §4; `%` only on a percentage; only a finite
 * number that a double holds exactly; never a negative count; never outside the plan's `min` and `max`.
 * Throws PerfError('VALUE_INVALID').
 */
export function parseIndicatorValue(raw: string, indicator: ValueTarget): number {
  const shown = visibleText(raw);
  if (indicator.direction === 'boolean') {
    const bool = parseItalianBoolean(raw);
    if (bool !== undefined) return bool ? 1 : 0;
    throw refuse(`Il valore "${shown}" non va bene per un indicatore sì/no.`, BOOLEAN_FORM);
  }
  const decimal = italianDecimal(raw);
  if (decimal === undefined) throw refuse(`Il valore "${shown}" non è un numero.`, NUMBER_FORM);
  const value = Number(decimal);
  if (!Number.isFinite(value)) throw refuse(`Il valore "${shown}" è troppo grande per essere un numero.`, EXACT_FORM);
  if (!holdsExactly(decimal, value)) throw refuse(`Il valore "${shown}" ha più cifre di quante se ne possano conservare esattamente (diventerebbe ${String(value)}).`, EXACT_FORM);
  const unit = indicator.unit?.trim();
  if (raw.trim().endsWith('%') && unit !== '%') {
    throw refuse(`Il valore "${shown}" ha il simbolo %, ma l'indicatore non è una percentuale (${unit === undefined || unit === '' ? 'non ha unità' : `si misura in ${unit}`}).`, `Scrivi il numero senza %: value=${raw.trim().slice(0, -1).trim()}.`);
  }
  if (value < 0 && isCount(indicator)) {
    throw refuse(`Il valore "${shown}" è negativo, ma l'indicatore si misura in ${indicator.unit?.trim()}: non può essere sotto zero.`, 'Scrivi un numero da 0 in su, ad esempio value=12.');
  }
  const outside = outsideBounds(value, indicator);
  if (outside !== undefined) throw refuse(`Il valore "${shown}" ${outside.problem}.`, outside.hint);
  return value;
}

/** Where a value falls outside the indicator's `min` and `max` (e.g. 150% of satisfied users): what is wrong and the right range. */
function outsideBounds(value: number, { min, max, unit }: ValueTarget): { problem: string; hint: string } | undefined {
  const suffix = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  const bound = (n: number) => `${formatValue(n)}${suffix}`;
  const range = min !== undefined && max !== undefined ? `tra ${bound(min)} e ${bound(max)}` : min !== undefined ? `da ${bound(min)} in su` : `fino a ${bound(max ?? 0)}`;
  const hint = `Il Piano ammette per questo indicatore valori ${range}.`;
  if (min !== undefined && value < min) return { problem: `è sotto il minimo dell'indicatore (${bound(min)})`, hint };
  if (max !== undefined && value > max) return { problem: `supera il massimo dell'indicatore (${bound(max)})`, hint };
  return undefined;
}

/**
 * Why a value stored under an earlier version of the plan no longer fits the indicator (a revised
 * plan made it yes/no, a count, or narrowed its bounds), or undefined when it still does.
 */
export function storedValueProblem(value: number, indicator: ValueTarget): string | undefined {
  if (indicator.direction === 'boolean') return value === 0 || value === 1 ? undefined : "non è sì né no, e l'indicatore ora è sì/no";
  if (value < 0 && isCount(indicator)) return `è negativo, e l'indicatore ora si misura in ${indicator.unit?.trim()}`;
  const outside = outsideBounds(value, indicator);
  return outside === undefined ? undefined : `${outside.problem.replace("dell'indicatore", 'del Piano')}; ${outside.hint.charAt(0).toLowerCase()}${outside.hint.slice(1, -1)}`;
}

/**
 * A number from a spreadsheet cell or a YAML file, as text that `parseItalianNumber` reads back
 * exactly: 23 · 23,5 · 1,234 (never `1.234`, which would read as Italian thousands).
 */
export function numberText(value: number): string {
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }).replace('.', ',');
}
