import { PerfError } from './errors.ts';
import type { Monitoring } from './plan.ts';

/** A monitoring period: the whole year, a quarter or a quadrimestre. */
export interface Period {
  readonly year: number;
  /** 'Y' for the whole year, 'Q' for quarters, '4M' for quadrimestri. */
  readonly kind: 'Y' | 'Q' | '4M';
  /** 1-based index within the year; 0 for the whole year. */
  readonly index: number;
}

const PERIOD_PATTERN = /^(\d{4})(?:-(Q|4M)(\d+))?$/i;

export function periodForm(year: number, monitoring: Monitoring): string {
  return monitoring === 'quarterly'
    ? `${year}-Q1 … ${year}-Q4 (trimestri) oppure ${year} (anno)`
    : `${year}-4M1 … ${year}-4M3 (quadrimestri) oppure ${year} (anno)`;
}

export function periodsPerYear(monitoring: Monitoring): number {
  return monitoring === 'quarterly' ? 4 : 3;
}

export function periodKind(monitoring: Monitoring): 'Q' | '4M' {
  return monitoring === 'quarterly' ? 'Q' : '4M';
}

export function formatPeriod(period: Period): string {
  return period.kind === 'Y' ? String(period.year) : `${period.year}-${period.kind}${period.index}`;
}

const GENERIC_FORM = 'Forma corretta: period=AAAA-Q1 … AAAA-Q4 (trimestri), AAAA-4M1 … AAAA-4M3 (quadrimestri) oppure AAAA (anno), ad esempio period=2012-Q4.';

/** The period a text names (`2012`, `2012-Q3`, `2012-4M2`), or why it names none (a refusal without its hint). */
function readPeriodText(text: string): Period | string {
  const match = PERIOD_PATTERN.exec(text.trim());
  if (!match) return `Periodo "${text}" non valido.`;
  const year = Number(match[1]);
  const kind = match[2] === undefined ? 'Y' : (match[2].toUpperCase() as 'Q' | '4M');
  const index = match[3] === undefined ? 0 : Number(match[3]);
  if (kind !== 'Y') {
    const max = kind === 'Q' ? 4 : 3;
    if (index < 1 || index > max) return `Periodo "${text}" non valido: ${kind === 'Q' ? 'i trimestri vanno da Q1 a Q4' : 'i quadrimestri vanno da 4M1 a 4M3'}.`;
  }
  return { year, kind, index };
}

/** Parses `2012`, `2012-Q3` or `2012-4M2` on its own: the form and the range of the index. */
export function parsePeriodText(text: string, form = GENERIC_FORM): Period {
  const period = readPeriodText(text);
  if (typeof period === 'string') throw new PerfError('PERIOD_INVALID', period, { hint: form });
  return period;
}

/** The right form of a period for a plan, the hint of a refusal (written only then: a file of values parses a period per row). */
function planPeriodForm(plan: { year: number; monitoring: Monitoring }): string {
  return `Forma corretta: period=${periodForm(plan.year, plan.monitoring)}.`;
}

/** Parses a period and checks it against the plan's year and monitoring rhythm. */
export function parsePeriod(text: string, plan: { year: number; monitoring: Monitoring }): Period {
  const period = readPeriodText(text);
  if (typeof period === 'string') throw new PerfError('PERIOD_INVALID', period, { hint: planPeriodForm(plan) });
  if (period.kind !== 'Y' && period.kind !== periodKind(plan.monitoring)) {
    throw new PerfError('PERIOD_INVALID', `Periodo "${text}" non valido: il Piano ${plan.year} ha monitoraggio ${plan.monitoring === 'quarterly' ? 'trimestrale' : 'quadrimestrale'}.`, { hint: planPeriodForm(plan) });
  }
  if (period.year !== plan.year) {
    throw new PerfError('PERIOD_OUTSIDE_PLAN', `Il periodo "${text}" è fuori dall'anno del Piano (${plan.year}).`, { hint: planPeriodForm(plan) });
  }
  return period;
}

