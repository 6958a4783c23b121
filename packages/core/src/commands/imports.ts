import { createHash } from 'node:crypto';
import { formatValue, individualWeightSums, parsePlan, plural, parseValuesFile, PerfError, storedValueProblem, type Plan } from '@perf/model';
import { resolveActor, resolvePlan, writeMeta, type CommandContext } from '../context.ts';
import { formatDateTime } from '../render-text.ts';
import type { ImportReply } from '../replies.ts';
import { defineCommand, parsedOnce, type FileInput } from './command.ts';
import { field, filesSchema, flagSchema, optionalText } from './fields.ts';
import { importValues, type ValueItem } from './import-values.ts';

const CONTROLLO_ONLY = { what: 'importare il Piano', rule: 'Solo il controllo di gestione importa il Piano della Performance.' };
const only = (files: readonly FileInput[]): FileInput => files[0] as FileInput;

/** A plan file, parsed once for the permission check and the import. */
const parsePlanFile = parsedOnce(parsePlan);
function filePlan(file: FileInput, context: CommandContext): Plan {
  const plan = parsePlanFile(file);
  if (context.ente !== undefined && context.ente.toLowerCase() !== plan.ente.code.toLowerCase()) {
    throw new PerfError('ENTE_MISMATCH', `Il Piano "${file.name}" è di ${plan.ente.code}, non di ${context.ente}: nulla è stato importato.`, { hint: `Forma corretta: pnpm perf plan import ${file.name} (l'ente è quello del file).` });
  }
  return plan;
}

/** Validates and stores a plan in one transaction; an identical plan already stored is left as it is. */
async function importPlan(file: FileInput, context: CommandContext, plan: Plan): Promise<string[]> {
  const stored = await context.store.getPlan(plan.ente.code, plan.year);
  if (stored && JSON.stringify(stored) === JSON.stringify(plan)) return [`Piano ${plan.ente.code} ${plan.year} già presente e identico: nulla da importare.`];
  const yearLock = await context.store.lockCovering(plan.ente.code, plan.year, String(plan.year));
  if (yearLock) {
    throw new PerfError('YEAR_CLOSED', `L'anno ${plan.year} di ${plan.ente.code} è chiuso (da ${yearLock.closedBy} il ${formatDateTime(yearLock.closedAt)}): il suo Piano non cambia più; nulla è stato importato.`, {
      hint: `Per l'anno successivo: pnpm perf plan rollover --from ${plan.year} --to ${plan.year + 1} --out piano-${plan.year + 1}.yaml`,
    });
  }
  const result = await context.store.importPlan(plan, writeMeta(context, resolveActor(plan, context.identity)), file.name);
  const lines = [`${result.replaced ? 'Piano aggiornato' : 'Piano importato'}: ${plan.ente.name} (${plan.ente.code}) ${plan.year} — ${plural(plan.strategic_objectives.length, 'obiettivo strategico', 'obiettivi strategici')}, ${plural(plan.operational_objectives.length, 'operativo', 'operativi')}, ${plural(plan.indicators.length, 'indicatore', 'indicatori')}, ${plural(plan.people.length, 'persona', 'persone')}.`];
  if (result.replaced) lines.push(`Rilevazioni mantenute: ${result.keptRilevazioni}.`);
  for (const { person, id, sum } of individualWeightSums(plan)) {
    lines.push(`Attenzione: i pesi degli obiettivi individuali di ${person?.name ?? id} (${id}) sommano a ${formatValue(sum)}, non a 100; il grado individuale resta la loro media pesata.`);
  }
  if (result.orphanedIndicators.length > 0) lines.push(`Attenzione: gli indicatori ${result.orphanedIndicators.join(', ')} non sono più nel Piano; le loro rilevazioni restano nello storico ma non contano.`);
  if (result.replaced) lines.push(...await misfitValues(context, plan));
  return lines;
}

/** The most misfit values a plan import lists one by one; the rest are counted. */
const MISFITS_LISTED = 10;

/**
 * The standing values that a revised plan no longer admits (stored under the earlier version): they
 * are kept, as every write is, and named so the controllo can correct them with a new report.
 */
async function misfitValues(context: CommandContext, plan: Plan): Promise<string[]> {
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  const misfits = (await context.store.history(plan.ente.code, plan.year)).filter((r) => !r.superseded).flatMap((r) => {
    const indicator = indicators.get(r.indicator);
    const problem = indicator === undefined ? undefined : storedValueProblem(r.value, indicator);
    return problem === undefined ? [] : [`Attenzione: il valore ${formatValue(r.value)} dell'indicatore ${r.indicator} (${r.period}) ${problem}. Correggilo con: pnpm perf report ${r.indicator} value=… period=${r.period}`];
  });
  if (misfits.length <= MISFITS_LISTED) return misfits;
  const more = misfits.length - MISFITS_LISTED;
  return [...misfits.slice(0, MISFITS_LISTED), `… e ${more === 1 ? 'un altro valore' : `altri ${more} valori`} fuori dai limiti del Piano (pnpm perf history <indicatore> per vederli).`];
}

