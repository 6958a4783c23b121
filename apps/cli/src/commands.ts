import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  auditTrail, createSignInLink, findCommand, formatDateTime, webSecretsFromEnv, historyTable, shortList, loadFinanceReports, periodLocksTable, preparePlanRollover, produceRelazione, renderAuditText,
  renderText, resolvePlan, statusExport, type Reply,
} from '@perf/core';
import { computeFinance, formatFinanceText, parseBilancio } from '@perf/finance-indices';
import { computeGender, formatGenderText, parseGenere } from '@perf/gender';
import { PerfError } from '@perf/model';
import { statusJson } from '@perf/scoring';
import { indicatorOption, yearOption, type CliArgs } from './args.ts';
import type { CliCommand, CliIo } from './cli-command.ts';
import { runChat } from './chat.ts';
import { withContext } from './runtime.ts';

/**
 * Loaded by the commands that use them: the file importers and the spreadsheets pull in exceljs (about
 * 1 s to load), which `status`, `report` and the other commands never need; the demo uses the importers.
 */
const importFiles = () => import('./import-files.ts');
const spreadsheets = () => import('./spreadsheets.ts');

const COMMON = `Opzioni comuni:
  --db <posizione>   cartella del database integrato o URL postgres:// (default: PERF_DB, altrimenti ./.perf/)
  --ente <codice>    l'ente, se il database ne contiene più d'uno
  --as <persona>     agisci come questa persona del Piano, con i suoi permessi (default: controllo di gestione)
  --year <AAAA>      l'anno del Piano (default: l'anno corrente o, se assente, il più recente)
  --help             questo aiuto`;

/** The `--out` file a command writes; missing, it is refused with an example of the right form. */
function requireOut(args: CliArgs, example: string): string {
  const out = args.options.get('out');
  if (out === undefined) throw new PerfError('OPTION_INVALID', 'Manca il file di destinazione.', { hint: `Forma corretta: ${example}` });
  return out;
}

function requireFiles(args: CliArgs, from: number, usage: string): string[] {
  const files = args.positional.slice(from);
  if (files.length === 0) throw new PerfError('FILE_MISSING', 'Manca il file da leggere.', { hint: `Forma corretta: ${usage}` });
  return files;
}

/**
 * Runs one command of the shared chat grammar and prints its reply (or its JSON). The words after the
 * CLI command's own words are the grammar's; `options` turns CLI options into grammar keys
 * (`--motivo "..."` → `motivo=...`), so both forms go through the same parse.
 */
async function runGrammarCommand(word: string, args: CliArgs, io: CliIo, toJson: (reply: Reply) => unknown, skip = 1, options: Record<string, string> = {}): Promise<void> {
  const command = findCommand(word);
  if (!command) throw new PerfError('INTERNAL', `Comando ${word} assente.`);
  const extra = Object.entries(options).flatMap(([option, key]) => {
    const value = args.options.get(option);
    return value === undefined ? [] : [`${key}=${value}`];
  });
  const input = command.parse([...args.positional.slice(skip), ...extra]);
  const reply = await withContext(args, (context) => command.execute(input, context));
  io.out(args.flags.has('json') ? JSON.stringify(toJson(reply), null, 2) : renderText(reply));
}

