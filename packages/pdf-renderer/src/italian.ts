import { formatEuro, formatNumber, formatPercent, readPeriod, type Indicator, type Monitoring } from '@perf/model';
import { BAND_LABELS, type Band, type Grade } from '@perf/scoring';

export { formatEuro, formatFractionPercent, formatNumber, formatPercent, plural } from '@perf/model';

/** A bilancio item given as its share of a total, back in euro to the cent; "n.d." when either is unknown. */
export function euroOfShare(fraction: number | null, total: number | null | undefined): string {
  return fraction === null || total === null || total === undefined ? 'n.d.' : formatEuro(Math.round(fraction * total * 100) / 100);
}

/** What an item without a score reads as: never 0%. */
export const NOT_SCORED = 'non rilevato';

export { BAND_LABELS };

/** The seed's band table rows, with the range each band covers. */
export const BAND_ROWS: readonly { band: Band; label: string; range: string }[] = [
  { band: 'green', label: 'Con target raggiunto (90%-100%)', range: '90-100%' },
  { band: 'yellow', label: 'Con target parzialmente raggiunto (80%-89%)', range: '80-89%' },
  { band: 'red', label: 'Con target non raggiunto (0-79%)', range: '0-79%' },
];

export function gradeText(grade: Pick<Grade, 'percent'>): string {
  return grade.percent === null ? NOT_SCORED : formatPercent(grade.percent);
}

export function bandText(band: Band | null): string {
  return band === null ? NOT_SCORED : BAND_LABELS[band];
}

/** A number for people: 23 · 23,5 · 1.234,56 (at most two decimals, none forced). */
export function plainNumber(value: number, decimals = 2): string {
  return formatNumber(value, decimals, 0);
}

/** A reported value in the indicator's unit: 83% · € 772.193,00 · 29 ‰ · 12 n. · sì. */
export function indicatorValue(indicator: Pick<Indicator, 'direction' | 'unit'>, value: number): string {
  if (indicator.direction === 'boolean') return value >= 1 ? 'sì' : 'no';
  const unit = indicator.unit?.trim() ?? '';
  if (unit === '%') return `${plainNumber(value)}%`;
  if (unit === '€') return formatEuro(value);
  return unit === '' ? plainNumber(value) : `${plainNumber(value)} ${unit}`;
}

/** The target with its direction: ≥ 30 n. · ≤ 5% · sì. */
export function indicatorTarget(indicator: Pick<Indicator, 'direction' | 'unit' | 'target'>): string {
  if (indicator.direction === 'boolean') return 'sì';
  return `${indicator.direction === 'higher' ? '≥' : '≤'} ${indicatorValue(indicator, indicator.target)}`;
}

const ROME = 'Europe/Rome';
const longDate = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTime = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** 27 novembre 2026 */
export const formatDateLong = (date: Date): string => longDate.format(date);
/** The articled prepositions before a date (long, or short as «dall’11/04/2012»), and their elided forms before «8» and «11» (l’8, dell’11). */
const ELIDED = { il: 'l’', del: 'dell’', dal: 'dall’', al: 'all’' } as const;

/**
 * «il 27 novembre 2026», «l’8 dicembre 2026», «dell’11 aprile 2013»: a long date after its article, elided
 * before the days read with a vowel (otto, undici), as Italian writes them.
 */
export function articledDate(article: keyof typeof ELIDED, date: Date, format: (date: Date) => string = formatDateLong): string {
  const text = format(date);
  return /^(0?8|11)\D/.test(text) ? `${ELIDED[article]}${text}` : `${article} ${text}`;
}
/** 27/11/2026 */
export const formatDateShort = (date: Date): string => shortDate.format(date);
/** 27/11/2026 17:25 */
export const formatDateTime = (date: Date): string => dateTime.format(date).replace(',', '');

const ROMAN = ['I', 'II', 'III', 'IV'];

/** 2012-Q3 → "III trimestre 2012" (short: "III trim. 2012"); 2012-4M2 → "II quadrimestre 2012"; 2012 → "anno 2012". */
export function periodLabel(period: string, short = false): string {
  try {
    const p = readPeriod(period);
    if (p.kind === 'Y') return `anno ${p.year}`;
    const name = p.kind === 'Q' ? (short ? 'trim.' : 'trimestre') : short ? 'quadr.' : 'quadrimestre';
    return `${ROMAN[p.index - 1] ?? p.index} ${name} ${p.year}`;
  } catch {
    return period;
  }
}

export function rhythmName(monitoring: Monitoring): { adjective: string; period: string } {
  return monitoring === 'quarterly' ? { adjective: 'trimestrale', period: 'Trimestre' } : { adjective: 'quadrimestrale', period: 'Quadrimestre' };
}


/** "La CCIAA di Massa Carrara" for a Camera di Commercio, the name itself otherwise. */
export function shortEnte(name: string): string {
  return name.replace(/^Camera di Commercio,?( Industria, Artigianato e Agricoltura)?/i, 'La CCIAA');
}

/** A text cut to at most `max` characters with "…", at the end of a word (inside one only when a single word is that long). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd().replace(/[,;:]$/, '')}…`;
}