export const planImportCommand = defineCommand<{ file: FileInput }, ImportReply>({
  name: 'plan import',
  aliases: [],
  reach: 'cli',
  access: 'person',
  roles: ['controllo'],
  denied: CONTROLLO_ONLY,
  fields: { files: field('files', filesSchema('Manca il file da leggere.', 1), 'il file YAML del Piano', '<piano.yaml>', { positional: true, code: 'FILE_MISSING' }) },
  input: (p) => ({ file: only(p.files as FileInput[]) }),
  plan: async ({ file }, context) => filePlan(file, context),
  slow: false,
  json: false,
  summary: 'importa (o aggiorna) il Piano della Performance di un ente e un anno',
  help: 'Valida il file (chiavi sconosciute, riferimenti, id ripetuti) e lo importa in una sola transazione: se il file non è valido nulla cambia.\nReimportare un Piano rivisto mantiene le rilevazioni degli indicatori ancora presenti.',
  examples: ['piano-2012.yaml'],
  execute: async ({ file }, { context, plan }) => ({ kind: 'import', lines: await importPlan(file, context, plan) }),
});

function isSpreadsheet(name: string): boolean {
  return /\.(csv|xlsx)$/i.test(name);
}

/** A YAML file of values, parsed once for the permission check and the import. */
const yamlValues = parsedOnce(parseValuesFile);

async function valuesPlan(file: FileInput, context: CommandContext): Promise<Plan> {
  if (isSpreadsheet(file.name)) return resolvePlan(context);
  const values = yamlValues(file);
  if (context.ente !== undefined && context.ente.toLowerCase() !== values.ente.toLowerCase()) {
    throw new PerfError('ENTE_MISMATCH', `Il file "${file.name}" contiene valori di ${values.ente}, non di ${context.ente}: nulla è stato registrato.`, { hint: `Forma corretta: pnpm perf values import ${file.name} --ente ${values.ente} (oppure senza --ente).` });
  }
  const plan = await context.store.getPlan(values.ente, values.year);
  if (!plan) throw new PerfError('NO_PLAN', `Nessun Piano ${values.ente} ${values.year} nel database: importa prima il Piano.`, { hint: 'pnpm perf plan import <piano.yaml>' });
  return plan;
}

async function valueItems(file: FileInput): Promise<Iterable<ValueItem>> {
  if (isSpreadsheet(file.name)) return (await import('../value-sheets.ts')).readValueSheet(file.name, file.content);
  return yamlValues(file).values.map((entry, index): ValueItem => ({
    where: `values[${index}]`, key: String(index), indicator: entry.indicator, value: entry.value, period: entry.period, note: entry.note, by: entry.by,
    source: entry.fonte, reconstructed: entry.ricostruito,
  }));
}

interface ValuesInput { readonly file: FileInput; readonly skipInvalid: boolean; readonly reason: string | undefined }

export const valuesImportCommand = defineCommand<ValuesInput, ImportReply>({
  name: 'values import',
  aliases: [],
  reach: 'cli',
  access: 'person',
  roles: ['staff', 'dirigente', 'controllo'],
  denied: { what: "registrare valori: l'OIV legge tutto e non modifica nulla", rule: "Possono registrare: il responsabile dell'indicatore, il dirigente della sua Area, il controllo di gestione." },
  fields: {
    files: field('files', filesSchema('Manca il file da leggere.', 1), 'il file dei valori: YAML, CSV o XLSX', '<valori.yaml|valori.csv|valori.xlsx>', { positional: true, code: 'FILE_MISSING' }),
    skipInvalid: field('flag', flagSchema, 'registra le righe valide ed elenca le scartate', '', { option: 'skip-invalid' }),
    motivo: field('text', optionalText(), 'il motivo dei valori di periodi chiusi (solo controllo di gestione)', '"<testo>"', { option: 'motivo' }),
  },
  input: (p) => ({ file: only(p.files as FileInput[]), skipInvalid: p.skipInvalid as boolean, reason: p.motivo as string | undefined }),
  plan: ({ file }, context) => valuesPlan(file, context),
  slow: false,
  json: false,
  summary: 'registra in blocco i valori di un file YAML o di un foglio di calcolo (tutti o nessuno)',
  help: [
    'YAML: ente: CODICE, year: AAAA, values: [ { indicator: 12, period: "2012-Q4", value: 23, by: persona, note: "..." } ].',
    'CSV (separato da virgole o da punti e virgola) o XLSX (il primo foglio): una riga di intestazione con le colonne',
    'indicatore, valore, periodo, nota, persona (oppure indicator, value, period, note, by); indicatore e valore obbligatori.',
    'Ogni valore passa gli stessi controlli di "report": se una riga è sbagliata non si registra nulla e ogni riga sbagliata è elencata',
    'con il suo numero e il motivo; con --skip-invalid si registrano le righe valide e si elencano le scartate.',
    "Il controllo di gestione importa a nome della persona della riga (default: il responsabile dell'indicatore); gli altri solo a nome proprio.",
    'Reimportare lo stesso file non duplica nulla. Per i periodi chiusi serve --motivo "..." (solo controllo di gestione).',
  ].join('\n'),
  examples: ['valori-2012.yaml', 'valori.csv --skip-invalid'],
  execute: async ({ file, skipInvalid, reason }, { context, plan }) => {
    const digest = createHash('sha256').update(file.content).digest('hex').slice(0, 16);
    const message = await importValues({ name: file.name, digest, ente: plan.ente.code, items: await valueItems(file) }, context, { skipInvalid, reason, progress: context.progress });
    return { kind: 'import', lines: [message] };
  },
});