function replyJson(reply: Reply): unknown {
  if (reply.kind === 'status' && reply.scope === 'ente') return reply.compare === undefined ? statusJson(reply.report) : { ...statusJson(reply.report), compare: reply.compare };
  if (reply.kind === 'relazione') return { ...reply, pdf: undefined };
  return reply;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    words: ['plan', 'import'],
    usage: 'pnpm perf plan import <piano.yaml>',
    summary: 'importa (o aggiorna) il Piano della Performance di un ente e un anno',
    help: 'Valida il file (chiavi sconosciute, riferimenti, id ripetuti) e lo importa in una sola transazione: se il file non è valido nulla cambia.\nReimportare un Piano rivisto mantiene le rilevazioni degli indicatori ancora presenti.',
    run: async (args, io) => {
      const [file] = requireFiles(args, 2, 'pnpm perf plan import <piano.yaml>');
      const { importPlanFile } = await importFiles();
      io.out(await withContext(args, (context) => importPlanFile(file ?? '', context)));
    },
  },
  {
    words: ['values', 'import'],
    usage: 'pnpm perf values import <valori.yaml|valori.csv|valori.xlsx> [--skip-invalid] [--motivo "..."] [--ente <codice>]',
    summary: 'registra in blocco i valori di un file YAML o di un foglio di calcolo (tutti o nessuno)',
    help: [
      'YAML: ente: CODICE, year: AAAA, values: [ { indicator: 12, period: "2012-Q4", value: 23, by: persona, note: "..." } ].',
      'CSV (separato da virgole o da punti e virgola) o XLSX (il primo foglio): una riga di intestazione con le colonne',
      'indicatore, valore, periodo, nota, persona (oppure indicator, value, period, note, by); indicatore e valore obbligatori.',
      'Ogni valore passa gli stessi controlli di "report": se una riga è sbagliata non si registra nulla e ogni riga sbagliata è elencata',
      'con il suo numero e il motivo; con --skip-invalid si registrano le righe valide e si elencano le scartate.',
      'Il controllo di gestione importa a nome della persona della riga (default: il responsabile dell\'indicatore); gli altri solo a nome proprio.',
      'Reimportare lo stesso file non duplica nulla. Per i periodi chiusi serve --motivo "..." (solo controllo di gestione).',
    ].join('\n'),
    run: async (args, io) => {
      const [file] = requireFiles(args, 2, 'pnpm perf values import <valori.yaml|valori.csv|valori.xlsx>');
      const { importValuesFile } = await importFiles();
      // A long import tells on stderr how far it has got (every 100.000 rows).
      io.out(await withContext(args, (context) => importValuesFile(file ?? '', context, {
        skipInvalid: args.flags.has('skip-invalid'), reason: args.options.get('motivo'), progress: (step) => io.err(`… ${step}`),
      }), { bulk: true }));
    },
  },
  {
    words: ['plan', 'rollover'],
    usage: 'pnpm perf plan rollover [--from <AAAA>] [--to <AAAA>] [--out <piano.yaml>] [--ente <codice>]',
    summary: 'prepara il Piano dell\'anno successivo (stesso albero, target e pesi, baseline = valori dell\'anno)',
    help: 'Scrive il file YAML del Piano --to (default: --from + 1) a partire dal Piano --from (default: quello corrente): stessi obiettivi, indicatori, target, pesi e persone, nessun valore; la baseline di ogni indicatore è il suo valore dell\'anno --from, dove rilevato. Un commento in testa al file spiega da dove viene.\nSenza --out il file va su stdout. Un file --out esistente non viene sovrascritto. Poi: rivedi il file e importalo con pnpm perf plan import.',
    run: async (args, io) => {
      const out = args.options.get('out');
      if (out !== undefined && existsSync(out)) {
        throw new PerfError('FILE_EXISTS', `Il file "${out}" esiste già: non lo sovrascrivo.`, { hint: 'Scegli un altro nome con --out, oppure cancella il file.' });
      }
      const prepared = await withContext(args, (context) => preparePlanRollover({ from: yearOption(args, 'from'), to: yearOption(args, 'to') }, { ...context, year: undefined }));
      if (out === undefined) {
        io.out(prepared.yaml);
        return;
      }
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileSync(out, prepared.yaml);
      const lines = [`Piano ${prepared.plan.ente.code} ${prepared.plan.year} preparato dal Piano ${prepared.from.year}: ${prepared.plan.strategic_objectives.length} obiettivi strategici, ${prepared.plan.indicators.length} indicatori (${prepared.plan.indicators.length - prepared.withoutBaseline.length} con baseline ${prepared.from.year}). Scritto in ${resolve(out)}.`];
      if (prepared.withoutBaseline.length > 0) lines.push(`Senza valore ${prepared.from.year}, quindi senza baseline: indicatori ${shortList(prepared.withoutBaseline)}.`);
      if (prepared.targetExists) lines.push(`Attenzione: il database ha già un Piano ${prepared.plan.ente.code} ${prepared.plan.year}; importare questo file lo aggiorna.`);
      lines.push(`Rivedi il file, poi: pnpm perf plan import ${out}`);
      io.out(lines.join('\n'));
    },
  },
  {
    words: ['period', 'close'],
    usage: 'pnpm perf period close <periodo> [--ente <codice>]',
    summary: 'chiude un periodo di monitoraggio (2012-Q2) o l\'anno intero (2012)',
    help: 'Solo il controllo di gestione. Dopo la chiusura un valore per quel periodo è rifiutato, a meno che il controllo di gestione non indichi il motivo (report ... --motivo "..."): il motivo resta con la rilevazione ed è elencato negli allegati della Relazione.\nChiudere l\'anno chiude tutti i suoi periodi e congela i dati della Relazione: da quel momento contano solo i valori registrati fino alla chiusura, più quelli fuori termine accettati con motivo. In chat: chiudi 2012-Q2.',
    run: (args, io) => runGrammarCommand('chiudi', args, io, (reply) => reply, 2),
  },
  {
    words: ['period', 'list'],
    usage: 'pnpm perf period list [--year <AAAA>] [--ente <codice>] [--json]',
    summary: 'i periodi chiusi: quali, chi li ha chiusi, quando e da quale canale',
    help: 'Senza --year: tutti gli anni dell\'ente.',
    run: async (args, io) => {
      await withContext(args, async (context) => {
        const plan = await resolvePlan(context);
        const locks = await context.store.periodLocks({ ente: plan.ente.code, ...(context.year === undefined ? {} : { year: context.year }) });
        io.out(args.flags.has('json') ? JSON.stringify({ ente: plan.ente.code, locks }, null, 2) : `Periodi chiusi — ${plan.ente.name} (${plan.ente.code})\n${periodLocksTable(locks)}`);
      });
    },
  },
  {
    words: ['report'],
    usage: 'pnpm perf report <indicatore> value=<valore> [period=<periodo>] [note="..."] [--as <persona>]',
    summary: 'registra il valore di un indicatore',
    help: 'Numeri: 23 · 23.5 · 23,5 · 1.234,5 · 83%. Sì/no: si, sì, yes, true, 1, no, false, 0.\nPeriodi: 2012-Q1…Q4 (trimestrale), 2012-4M1…4M3 (quadrimestrale), 2012 (anno). Senza period: il periodo corrente (ora di Roma), o l\'ultimo dell\'anno se l\'anno è finito.',
    run: (args, io) => runGrammarCommand('report', args, io, replyJson, 1, { motivo: 'motivo' }),
  },
  {
    words: ['status'],
    usage: 'pnpm perf status [me | <obiettivo> | <indicatore>] [--year <AAAA>] [--compare <AAAA>] [--json]',
    summary: 'grado di raggiungimento dell\'ente, degli obiettivi e degli indicatori',
    help: 'Senza --year: il Piano dell\'anno corrente o, se assente, il più recente. --json stampa l\'oggetto del contratto (§7).\n--compare <AAAA> affianca al grado di ogni obiettivo strategico e operativo quello dello stesso obiettivo (stesso id) nell\'altro anno ("—" dove manca); in --json è il membro "compare".\nUn anno chiuso mostra i dati alla chiusura, più i valori fuori termine accettati con motivo.',
    run: (args, io) => runGrammarCommand('status', args, io, replyJson, 1, { compare: 'confronta' }),
  },
  {
    words: ['export'],
    usage: 'pnpm perf export --format csv|xlsx --out <file> [--year <AAAA>] [--ente <codice>]',
    summary: 'esporta lo stato (obiettivi e indicatori con i gradi) e tutte le rilevazioni in un foglio di calcolo',
    help: 'XLSX: un file con i fogli "Stato" e "Rilevazioni". CSV: due file accanto a --out, <nome>-stato.csv e <nome>-rilevazioni.csv (UTF-8, separati da virgole, numeri con il punto decimale, date e ore in ISO 8601 UTC).\nI numeri sono celle numeriche. Senza --format vale l\'estensione di --out. Non per il personale.',
    run: async (args, io) => {
      const out = requireOut(args, 'pnpm perf export --format xlsx --out stato-2012.xlsx [--year 2012]');
      const { exportFormat, writeSheets } = await spreadsheets();
      const format = exportFormat(args.options.get('format'), out);
      const exported = await withContext(args, (context) => statusExport(context));
      mkdirSync(dirname(resolve(out)), { recursive: true });
      const files = await writeSheets(exported.sheets, format, out);
      io.out(`Stato ${exported.plan.ente} ${exported.plan.year} esportato: ${exported.sheets.map((s) => `${s.name} (${s.rows.length} righe)`).join(', ')}.\n${files.map((f) => `Scritto ${resolve(f)}`).join('\n')}`);
    },
  },
  {
    words: ['audit'],
    usage: 'pnpm perf audit [--indicator <n>] [--year <AAAA>] [--json]',
    summary: 'il registro per l\'OIV: ogni rilevazione con chi, quando, canale, valori sostituiti e fuori termine; importazioni e chiusure',
    help: 'Sola lettura. Per ogni rilevazione (anche sostituita): periodo, valore, il valore che ha sostituito, chi, quando, canale, nota e, per i valori fuori termine, il motivo e chi li ha accettati. Poi i periodi chiusi e gli eventi del registro: Piani importati, chiusure, file di valori importati (quante rilevazioni), bilanci e dati di genere importati.\nLo consultano OIV, controllo di gestione e dirigenti (non il personale).',
    run: async (args, io) => {
      await withContext(args, async (context) => {
        const trail = await auditTrail({ indicator: indicatorOption(args) }, context);
        if (args.flags.has('json')) {
          io.out(JSON.stringify({ ente: trail.plan.ente, year: trail.plan.year, indicator: trail.indicator ?? null, rilevazioni: trail.rilevazioni, locks: trail.locks, events: trail.events }, null, 2));
          return;
        }
        io.out(renderAuditText(trail));
      });
    },
  },
  {
    words: ['history'],
    usage: 'pnpm perf history <indicatore> [--year <AAAA>] [--json]',
    summary: 'tutte le rilevazioni di un indicatore, anche quelle sostituite',
    help: 'Per ogni rilevazione: periodo, valore, chi, quando, canale, nota, e se è stata sostituita.',
    run: async (args, io) => {
      const text = args.positional[1];
      if (text === undefined || !/^#?\d+$/.test(text)) throw new PerfError('COMMAND_INVALID', 'Manca il numero dell\'indicatore.', { hint: 'Forma corretta: pnpm perf history <indicatore> [--year <AAAA>] [--json]' });
      const id = Number(text.replace('#', ''));
      await withContext(args, async (context) => {
        const plan = await resolvePlan(context);
        const indicator = plan.indicators.find((i) => i.id === id);
        const history = await context.store.history(plan.ente.code, plan.year, id);
        if (!indicator && history.length === 0) {
          throw new PerfError('INDICATOR_UNKNOWN', `L'indicatore ${id} non esiste nel Piano ${plan.ente.code} ${plan.year}.`, { hint: `Indicatori del Piano: ${shortList(plan.indicators.map((i) => i.id))}.` });
        }
        if (args.flags.has('json')) {
          io.out(JSON.stringify({ ente: plan.ente.code, year: plan.year, indicator: id, rilevazioni: history }, null, 2));
          return;
        }
        io.out(`Indicatore ${id}${indicator ? ` «${indicator.name}»` : ' (non più nel Piano)'} — ${plan.ente.code} ${plan.year}\n${historyTable(indicator ?? { direction: 'higher' }, history)}`);
      });
    },
  },
  {
    words: ['relazione'],
    usage: 'pnpm perf relazione --year <AAAA> --out <file.pdf> [--ente <codice>]',
    summary: 'produce il PDF della Relazione sulla Performance dal database',
    help: 'Legge Piano, rilevazioni, bilancio e dati di genere dal database. Lo stato di avanzamento va su stderr.',
    run: async (args, io) => {
      const out = requireOut(args, 'pnpm perf relazione --year 2012 --out relazione-2012.pdf');
      const reply = await withContext(args, (context) => produceRelazione({ year: yearOption(args) }, context, (step) => io.err(`… ${step}`)));
      writePdf(out, reply.pdf);
      io.out(`${renderText(reply)}\nScritta in ${resolve(out)}`);
    },
  },
  {
    words: ['finance', 'import'],
    usage: 'pnpm perf finance import <bilancio.yaml>… [--ente <codice>]',
    summary: 'salva i bilanci nel database (per la Relazione)',
    help: 'Valida ogni file e lo salva per l\'ente e l\'anno indicati nel file.',
    run: async (args, io) => {
      const files = requireFiles(args, 2, 'pnpm perf finance import <bilancio.yaml>…');
      const { importBilancioFile } = await importFiles();
      await withContext(args, async (context) => { for (const file of files) io.out(await importBilancioFile(file, context)); });
    },
  },
  {
    words: ['finance'],
    usage: 'pnpm perf finance <bilancio.yaml>… [--json]',
    summary: 'indici economico-finanziari di uno o più bilanci (con il confronto tra anni)',
    help: 'Senza file: gli indici dei bilanci salvati nel database per l\'anno (--year) e il precedente.',
    run: async (args, io) => {
      const files = args.positional.slice(1);
      const reports = files.length > 0
        ? await importFiles().then(({ readTextFile }) => files.map((file) => computeFinance(parseBilancio(readTextFile(file), file))).sort((a, b) => a.year - b.year))
        : await withContext(args, async (context) => { const plan = await resolvePlan(context); return loadFinanceReports(context.store, plan.ente.code, plan.year); });
      if (reports.length === 0) throw new PerfError('NO_DATA', 'Nessun bilancio nel database per questo anno.', { hint: 'Forma corretta: pnpm perf finance <bilancio.yaml>… oppure pnpm perf finance import <bilancio.yaml>' });
      const [only] = reports;
      io.out(args.flags.has('json') ? JSON.stringify(reports.length === 1 ? only : reports, null, 2) : formatFinanceText(reports));
    },
  },
  {
    words: ['gender', 'import'],
    usage: 'pnpm perf gender import <genere.yaml> [--ente <codice>]',
    summary: 'salva i dati di genere nel database (per la Relazione)',
    help: 'Valida il file e lo salva per l\'ente e l\'anno indicati nel file.',
    run: async (args, io) => {
      const files = requireFiles(args, 2, 'pnpm perf gender import <genere.yaml>');
      const { importGenereFile } = await importFiles();
      await withContext(args, async (context) => { for (const file of files) io.out(await importGenereFile(file, context)); });
    },
  },
  {
    words: ['gender'],
    usage: 'pnpm perf gender <genere.yaml> [--json]',
    summary: 'tabelle della dimensione di genere, con i controlli incrociati',
    help: 'Stampa le tabelle con totali, quote femminili e variazioni; avvisa quando i totali di due tabelle non coincidono.',
    run: async (args, io) => {
      const [file] = requireFiles(args, 1, 'pnpm perf gender <genere.yaml> [--json]');
      const { readTextFile } = await importFiles();
      const report = computeGender(parseGenere(readTextFile(file ?? ''), file ?? ''));
      io.out(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatGenderText(report));
    },
  },
  {
    words: ['demo'],
    usage: 'pnpm perf demo [--db <posizione>] [--out <file.pdf>]',
    summary: 'carica l\'esempio CCIAA di Massa Carrara 2012, stampa lo stato e scrive la Relazione',
    help: 'Importa Piano, valori 2012, bilanci 2011-2012 e dati di genere dell\'esempio in examples/cciaa-ms-2012/. Ripeterlo non duplica nulla.',
    run: async (args, io) => (await import('./demo.ts')).runDemo(args, io),
  },
  {
    words: ['web', 'link'],
    usage: 'pnpm perf web link --as <persona> [--ente <codice>]',
    summary: 'stampa il link personale di accesso al cruscotto web (valido 15 minuti, una sola volta)',
    help: 'Legge PERF_WEB_SECRET (lo stesso del cruscotto) e PERF_WEB_URL (default http://localhost:<PORT>, PORT default 8080). Il link apre una sessione di 8 ore con i permessi della persona.',
    run: async (args, io) => {
      const secrets = webSecretsFromEnv();
      const link = await withContext(args, (context) => createSignInLink(context, secrets));
      io.out(`${link.url}\nLink di accesso per ${link.person.name} (${link.ente}): valido 15 minuti (fino al ${formatDateTime(link.expiresAt)}), una sola volta.`);
    },
  },
  {
    words: ['chat'],
    usage: 'pnpm perf chat [--as <persona>]',
    summary: 'conversazione da terminale con la stessa grammatica del bot Slack',
    help: 'Scrivi i comandi senza /perf (report 12 value=23, status, help). "esci" per uscire.',
    run: (args, io) => runChat(args, io),
  },
];

export function writePdf(path: string, pdf: Uint8Array): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, pdf);
}

export function generalHelp(): string {
  return ['perf — il ciclo della performance (d.lgs. 150/2009) dalla riga di comando.', '', 'Comandi:',
    ...CLI_COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`), '', COMMON, '', 'Aiuto di un comando: pnpm perf <comando> --help'].join('\n');
}

export function commandHelp(command: CliCommand): string {
  return [`Uso: ${command.usage}`, '', `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`, command.help, '', COMMON].join('\n');
}

/** The longest command whose words start the argument list (`finance import` before `finance`). */
export function matchCommand(positional: readonly string[]): CliCommand | undefined {
  return [...CLI_COMMANDS].sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((word, i) => positional[i]?.toLowerCase() === word));
}

