import { computeFinance, parseBilancio } from '@perf/finance-indices';
import { contextWarnings, parseContesto, type Contesto } from '@perf/context';
import { computeGender, parseGenere, staffTotalsByYear } from '@perf/gender';
import { PerfError, type Plan } from '@perf/model';
import { resolveActor, resolvePlan, writeMeta, type CommandContext } from '../context.ts';
import { BILANCIO, CONTESTO, GENERE, loadFinanceReports, loadGenderReport } from '../documents.ts';
import { assertCanImportPlan } from '../permissions.ts';
import type { ExportReply, FinanceReply, GenderReply, ImportReply, RolloverReply } from '../replies.ts';
import { defineCommand, fileText, parsedOnce, type FileInput } from './command.ts';
import { statusExport } from './export.ts';
import { field, filesSchema, optionalText, yearCheck } from './fields.ts';
import { preparePlanRollover } from './rollover.ts';


/** The ente a yearly document belongs to: `--ente`, the document's own `ente`, or the only ente stored. */
async function documentEnte(context: CommandContext, declared: string | undefined): Promise<string> {
  const entes = [...new Set((await context.store.listPlans()).map((p) => p.ente))];
  const ente = context.ente ?? declared ?? (entes.length === 1 ? entes[0] : undefined);
  if (ente === undefined) {
    throw new PerfError('ENTE_AMBIGUOUS', entes.length === 0 ? 'Nessun ente nel database: importa prima il Piano.' : `Il database contiene più enti (${entes.join(', ')}): indica quale.`, { hint: 'Forma corretta: --ente <codice>.' });
  }
  return ente;
}

async function latestPlanOf(context: CommandContext, ente: string): Promise<Plan | undefined> {
  const years = (await context.store.listPlans()).filter((p) => p.ente === ente).map((p) => p.year).sort((a, b) => b - a);
  return years[0] === undefined ? undefined : context.store.getPlan(ente, years[0]);
}

type YearlyDocument = { year: number; ente?: { code: string } | undefined };

/** The plan a document goes with (its year's, else the ente's latest): the person is checked in it. */
async function documentPlan(context: CommandContext, document: YearlyDocument): Promise<{ ente: string; plan: Plan }> {
  const ente = await documentEnte(context, document.ente?.code);
  const plan = (await context.store.getPlan(ente, document.year)) ?? (await latestPlanOf(context, ente));
  if (!plan) throw new PerfError('NO_PLAN', `Nessun Piano per ${ente}: importa prima il Piano.`);
  return { ente, plan };
}

/** What sets one yearly document's import command apart from another's: its kind, its names and its messages. */
interface YearlyImportSpec {
  readonly kind: typeof BILANCIO | typeof GENERE | typeof CONTESTO;
  readonly name: string;
  readonly parse: (text: string, source: string) => YearlyDocument;
  /** «importare il bilancio»: what a person without the role may not do. */
  readonly what: string;
  readonly files: { readonly label: string; readonly placeholder: string; readonly example: string };
  readonly summary: string;
  /** One file or several per call (the bilanci of two years). */
  readonly several: boolean;
  /** The reply line for one stored file. */
  readonly imported: (ente: string, year: number, file: string) => string;
  /** Warnings the stored document raises (totals that disagree), listed after its line. */
  readonly warnings?: (document: YearlyDocument, context: CommandContext, ente: string) => Promise<string[]>;
}

