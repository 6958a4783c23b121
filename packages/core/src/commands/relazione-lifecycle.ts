import { PerfError } from '@perf/model';
import { alreadyAdopted } from '@perf/store';
import { resolvePlan, writeMeta, type CommandContext } from '../context.ts';
import { planLabel, type RelazioneAdoptedReply, type RelazioneValidatedReply } from '../replies.ts';
import { defineCommand } from './command.ts';
import { field, optionalText, requiredText, yearCheck } from './fields.ts';

export interface AdoptInput {
  readonly year: number | undefined;
  readonly delibera: string;
}

export interface ValidateInput {
  readonly year: number | undefined;
  readonly documento: string;
}

/** The year a lifecycle step is for: given with the command or `--year`, never guessed (an act is for one year). */
function yearOf(input: { readonly year: number | undefined }, context: CommandContext, form: string): number {
  const year = input.year ?? context.year;
  if (year === undefined) throw new PerfError('COMMAND_INVALID', "Manca l'anno della Relazione.", { hint: `Forma corretta: ${form}`, field: 'year' });
  return year;
}

const ADOPT_FORM = 'pnpm perf relazione adotta --year <anno> --delibera "<atto della Giunta>"';
const VALIDATE_FORM = 'pnpm perf relazione valida --year <anno> --documento "<documento di validazione>"';

const yearField = field('year', optionalText(yearCheck("L'anno")), "l'anno della Relazione (dalla riga di comando: --year)", '<anno>', { positional: true });
const yearInput = (p: Readonly<Record<string, unknown>>) => (p.year === undefined ? undefined : Number(p.year));

export const adoptCommand = defineCommand<AdoptInput, RelazioneAdoptedReply>({
  name: 'relazione adotta',
  aliases: ['adotta'],
  reach: 'all',
  access: 'person',
  roles: ['controllo'],
  denied: { what: 'registrare l’adozione della Relazione', rule: 'L’adozione della Giunta la registra il controllo di gestione.' },
  fields: {
    year: yearField,
    delibera: field('text', requiredText('Manca la delibera di adozione della Giunta.'), 'la delibera della Giunta che adotta la Relazione', '"<delibera>"', { keys: ['delibera'], option: 'delibera' }),
  },
  input: (p) => ({ year: yearInput(p), delibera: (p.delibera as string).trim() }),
  plan: (input, context) => resolvePlan(context, yearOf(input, context, ADOPT_FORM)),
  slow: true,
  json: true,
  summary: 'registra l’adozione della Relazione da parte della Giunta e ne congela il PDF (controllo di gestione)',
  help: 'Produce la Relazione dell’anno senza la dicitura BOZZA, con la delibera in copertina, e «La Relazione in sintesi» dello stesso atto, e le conserva così come sono con la loro impronta SHA-256: da quel momento «relazione» e «relazione sintesi» restituiscono sempre questi stessi file. Un anno si adotta una volta sola.',
  examples: ['2012 delibera="n. 45 del 27/06/2013"'],
  async execute(input, { context, plan, actor }) {
    const meta = writeMeta(context, actor);
    const existing = await context.store.relazione.adoption(plan.ente.code, plan.year, false);
    // Refused before rendering; the store refuses again inside its transaction, for two adoptions at once.
    if (existing !== undefined) throw alreadyAdopted(existing);
    const { renderAdoptedFromStore } = await import('./relazione-data.ts');
    const { relazione, sintesi } = await renderAdoptedFromStore(context.store, plan, meta.at, context.progress, { delibera: input.delibera, adoptedAt: meta.at });
    const adopted = await context.store.relazione.adopt(plan.ente.code, plan.year, input.delibera, relazione.pdf, relazione.pages, meta, sintesi);
    return { kind: 'relazione-adopted', plan: planLabel(plan), delibera: adopted.delibera, sha256: adopted.sha256, pages: adopted.pages, adoptedAt: adopted.adoptedAt, adoptedBy: adopted.adoptedBy };
  },
});

export const validateCommand = defineCommand<ValidateInput, RelazioneValidatedReply>({
  name: 'relazione valida',
  aliases: ['valida'],
  reach: 'all',
  access: 'person',
  roles: ['oiv'],
  denied: { what: 'validare la Relazione', rule: 'La Relazione la valida l’OIV (art. 14, c. 4, lett. c, d.lgs. 150/2009).' },
  fields: {
    year: yearField,
    documento: field('text', requiredText('Manca il documento di validazione dell’OIV.'), 'il documento di validazione dell’OIV', '"<documento>"', { keys: ['documento'], option: 'documento' }),
  },
  input: (p) => ({ year: yearInput(p), documento: (p.documento as string).trim() }),
  plan: (input, context) => resolvePlan(context, yearOf(input, context, VALIDATE_FORM)),
  slow: false,
  json: true,
  summary: 'registra la validazione della Relazione adottata (solo OIV)',
  help: 'Si valida una Relazione già adottata dalla Giunta: prima l’adozione, poi la validazione. La validazione si registra una sola volta.',
  examples: ['2012 documento="Documento di validazione del 10/07/2013"'],
  async execute(input, { context, plan, actor }) {
    const validated = await context.store.relazione.validate(plan.ente.code, plan.year, input.documento, writeMeta(context, actor));
    const adoption = await context.store.relazione.adoption(plan.ente.code, plan.year, false);
    return {
      kind: 'relazione-validated', plan: planLabel(plan), documento: validated.documento, validatedAt: validated.validatedAt,
      validatedBy: validated.validatedBy, delibera: adoption?.delibera ?? '',
    };
  },
});
