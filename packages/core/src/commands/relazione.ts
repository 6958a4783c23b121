import { PerfError, type Plan } from '@perf/model';
import { resolveActor, resolvePlan, type CommandContext } from '../context.ts';
import { assertCanProduceRelazione } from '../permissions.ts';
import { planLabel, type RelazioneReply } from '../replies.ts';
import { defineCommand } from './command.ts';

export const RELAZIONE_FORM = 'relazione [<anno>]';

export interface RelazioneInput {
  readonly year: number | undefined;
}

export function parseRelazioneArgs(args: readonly string[]): RelazioneInput {
  const [year, ...extra] = args;
  if (extra.length > 0 || (year !== undefined && !/^\d{4}$/.test(year))) {
    throw new PerfError('COMMAND_INVALID', `"${args.join(' ')}" non è un anno.`, { hint: `Forma corretta: ${RELAZIONE_FORM}, ad esempio: relazione 2012` });
  }
  return { year: year === undefined ? undefined : Number(year) };
}

/**
 * The quick part of `relazione`: which plan, and whether the caller may have it. Chats run it
 * before acknowledging, so that a refusal is the immediate answer and only a permitted request waits.
 */
export async function authorizeRelazione(input: RelazioneInput, context: CommandContext): Promise<Plan> {
  const plan = await resolvePlan(context, input.year);
  assertCanProduceRelazione(resolveActor(plan, context.identity));
  return plan;
}

export async function produceRelazione(input: RelazioneInput, context: CommandContext, onProgress?: (step: string) => void): Promise<RelazioneReply> {
  const plan = await authorizeRelazione(input, context);
  const { renderRelazioneFromStore } = await import('./relazione-data.ts');
  const rendered = await renderRelazioneFromStore(context.store, plan, context.clock(), onProgress);
  return {
    kind: 'relazione', plan: planLabel(plan), pdf: rendered.pdf, pages: rendered.pages,
    filename: `Relazione-Performance-${plan.ente.code}-${plan.year}.pdf`,
  };
}

export const relazioneCommand = defineCommand<RelazioneInput>({
  name: 'relazione',
  aliases: ['report-annuale'],
  usage: RELAZIONE_FORM,
  description: "Produce il PDF della Relazione sulla Performance dell'anno (controllo di gestione e OIV).",
  examples: ['relazione', 'relazione 2012'],
  parse: parseRelazioneArgs,
  execute: (input, context) => produceRelazione(input, context),
});
