import { formatValue, type Indicator } from '@perf/model';
import { closestNames, matchNames, nameNumbers, nameStems, type NameMatch } from './indicators.ts';
import { findPeriod, rhythmHint, type Span } from './periods.ts';
import { findNumberReference } from './reference.ts';
import { stem } from './text.ts';
import type { Intent, UnderstandInput } from './types.ts';
import { findBoolean, findValues, rawValueOf, UNIT_NAMES, unitOf, type ValueMention } from './values.ts';

/** A name match weaker than this names nothing. */
const MIN_SCORE = 0.12;
/** Candidates within this share of the best are offered as a choice. */
const CLOSE = 0.7;
const MAX_CHOICES = 5;

export interface Fallback {
  readonly indicator: number;
  readonly period: string | undefined;
  readonly correction: boolean;
}

const REPORT_FORM = '«<indicatore>: <valore>», ad esempio «12: 23,5», oppure report <indicatore> value=<valore> [period=<periodo>]';

export function refuse(code: Extract<Intent, { kind: 'refuse' }>['code'], message: string, hint: string): Intent {
  return { kind: 'refuse', code, message, hint };
}

function label(indicator: Indicator): string {
  return `${indicator.id} «${indicator.name}»`;
}

function withoutSpans(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function oneAtATime(values: readonly ValueMention[]): Intent {
  return refuse('ONE_AT_A_TIME', `Ho letto più valori (${values.map((v) => v.text).join(', ')}): registro un valore alla volta.`, `Scrivi un messaggio per indicatore: ${REPORT_FORM}.`);
}

type Pick = { indicator: Indicator } | { intent: Intent } | undefined;

/** Someone else's indicator is named only by a clear match… */
const OTHERS_SCORE = 0.3;
/** …and beats the speaker's best by this factor. */
const OTHERS_MARGIN = 0.5;

/** The indicator a message names by its words, preferring the speaker's own and those measured in the unit said. */
function pickByName(text: string, input: UnderstandInput, mentions: readonly ValueMention[], fallback: Fallback | undefined): Pick {
  const matches = matchNames(input.plan, text);
  const best = matches[0];
  const fallbackIndicator = fallback && input.plan.indicators.find((i) => i.id === fallback.indicator);
  if (fallbackIndicator && (best === undefined || best.score < OTHERS_SCORE)) return { indicator: fallbackIndicator };
  const mine = matches.filter((m) => input.reportable.has(m.indicator.id));
  const [bestMine] = mine;
  // Someone else's indicator named far better than any of the speaker's own: it is theirs, say so.
  const theirs = best !== undefined && best.score >= OTHERS_SCORE && !input.reportable.has(best.indicator.id) ? best : undefined;
  if (theirs && (bestMine === undefined || bestMine.score < theirs.score * OTHERS_MARGIN)) return { intent: notYours(theirs.indicator, input) };
  if (bestMine === undefined || bestMine.score < MIN_SCORE) return undefined;
  return choose(mine, mentions);
}

/** Among close candidates, those that take the unit written beside the one value, when some do. */
function inUnit(pool: readonly NameMatch[], mentions: readonly ValueMention[]): readonly NameMatch[] {
  const unit = mentions.length === 1 ? mentions[0]?.unit : undefined;
  if (unit === undefined) return pool;
  const fitting = pool.filter((m) => unitOf(m.indicator) === unit);
  return fitting.length > 0 ? fitting : pool;
}

/**
 * The best match, unless others are as good: near in score, or matching every word it matches.
 * Among those, the one whose name starts with a word said (its head noun) wins; else a choice.
 */
function choose(pool: readonly NameMatch[], mentions: readonly ValueMention[]): Pick {
  const [top] = pool;
  if (top === undefined) return undefined;
  const close = inUnit(pool.filter((m) => m.score >= top.score * CLOSE || top.matched.every((s) => m.matched.includes(s))), mentions).slice(0, MAX_CHOICES);
  if (close.length === 1 && close[0]) return { indicator: close[0].indicator };
  const headed = close.filter((m) => m.head);
  if (headed.length === 1 && headed[0]) return { indicator: headed[0].indicator };
  if (mentions.length > 1) return { intent: oneAtATime(mentions) };
  return { intent: { kind: 'choose', choice: { options: close.map((m) => m.indicator.id), rawValue: undefined, period: undefined }, candidates: close.map((m) => m.indicator) } };
}

/** The value for the indicator among the numbers said: one, not a number of its name, in a unit it takes. */
function readValue(text: string, mentions: readonly ValueMention[], indicator: Indicator, input: UnderstandInput): { rawValue: string } | { intent: Intent } | undefined {
  const names = nameNumbers(input.plan, indicator);
  const values = mentions.length > 1 ? mentions.filter((m) => !names.has(m.text)) : [...mentions];
  if (indicator.direction === 'boolean') {
    const said = findBoolean(text, nameStems(input.plan, indicator), stem);
    if (said !== undefined) return { rawValue: said };
  }
  if (values.length === 0) return undefined;
  if (values.length > 1) return { intent: oneAtATime(values) };
  const [value] = values as [ValueMention];
  const unit = unitOf(indicator);
  if (value.unit !== undefined && value.unit !== unit && indicator.direction !== 'boolean') {
    const measured = unit === undefined ? `si misura in ${indicator.unit ?? 'numero'}` : `si misura come ${UNIT_NAMES[unit]}`;
    return { intent: refuse('UNIT_MISMATCH', `L'indicatore ${label(indicator)} ${measured}: «${text.slice(value.start, value.end).trim()}» è ${UNIT_NAMES[value.unit]}. Nulla è stato registrato.`, `Scrivi il valore nell'unità dell'indicatore, ad esempio «${indicator.id}: ${formatValue(indicator.target)}${unit === 'percent' ? '%' : ''}».`) };
  }
  return { rawValue: rawValueOf(value) };
}

/**
 * A value report in free text: the indicator (by number, or by name), the period in words, the one
 * value. Undefined when the message names no indicator and says no value (not a report at all).
 */
export function readReport(text: string, input: UnderstandInput, fallback?: Fallback): Intent | undefined {
  const { plan } = input;
  const period = findPeriod(text, plan, input.currentPeriod);
  if (period.kind === 'rhythm') {
    return refuse('PERIOD_RHYTHM', `«${period.said}» non è un periodo di monitoraggio del Piano: ${rhythmHint(plan)}.`, `Ad esempio «${REPORT_FORM.split('»')[0]?.slice(1)} nel ${plan.monitoring === 'quarterly' ? 'terzo trimestre' : 'secondo quadrimestre'}».`);
  }
  const reference = findNumberReference(withoutSpans(text, period.spans), plan);
  const skip = [...period.spans, ...(reference ? [reference] : [])];
  const mentions = findValues(text, skip, true);
  let indicator: Indicator | undefined;
  if (reference) {
    indicator = plan.indicators.find((i) => i.id === reference.id);
    if (!indicator) return refuse('INDICATOR_NOT_FOUND', `L'indicatore ${reference.id} non esiste nel Piano ${plan.ente.code} ${plan.year}.`, `Forma corretta: ${REPORT_FORM}. Scrivi «status me» per i tuoi indicatori.`);
  } else {
    const picked = pickByName(withoutSpans(text, [...skip, ...mentions]), input, mentions, fallback);
    if (picked && 'intent' in picked) return withSaid(picked.intent, mentions, period.kind === 'period' ? period.code : undefined);
    indicator = picked?.indicator;
  }
  if (!indicator) {
    if (mentions.length === 0) return undefined;
    const near = closestNames(plan, withoutSpans(text, [...skip, ...mentions]).trim());
    return refuse('INDICATOR_NOT_FOUND', `Non ho capito a quale indicatore si riferisce «${text}».`, `I più vicini: ${near.map(label).join('; ')}. Forma corretta: ${REPORT_FORM}.`);
  }
  const periodCode = period.kind === 'period' ? period.code : fallback?.period;
  const value = readValue(text, mentions, indicator, input);
  if (value === undefined) return { kind: 'ask-value', indicator, period: periodCode };
  if ('intent' in value) return value.intent;
  if (!input.reportable.has(indicator.id)) return notYours(indicator, input);
  return { kind: 'report', report: { indicator: indicator.id, rawValue: value.rawValue, period: periodCode, correction: fallback?.correction ?? false } };
}

function notYours(indicator: Indicator, input: UnderstandInput): Intent {
  const owner = input.plan.people.find((p) => p.id === indicator.owner);
  return refuse('NOT_YOURS', `L'indicatore ${label(indicator)} è di ${owner?.name ?? indicator.owner} (${indicator.owner}): non puoi registrarlo tu.`, input.reportable.size === 0 ? 'L\'OIV legge tutto e non registra valori.' : 'Scrivi «status me» per vedere i tuoi indicatori.');
}

/** A choice remembers the one value and the period already said, so that «2» completes the report. */
function withSaid(intent: Intent, mentions: readonly ValueMention[], period: string | undefined): Intent {
  if (intent.kind !== 'choose') return intent;
  const only = mentions.length === 1 ? mentions[0] : undefined;
  return { ...intent, choice: { ...intent.choice, rawValue: only === undefined ? undefined : rawValueOf(only), period } };
}
