import { checkFreeText, comparePeriods, defaultReportPeriod, formatPeriod, parseIndicatorValue, parsePeriod, parsePeriodText, PerfError, periodForm, periodRank, readPeriod, type Indicator, type Period, type Plan } from '@perf/model';
import type { LatestValue } from '@perf/scoring';
import { coveringLock, type PeriodLock } from '@perf/store';
import { resolveActor, resolvePlan, writeMeta, type Actor, type CommandContext, type Identity } from '../context.ts';
import { lateValueOverride, standingGrade, yearValues } from '../locks.ts';
import { assertCanReport } from '../permissions.ts';
import { planLabel, type ReportReply } from '../replies.ts';
import { checkFields, defineCommand } from './command.ts';
import { wordsToParams } from '../grammar.ts';
import { hintForm } from './usage.ts';
import { field, indicatorCheck, indicatorNumber, optionalText, requiredText } from './fields.ts';

/** At most a dozen items, then how many there are in all. */
export function shortList(items: readonly (string | number)[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (${items.length} in tutto)`;
}

export const REPORT_FORM = 'report <indicatore> value=<valore> [period=<periodo>] [note="<testo>"] [motivo="<testo>"]';

export interface ReportInput {
  readonly indicator: number;
  readonly rawValue: string;
  readonly period: string | undefined;
  readonly note: string | undefined;
  /** Why a value arrives after its period was closed (`motivo=`); only the controllo may give one. */
  readonly reason?: string | undefined;
}

/**
 * What a report is checked against besides its plan. For one report it is read from the database just
 * before the check (`loadReportGround`); for a file of values it is loaded once and serves every row.
 */
export interface ReportGround {
  /** The request keys already stored, among those asked about (a redelivery, a re-imported file). */
  readonly delivered: ReadonlySet<string>;
  /** The closed periods of the ente, at least those of the plan's year. */
  readonly locks: readonly PeriodLock[];
  /** The time a report without a period is placed by. */
  readonly now: Date;
}

/** The ground of one report, from the database: whether its request was already stored, and its year's closed periods. */
export async function loadReportGround(context: CommandContext, plan: Plan): Promise<ReportGround> {
  const delivered = context.requestKey !== undefined && (await context.store.rilevazioneByRequestKey(context.requestKey)) !== undefined;
  return {
    delivered: new Set(delivered && context.requestKey !== undefined ? [context.requestKey] : []),
    locks: await context.store.periodLocks({ ente: plan.ente.code, year: plan.year }),
    now: context.clock(),
  };
}

/** Who reports: an identity, or (for a file the controllo imports on others' behalf) one chosen in the plan the value goes to. */
export interface Reporter {
  readonly identity: Identity | ((plan: Plan) => Identity);
  /**
   * Who accepts a late value for a closed period, when it is not the reporter: e.g. the controllo who
   * imports a spreadsheet of values reported by their owners. Default: the reporter.
   */
  readonly overrideIdentity?: Identity | undefined;
  /** Identifies this delivery, so that a redelivery is answered as a duplicate. */
  readonly requestKey?: string | undefined;
}

/** A report that passed every check, ready to be stored. */
export interface CheckedReport {
  readonly actor: Actor;
  readonly indicator: Indicator;
  readonly value: number;
  readonly period: Period;
  readonly periodText: string;
  /** The request key was already stored: nothing is stored again, and the period lock is not asked. */
  readonly delivered: boolean;
  readonly lock: PeriodLock | undefined;
  /** The late value's reason and who accepted it, when the period is closed. */
  readonly override: { readonly reason: string; readonly by: string } | undefined;
}

/**
 * The plan a report goes to: the one of the year its period names, or the current one (`plans` finds
 * them, refusing like `resolvePlan`). A well-formed period of a year with no plan is refused as
 * outside the plan.
 */
export async function planForReport(periodText: string | undefined, plans: (year?: number) => Promise<Plan>): Promise<Plan> {
  if (periodText === undefined) return plans();
  const period = parsePeriodText(periodText);
  try {
    return await plans(period.year);
  } catch (error) {
    if (!(error instanceof PerfError) || error.code !== 'YEAR_UNKNOWN') throw error;
    const plan = await plans();
    throw new PerfError('PERIOD_OUTSIDE_PLAN', `Il periodo "${periodText}" è fuori dall'anno del Piano (${plan.year}): non c'è un Piano ${period.year}.`, {
      hint: `Forma corretta: period=${periodForm(plan.year, plan.monitoring)}.`,
    });
  }
}

/** The plan's indicators by id, built once per plan (a file of values looks one up per row). */
const indicatorIndex = new WeakMap<Plan, Map<number, Indicator>>();

export function findIndicator(plan: Plan, id: number): Indicator | undefined {
  let index = indicatorIndex.get(plan);
  if (index === undefined) {
    index = new Map(plan.indicators.map((i) => [i.id, i]));
    indicatorIndex.set(plan, index);
  }
  return index.get(id);
}

/**
 * Every check of a report to `plan` (see `planForReport`), in the order a person reads the refusals:
 * who reports, the indicator, the permission (§5), the value for the indicator's direction and unit,
 * the note and the reason, the period, then (unless the request was already stored) the period lock with its reason and its
 * authoriser. Throws the Italian PerfError of the first check that fails. Reads nothing: what it
 * needs besides the plan is in `ground`, so one report and a file of a million share it.
 */
export function checkReport(input: ReportInput, plan: Plan, reporter: Reporter, ground: ReportGround): CheckedReport {
  const actor = resolveActor(plan, typeof reporter.identity === 'function' ? reporter.identity(plan) : reporter.identity);
  const indicator = findIndicator(plan, input.indicator);
  if (!indicator) {
    throw new PerfError('INDICATOR_UNKNOWN', `L'indicatore ${input.indicator} non esiste nel Piano ${plan.ente.code} ${plan.year}.`, {
      hint: `Indicatori del Piano: ${shortList(plan.indicators.map((i) => i.id))}. Forma corretta: ${REPORT_FORM}`,
    });
  }
  assertCanReport(plan, actor, indicator);
  const value = parseIndicatorValue(input.rawValue, indicator);
  checkFreeText(input.note, 'note');
  checkFreeText(input.reason, 'motivo');
  const period = input.period === undefined ? defaultReportPeriod(plan, ground.now) : parsePeriod(input.period, plan);
  const periodText = formatPeriod(period);
  // A request already stored (a redelivery, a re-imported file) is answered as a duplicate even once its period is closed.
  const delivered = reporter.requestKey !== undefined && ground.delivered.has(reporter.requestKey);
  const lock = delivered ? undefined : coveringLock(ground.locks, plan.year, periodText);
  const authoriser = reporter.overrideIdentity === undefined ? actor : resolveActor(plan, reporter.overrideIdentity);
  const override = lateValueOverride(lock, input.reason, authoriser, periodText);
  return { actor, indicator, value, period, periodText, delivered, lock, override };
}

