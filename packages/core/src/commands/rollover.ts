import { PerfError, rolloverPlan, stringifyPlan, type Plan } from '@perf/model';
import { resolveActor, resolvePlan, type CommandContext } from '../context.ts';
import { yearValues } from '../locks.ts';
import { assertCanImportPlan } from '../permissions.ts';
import { formatDateTime } from '../render-text.ts';

export interface RolloverRequest {
  /** The year to start from; default: the plan `resolvePlan` chooses (the current year's, or the latest). */
  readonly from?: number | undefined;
  /** The new year; default: the year after `from`. */
  readonly to?: number | undefined;
}

export interface PreparedRollover {
  readonly from: Plan;
  readonly plan: Plan;
  /** The plan file, with a header comment, ready for editing and `plan import`. */
  readonly yaml: string;
  readonly withoutBaseline: number[];
  /** True when the database already has a plan for the new year (importing the file would replace it). */
  readonly targetExists: boolean;
}

/**
 * Prepares next year's plan from a year's plan: same tree, targets and weights, no values; each
 * indicator's baseline is the value that stood for the previous year (frozen at the year's close).
 */
export async function preparePlanRollover(request: RolloverRequest, context: CommandContext): Promise<PreparedRollover> {
  const from = await resolvePlan(context, request.from);
  assertCanImportPlan(resolveActor(from, context.identity));
  const to = request.to ?? from.year + 1;
  if (to === from.year) {
    throw new PerfError('OPTION_INVALID', `--to ${to} è lo stesso anno del Piano di partenza.`, { hint: `Forma corretta: pnpm perf plan rollover --from ${from.year} --to ${from.year + 1} --out piano-${from.year + 1}.yaml` });
  }
  const { plan, withoutBaseline, droppedProvenance } = rolloverPlan(from, to, await yearValues(context.store, from));
  const header = [
    `Piano della Performance ${to} — ${plan.ente.name} (${plan.ente.code})`,
    '',
    `Preparato da perf il ${formatDateTime(context.clock())} a partire dal Piano ${from.year} (pnpm perf plan rollover --from ${from.year} --to ${to}):`,
    'stesso albero (prospettive, linee, Aree, persone, obiettivi, indicatori), stessi target e pesi, nessun valore.',
    `baseline di ogni indicatore = il suo valore ${from.year} (quello che vale per l'anno).`,
    ...(withoutBaseline.length > 0 ? [`Senza valore ${from.year}, quindi senza baseline: indicatori ${withoutBaseline.join(', ')}.`] : []),
    ...(droppedProvenance ? [`Tolte fonte, ricostruito e provenienza del Piano ${from.year}: valgono per quel documento, non per il Piano ${to}; aggiungile se servono.`] : []),
    '',
    'Rivedi target, pesi, persone e obiettivi, poi importa il file con: pnpm perf plan import <file>',
  ];
  const targetExists = (await context.store.getPlan(plan.ente.code, to)) !== undefined;
  return { from, plan, yaml: stringifyPlan(plan, header), withoutBaseline, targetExists };
}