function yearlyImport(spec: YearlyImportSpec) {
  const parse = parsedOnce(spec.parse);
  return defineCommand<{ files: FileInput[] }, ImportReply>({
    name: spec.name,
    aliases: [],
    reach: 'cli',
    access: 'person',
    roles: ['controllo'],
    denied: { what: spec.what, rule: 'Solo il controllo di gestione importa Piano, bilanci, dati di genere e di contesto.' },
    fields: { files: field('files', filesSchema('Manca il file da leggere.'), spec.files.label, spec.files.placeholder, { positional: true, code: 'FILE_MISSING' }) },
    input: (p) => ({ files: p.files as FileInput[] }),
    plan: async ({ files }, context) => (await documentPlan(context, parse(files[0] as FileInput))).plan,
    slow: false,
    json: false,
    summary: spec.summary,
    help: spec.several ? "Valida ogni file e lo salva per l'ente e l'anno indicati nel file." : "Valida il file e lo salva per l'ente e l'anno indicati nel file.",
    examples: [spec.files.example],
    execute: async ({ files }, { context }) => {
      const lines: string[] = [];
      for (const file of files) {
        const document = parse(file);
        const { ente, plan } = await documentPlan(context, document);
        const actor = resolveActor(plan, context.identity);
        assertCanImportPlan(actor);
        await context.store.saveDocument(spec.kind, ente, document.year, document, writeMeta(context, actor), file.name);
        lines.push(spec.imported(ente, document.year, file.name));
        for (const warning of (await spec.warnings?.(document, context, ente)) ?? []) lines.push(`Avviso: ${warning}`);
      }
      return { kind: 'import', lines };
    },
  });
}

export const financeImportCommand = yearlyImport({
  kind: BILANCIO, name: 'finance import', parse: parseBilancio, what: 'importare il bilancio', several: true,
  files: { label: 'i file YAML dei bilanci', placeholder: '<bilancio.yaml>', example: 'bilancio-2011.yaml bilancio-2012.yaml' },
  summary: 'salva i bilanci nel database (per la Relazione)',
  imported: (ente, year, file) => `Bilancio ${ente} ${year} importato da ${file}.`,
});
export const genderImportCommand = yearlyImport({
  kind: GENERE, name: 'gender import', parse: parseGenere, what: 'importare i dati di genere', several: false,
  files: { label: 'il file YAML dei dati di genere', placeholder: '<genere.yaml>', example: 'genere-2012.yaml' },
  summary: 'salva i dati di genere nel database (per la Relazione)',
  imported: (ente, year, file) => `Dati di genere ${ente} ${year} importati da ${file}.`,
});
export const contextImportCommand = yearlyImport({
  kind: CONTESTO, name: 'context import', parse: parseContesto, what: 'importare i dati di contesto', several: false,
  files: { label: "il file YAML del contesto (contesto esterno, struttura, personale, servizi, utenti)", placeholder: '<contesto.yaml>', example: 'contesto-2012.yaml' },
  summary: "salva i dati di contesto e di struttura dell'ente nel database (per la Relazione)",
  imported: (ente, year, file) => `Contesto ${ente} ${year} importato da ${file}.`,
  // The gender data of the same year holds the count per category the staff tables are checked against.
  warnings: async (document, context, ente) => contextWarnings(document as Contesto, staffTotalsByYear(await loadGenderReport(context.store, ente, document.year))),
});

export const financeCommand = defineCommand<{ files: FileInput[] }, FinanceReply>({
  name: 'finance',
  aliases: [],
  reach: 'cli',
  access: 'open',
  fields: { files: field('files', filesSchema('Manca il file da leggere.').optional().transform((f) => f ?? []), 'i file YAML dei bilanci (senza file: quelli salvati nel database)', '<bilancio.yaml>', { positional: true }) },
  input: (p) => ({ files: p.files as FileInput[] }),
  slow: false,
  json: true,
  summary: 'indici economico-finanziari di uno o più bilanci (con il confronto tra anni)',
  help: "Senza file: gli indici dei bilanci salvati nel database per l'anno (--year) e il precedente.",
  examples: ['bilancio-2011.yaml bilancio-2012.yaml'],
  execute: async ({ files }, context) => {
    if (files.length > 0) return { kind: 'finance', reports: files.map((file) => computeFinance(parseBilancio(fileText(file), file.name))).sort((a, b) => a.year - b.year) };
    const plan = await resolvePlan(context);
    resolveActor(plan, context.identity);
    const reports = await loadFinanceReports(context.store, plan.ente.code, plan.year);
    if (reports.length === 0) throw new PerfError('NO_DATA', 'Nessun bilancio nel database per questo anno.', { hint: 'Forma corretta: pnpm perf finance <bilancio.yaml>… oppure pnpm perf finance import <bilancio.yaml>' });
    return { kind: 'finance', reports };
  },
});