export interface SubmitOptions {
  /** False for a preview, e.g. the echo of a chat reply before the person presses Conferma (default true). */
  readonly store?: boolean;
}

/**
 * Checks a report and computes the grade it gives; stores it unless `store` is false. A closed period
 * takes a value only with a reason accepted by the controllo (§ period lock).
 */
export async function submitReport(input: ReportInput, context: CommandContext, options: SubmitOptions = {}): Promise<ReportReply> {
  const plan = await planForReport(input.period, (year) => resolvePlan(context, year));
  const { actor, indicator, value, period, periodText, delivered, lock, override } = checkReport(input, plan, { identity: context.identity, requestKey: context.requestKey }, await loadReportGround(context, plan));
  let stored;
  let superseded;
  let duplicate = false;
  let values;
  if (options.store ?? true) {
    ({ rilevazione: stored, superseded, duplicate } = await context.store.addRilevazione({
      ente: plan.ente.code, year: plan.year, indicator: indicator.id, period: periodText, periodRank: periodRank(period),
      value, rawValue: input.rawValue, note: input.note, requestKey: context.requestKey, override,
    }, writeMeta(context, actor)));
    // Read back as `status` reads it, so the reply grades exactly what stands for the year.
    values = await yearValues(context.store, plan);
  } else {
    values = previewValues(await yearValues(context.store, plan), indicator.id, { value, period: periodText });
  }
  const { grade, objective, overall } = standingGrade(plan, values, indicator);
  const replyPeriod = stored?.period ?? periodText;
  return {
    kind: 'report', plan: planLabel(plan), indicator, value: stored?.value ?? value, period: replyPeriod, note: input.note,
    grade, standsForYear: grade.period === replyPeriod, objective, overall, stored, superseded, duplicate,
    override, reasonIgnored: !delivered && lock === undefined && input.reason !== undefined,
  };
}

