import type { Plan } from '@perf/model';
import type { RelazioneAdoptionRecord, Store } from '@perf/store';
import { resolveActor, resolvePlan, type CommandContext } from '../context.ts';
import { assertCanProduceRelazione } from '../permissions.ts';
import { planLabel, type RelazioneReply } from '../replies.ts';
import { checkFields, defineCommand } from './command.ts';
import { wordsToParams } from '../grammar.ts';
import { hintForm } from './usage.ts';
import { field, flagSchema, optionalText, yearCheck } from './fields.ts';

export const RELAZIONE_FORM = 'relazione [<anno>] [sintesi]';

export interface RelazioneInput {
  readonly year: number | undefined;
  /** «La Relazione in sintesi» (at most four pages, for citizens) instead of the full document. */
  readonly sintesi?: boolean | undefined;
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
  if (input.sintesi === true) return produceCitizenSummary(plan, context);
  const filename = `Relazione-Performance-${plan.ente.code}-${plan.year}.pdf`;
  const adopted = await context.store.relazione.adoption(plan.ente.code, plan.year);
  if (adopted !== undefined) {
    // An adopted year is frozen: its stored bytes, never a new render.
    return { kind: 'relazione', plan: planLabel(plan), pdf: adopted.pdf, pages: adopted.pages, filename, adopted: { delibera: adopted.delibera, sha256: adopted.sha256 } };
  }
  const { renderRelazioneFromStore } = await import('./relazione-data.ts');
  const rendered = await renderRelazioneFromStore(context.store, plan, context.clock(), onProgress);
  return { kind: 'relazione', plan: planLabel(plan), pdf: rendered.pdf, pages: rendered.pages, filename, adopted: undefined };
}

/** The citizen summary: a draft until the year is adopted, then the one frozen with the Giunta's act. */
async function produceCitizenSummary(plan: Plan, context: CommandContext): Promise<RelazioneReply> {
  const adopted = await context.store.relazione.adoption(plan.ente.code, plan.year, false);
  context.progress?.('Lettura dei dati e impaginazione della sintesi');
  const frozen = await citizenSummaryPdf(context.store, plan, context.clock(), adopted);
  return {
    kind: 'relazione', plan: planLabel(plan), pdf: frozen.pdf, pages: frozen.pages, sintesi: true,
    filename: `Relazione-in-sintesi-${plan.ente.code}-${plan.year}.pdf`,
    adopted: adopted === undefined ? undefined : { delibera: adopted.delibera, sha256: frozen.sha256 },
  };
}

/**
 * «La Relazione in sintesi»: the bytes frozen at the adoption; before it, a draft rendered now. An
 * adoption recorded before the summary was frozen with it is rendered from the store, dated by the act.
 */
export async function citizenSummaryPdf(store: Store, plan: Plan, now: Date, adopted: RelazioneAdoptionRecord | undefined): Promise<{ pdf: Uint8Array; pages: number; sha256: string | undefined }> {
  const frozen = adopted === undefined ? undefined : await store.relazione.adoptedSummary(plan.ente.code, plan.year);
  if (frozen !== undefined) return frozen;
  const { renderCitizenSummaryFromStore } = await import('./relazione-data.ts');
  const rendered = await renderCitizenSummaryFromStore(store, plan, adopted?.adoptedAt ?? now, adopted);
  return { ...rendered, sha256: undefined };
}

function relazioneInput(p: Readonly<Record<string, unknown>>): RelazioneInput {
  return { year: p.year === undefined ? undefined : Number(p.year), sintesi: p.sintesi === true };
}

/** `relazione 2012` → its input, for chats that acknowledge a slow command before running it. */
export function parseRelazioneArgs(words: readonly string[]): RelazioneInput {
  const form = hintForm(relazioneCommand);
  return relazioneInput(checkFields(relazioneCommand.fields, wordsToParams(relazioneCommand.fields, words, form), form));
}

export const relazioneCommand = defineCommand<RelazioneInput, RelazioneReply>({
  name: 'relazione',
  aliases: ['report-annuale'],
  reach: 'all',
  access: 'person',
  roles: ['controllo', 'oiv'],
  denied: { what: 'produrre la Relazione sulla Performance', rule: "La Relazione la producono il controllo di gestione e l'OIV." },
  fields: {
    year: field('year', optionalText(yearCheck("L'anno")), "l'anno della Relazione (dalla riga di comando: --year)", '<anno>', { positional: true }),
    sintesi: field('flag', flagSchema, '«La Relazione in sintesi» per i cittadini (al massimo 4 pagine) invece della Relazione completa', '', { option: 'sintesi', keys: ['sintesi'] }),
    out: field('text', optionalText(), 'il file PDF da scrivere', '<file.pdf>', { option: 'out', adapter: true }),
  },
  input: relazioneInput,
  plan: (input, context) => resolvePlan(context, input.year),
  slow: true,
  json: false,
  summary: "produce il PDF della Relazione sulla Performance dell'anno (controllo di gestione e OIV)",
  help: 'Legge Piano, rilevazioni, bilancio e dati di genere dal database. Finché la Giunta non la adotta (relazione adotta) ogni pagina porta la dicitura BOZZA (in copertina e nell’intestazione); dopo l’adozione restituisce sempre il PDF congelato all’adozione, identico byte per byte. Con sintesi (dalla riga di comando: --sintesi) produce «La Relazione in sintesi», al massimo 4 pagine in linguaggio semplice per la pagina Amministrazione trasparente. Lo stato di avanzamento va su stderr.',
  examples: ['', '2012', '2012 sintesi'],
  execute: (input, { context }) => produceRelazione(input, context, context.progress),
});
