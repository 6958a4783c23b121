import { formatPeriod, parsePeriod, parsePeriodText, periodEnd, periodsOfYear, type Monitoring } from '@perf/model';
import type { PeriodLock } from '@perf/store';
import { resolveActor, resolvePlan, writeMeta, type CommandContext } from '../context.ts';
import { assertCanClosePeriod } from '../permissions.ts';
import { planLabel, type PeriodCloseReply } from '../replies.ts';
import { defineCommand } from './command.ts';
import { field, requiredText } from './fields.ts';

export const CLOSE_FORM = 'chiudi <periodo>';

export interface CloseInput {
  readonly period: string;
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

const CLOSE_HINT = `Forma corretta: ${CLOSE_FORM}, ad esempio: chiudi 2012-Q2 (un trimestre) oppure chiudi 2012 (l'anno intero e tutti i suoi periodi)`;

export const closeCommand = defineCommand<CloseInput, PeriodCloseReply>({
  name: 'period close',
  aliases: ['chiudi', 'close', 'chiusura'],
  reach: 'all',
  access: 'person',
  roles: ['controllo'],
  denied: { what: 'chiudere un periodo', rule: 'Solo il controllo di gestione chiude i periodi di monitoraggio e l\'anno.' },
  fields: {
    period: field('text', requiredText('Manca il periodo da chiudere.', (text) => { parsePeriodText(text, CLOSE_HINT); return undefined; }), "il periodo (2012-Q2, 2012-4M1) o l'anno intero (2012)", '<periodo>', { positional: true }),
  },
  input: (p) => ({ period: p.period as string }),
  plan: (input, context) => resolvePlan(context, parsePeriodText(input.period).year),
  slow: false,
  json: true,
  summary: "chiude un periodo di monitoraggio (2012-Q2) o l'anno intero (2012)",
  help: "Solo il controllo di gestione. Dopo la chiusura un valore per quel periodo è rifiutato, a meno che il controllo di gestione non indichi il motivo (report ... --motivo \"...\"): il motivo resta con la rilevazione ed è elencato negli allegati della Relazione.\nChiudere l'anno chiude tutti i suoi periodi e congela i dati della Relazione: da quel momento contano solo i valori registrati fino alla chiusura, più quelli fuori termine accettati con motivo.",
  examples: ['2012-Q2', '2012'],
  execute: (input, { context }) => closePeriod(input, context),
});