/** Orders periods within a year; the whole-year value comes after every sub-period. */
export function periodRank(period: Period): number {
  return period.kind === 'Y' ? 99 : period.index;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || periodRank(a) - periodRank(b);
}

/** Parses a stored period string without checking a plan (it was checked when stored). */
export function readPeriod(text: string): Period {
  return parsePeriodText(text);
}

/** Calendar date and time of an instant in Europe/Rome. */
export function romeDateParts(instant: Date): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The sub-period (quarter or quadrimestre) of the plan's rhythm that contains a Rome calendar month. */
export function periodOfMonth(year: number, month: number, monitoring: Monitoring): Period {
  const length = 12 / periodsPerYear(monitoring);
  return { year, kind: periodKind(monitoring), index: Math.floor((month - 1) / length) + 1 };
}

export function lastPeriodOfYear(year: number, monitoring: Monitoring): Period {
  return { year, kind: periodKind(monitoring), index: periodsPerYear(monitoring) };
}

export function periodsOfYear(year: number, monitoring: Monitoring): Period[] {
  return Array.from({ length: periodsPerYear(monitoring) }, (_, i) => ({ year, kind: periodKind(monitoring), index: i + 1 }));
}

/**
 * The period a report without `period=` goes to (§4): the current period of the plan's rhythm
 * in Europe/Rome, or the year's last period once the year is over.
 */
export function defaultReportPeriod(plan: { year: number; monitoring: Monitoring }, now: Date): Period {
  const today = romeDateParts(now);
  if (today.year > plan.year) return lastPeriodOfYear(plan.year, plan.monitoring);
  if (today.year < plan.year) {
    throw new PerfError('PERIOD_NOT_STARTED', `Il Piano ${plan.year} non è ancora iniziato: indica il periodo.`, {
      hint: `Forma corretta: period=${periodForm(plan.year, plan.monitoring)}.`,
    });
  }
  return periodOfMonth(today.year, today.month, plan.monitoring);
}

/** First and last calendar day (inclusive, Europe/Rome) of a sub-period. */
export function periodBounds(period: Period): { firstMonth: number; lastMonth: number } {
  if (period.kind === 'Y') return { firstMonth: 1, lastMonth: 12 };
  const length = period.kind === 'Q' ? 3 : 4;
  return { firstMonth: (period.index - 1) * length + 1, lastMonth: period.index * length };
}

/** The instant a period closes: midnight in Rome after its last day. */
export function periodEnd(period: Period): Date {
  const { lastMonth } = periodBounds(period);
  return romeMidnight(lastMonth === 12 ? period.year + 1 : period.year, lastMonth === 12 ? 1 : lastMonth + 1, 1);
}

/** The instant of 00:00 Europe/Rome on a calendar day. */
export function romeMidnight(year: number, month: number, day: number): Date {
  const utcGuess = Date.UTC(year, month - 1, day);
  const offsetMinutes = (instant: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
    const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    if (!match) return 0;
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
  };
  return new Date(utcGuess - offsetMinutes(utcGuess - 3 * 3600_000) * 60_000);
}

/** The articled prepositions before a period's name: «il» before «primo trimestre», «l'» before «anno». */
const ARTICLED = { per: { il: 'per il ', elided: "per l'" }, di: { il: 'del ', elided: "dell'" } } as const;

/** "per il primo trimestre 2012", "per l'anno 2012", "del terzo trimestre 2012", "dell'anno 2012". */
export function articledPeriod(preposition: keyof typeof ARTICLED, period: Period): string {
  const forms = ARTICLED[preposition];
  return `${period.kind === 'Y' ? forms.elided : forms.il}${italianPeriodName(period)}`;
}

export function italianPeriodName(period: Period): string {
  if (period.kind === 'Y') return `anno ${period.year}`;
  const ordinals = ['primo', 'secondo', 'terzo', 'quarto'];
  return `${ordinals[period.index - 1] ?? period.index} ${period.kind === 'Q' ? 'trimestre' : 'quadrimestre'} ${period.year}`;
}
