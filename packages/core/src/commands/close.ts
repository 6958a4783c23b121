import { formatPeriod, parsePeriod, parsePeriodText, PerfError, periodEnd, periodsOfYear, type Monitoring } from '@perf/model';
import type { PeriodLock } from '@perf/store';
import { resolveActor, resolvePlan, writeMeta, type CommandContext } from '../context.ts';
import { assertCanClosePeriod } from '../permissions.ts';
import { planLabel, type PeriodCloseReply } from '../replies.ts';
import { defineCommand } from './command.ts';

export const CLOSE_FORM = 'chiudi <periodo>';

export interface CloseInput {
  readonly period: string;
}

export function parseCloseArgs(args: readonly string[]): CloseInput {
  const hint = `Forma corretta: ${CLOSE_FORM}, ad esempio: chiudi 2012-Q2 (un trimestre) oppure chiudi 2012 (l'anno intero e tutti i suoi periodi)`;
  const [period, ...extra] = args;
  if (period === undefined) throw new PerfError('COMMAND_INVALID', 'Manca il periodo da chiudere.', { hint });
  if (extra.length > 0) throw new PerfError('COMMAND_INVALID', `Parole in più non riconosciute: ${extra.join(' ')}.`, { hint });
  parsePeriodText(period, hint);
  return { period };
}

/**
 * Closes a period of the plan's rhythm, or the whole year (which closes all its periods and freezes the
 * year's data for the Relazione). Only the controllo closes; a period already closed is left as it is.
 */
export async function closePeriod(input: CloseInput, context: CommandContext): Promise<PeriodCloseReply> {
  const year = parsePeriodText(input.period).year;
  const plan = await resolvePlan(context, year);
  const actor = resolveActor(plan, context.identity);
  assertCanClosePeriod(actor);
  const period = parsePeriod(input.period, plan);
  const periodText = formatPeriod(period);
  const meta = writeMeta(context, actor);
  const { lock, created } = await context.store.closePeriod(plan.ente.code, plan.year, periodText, meta);
  const end = periodEnd(period);
  return {
    kind: 'period-close', plan: planLabel(plan), period: periodText, lock, created,
    closes: lockedPeriods(lock, plan.monitoring),
    endsAt: created && end.getTime() > meta.at.getTime() ? end : undefined,
  };
}

/** The periods a lock closes: itself, or every period of its year and the year itself. */
export function lockedPeriods(lock: PeriodLock, monitoring: Monitoring): string[] {
  if (lock.period !== String(lock.year)) return [lock.period];
  return [...periodsOfYear(lock.year, monitoring).map(formatPeriod), lock.period];
}

export const closeCommand = defineCommand<CloseInput>({
  name: 'chiudi',
  aliases: ['close', 'chiusura'],
  usage: CLOSE_FORM,
  description: "Chiude un periodo di monitoraggio (o l'anno intero): dopo la chiusura un valore si registra solo dal controllo di gestione, con motivo=\"...\". Chiudere l'anno congela i dati della Relazione (solo controllo di gestione).",
  examples: ['chiudi 2012-Q2', 'chiudi 2012'],
  parse: parseCloseArgs,
  execute: closePeriod,
});