export const genderCommand = defineCommand<{ file: FileInput }, GenderReply>({
  name: 'gender',
  aliases: [],
  reach: 'cli',
  access: 'open',
  fields: { files: field('files', filesSchema('Manca il file da leggere.', 1), 'il file YAML dei dati di genere', '<genere.yaml>', { positional: true, code: 'FILE_MISSING' }) },
  input: (p) => ({ file: (p.files as FileInput[])[0] as FileInput }),
  slow: false,
  json: true,
  summary: 'tabelle della dimensione di genere, con i controlli incrociati',
  help: 'Stampa le tabelle con totali, quote femminili e variazioni; avvisa quando i totali di due tabelle non coincidono.',
  examples: ['genere-2012.yaml'],
  execute: async ({ file }) => ({ kind: 'gender', report: computeGender(parseGenere(fileText(file), file.name)) }),
});

export const exportCommand = defineCommand<void, ExportReply>({
  name: 'export',
  aliases: [],
  reach: 'cli',
  access: 'person',
  roles: ['dirigente', 'controllo', 'oiv'],
  denied: { what: "esportare lo stato e le rilevazioni dell'ente", rule: 'Il personale vede i propri indicatori: scrivi "status me".' },
  fields: {
    format: field('text', optionalText(), "csv o xlsx (default: l'estensione di --out)", 'csv|xlsx', { option: 'format', adapter: true }),
    out: field('text', optionalText(), 'il file da scrivere', '<file>', { option: 'out', adapter: true }),
  },
  input: () => undefined,
  slow: false,
  json: false,
  summary: 'esporta lo stato (obiettivi e indicatori con i gradi) e tutte le rilevazioni in un foglio di calcolo',
  help: 'XLSX: un file con i fogli "Stato" e "Rilevazioni". CSV: due file accanto a --out, <nome>-stato.csv e <nome>-rilevazioni.csv (UTF-8, separati da virgole, numeri con il punto decimale, date e ore in ISO 8601 UTC).\nI numeri sono celle numeriche. Senza --format vale l\'estensione di --out. Non per il personale.',
  examples: ['--format xlsx --out stato-2012.xlsx'],
  execute: async (_, { context }) => ({ kind: 'export', exported: await statusExport(context) }),
});

export const rolloverCommand = defineCommand<{ from: number | undefined; to: number | undefined }, RolloverReply>({
  name: 'plan rollover',
  aliases: [],
  reach: 'cli',
  access: 'person',
  roles: ['controllo'],
  denied: { what: 'importare il Piano', rule: 'Solo il controllo di gestione importa il Piano della Performance.' },
  fields: {
    from: field('year', optionalText(yearCheck('--from')), 'il Piano di partenza (default: quello corrente)', '<AAAA>', { option: 'from' }),
    to: field('year', optionalText(yearCheck('--to')), "l'anno del nuovo Piano (default: --from + 1)", '<AAAA>', { option: 'to' }),
    out: field('text', optionalText(), 'il file YAML da scrivere (senza: su stdout)', '<piano.yaml>', { option: 'out', adapter: true }),
  },
  input: (p) => ({ from: p.from === undefined ? undefined : Number(p.from), to: p.to === undefined ? undefined : Number(p.to) }),
  plan: (input, context) => resolvePlan({ ...context, year: undefined }, input.from),
  slow: false,
  json: false,
  summary: "prepara il Piano dell'anno successivo (stesso albero, target e pesi, baseline = valori dell'anno)",
  help: "Scrive il file YAML del Piano --to (default: --from + 1) a partire dal Piano --from (default: quello corrente): stessi obiettivi, indicatori, target, pesi e persone, nessun valore; la baseline di ogni indicatore è il suo valore dell'anno --from, dove rilevato. Un commento in testa al file spiega da dove viene.\nSenza --out il file va su stdout. Un file --out esistente non viene sovrascritto. Poi: rivedi il file e importalo con pnpm perf plan import.",
  examples: ['--from 2012 --to 2013 --out piano-2013.yaml'],
  execute: async (input, { context }) => ({ kind: 'rollover', prepared: await preparePlanRollover(input, { ...context, year: undefined }) }),
});