/** The year's values as they would be with `value`: it counts only if its period is not earlier than the one that stands. */
function previewValues(values: Map<number, LatestValue>, id: number, value: LatestValue): Map<number, LatestValue> {
  const current = values.get(id);
  if (current === undefined || comparePeriods(readPeriod(value.period), readPeriod(current.period)) >= 0) values.set(id, value);
  return values;
}

/** `report` words (`12 value=23 period=2012-Q4`) → the checked input, for previews that store nothing. */
export function parseReportArgs(words: readonly string[]): ReportInput {
  const form = hintForm(reportCommand);
  return reportInput(checkFields(reportCommand.fields, wordsToParams(reportCommand.fields, words, form), form));
}

function reportInput(p: Readonly<Record<string, unknown>>): ReportInput {
  return {
    indicator: indicatorNumber(p.indicator as string), rawValue: p.value as string, period: p.period as string | undefined, note: p.note as string | undefined,
    ...(p.motivo === undefined ? {} : { reason: p.motivo as string }),
  };
}

export const reportCommand = defineCommand<ReportInput, ReportReply>({
  name: 'report',
  aliases: ['registra', 'rileva'],
  reach: 'all',
  access: 'person',
  roles: ['staff', 'dirigente', 'controllo'],
  denied: { what: "registrare valori: l'OIV legge tutto e non modifica nulla", rule: "Possono registrare: il responsabile dell'indicatore, il dirigente della sua Area, il controllo di gestione." },
  fields: {
    indicator: field('integer', requiredText("Manca il numero dell'indicatore.", indicatorCheck), "il numero dell'indicatore (12 o #12)", '<indicatore>', { positional: true }),
    value: field('text', requiredText('Manca il valore da registrare.'), 'il valore: 23 · 23,5 · 1.234,5 · 83% · sì/no', '<valore>', { positional: true, keys: ['value', 'valore'], code: 'VALUE_MISSING' }),
    period: field('text', optionalText(), 'il periodo: 2012-Q3, 2012-4M2, 2012 (default: il periodo corrente)', '<periodo>', { keys: ['period', 'periodo'] }),
    note: field('text', optionalText(), 'una nota', '"<testo>"', { keys: ['note', 'nota'] }),
    motivo: field('text', optionalText((t) => (t.trim() === '' ? 'Il motivo è vuoto.' : undefined)), 'perché il valore arriva dopo la chiusura del periodo (solo controllo di gestione)', '"<testo>"', { keys: ['motivo', 'reason'], option: 'motivo' }),
  },
  input: reportInput,
  plan: (input, context) => planForReport(input.period, (year) => resolvePlan(context, year)),
  slow: false,
  json: true,
  summary: 'registra il valore di un indicatore per un periodo (senza periodo: il periodo corrente)',
  help: "Numeri: 23 · 23.5 · 23,5 · 1.234,5 · 83%. Sì/no: si, sì, yes, true, 1, no, false, 0.\nPeriodi: 2012-Q1…Q4 (trimestrale), 2012-4M1…4M3 (quadrimestrale), 2012 (anno). Senza period: il periodo corrente (ora di Roma), o l'ultimo dell'anno se l'anno è finito.\nUn periodo chiuso accetta un valore solo dal controllo di gestione, con il motivo (motivo=\"...\", dalla riga di comando --motivo \"...\").",
  examples: ['12 value=23', '12 valore=23,5 period=2012-Q3 note="dato provvisorio"', '7 value=sì', '12 value=24 period=2012-Q2 motivo="rettifica dopo la chiusura"'],
  execute: (input, { context }) => submitReport(input, context),
});
